import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './config/config';
import { ConsoleModule } from './web/console/console.module';
import { CoreModule } from './core.module';
import { AccountsModule } from './accounts/accounts.module';
import { AbuseProtectionModule } from './abuse-protection/abuse-protection.module';
import { HealthModule } from './health/health.module';
import { HelpSeekersModule } from './help-seekers/help-seekers.module';
import { MatchingModule } from './matching/matching.module';
import { MailboxModule } from './web/mailbox/mailbox.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ObservabilityModule } from './observability/observability.module';
import { ProvidersModule } from './providers/providers.module';
import { OpportunitiesModule } from './opportunities/opportunities.module';
import { EngagementModule } from './engagement/engagement.module';
import { PlacementsModule } from './placements/placements.module';
import { HoursModule } from './hours/hours.module';
import { TransferModule } from './transfer/transfer.module';
import { FitModule } from './fit/fit.module';
import { PublicWebModule } from './web/public/public-web.module';
import { SettingsApiModule } from './settings/settings-api.module';
import { StaffModule } from './staff/staff.module';
import { VolunteersModule } from './volunteers/volunteers.module';
import { LettersWebModule } from './web/letters/letters-web.module';
import { LinksWebModule } from './web/links/links-web.module';
import { HostWebModule } from './web/host/host-web.module';
import { EmailPreviewsModule } from './web/emails/email-previews.module';
import { AgencyExportModule } from './transfer/export/agency-export.module';

/** The HTTP API: controllers and producers only; no BullMQ worker runs here. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig = loadConfig()): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        CoreModule.forRoot(config),
        AbuseProtectionModule,
        StaffModule,
        AccountsModule,
        ProvidersModule,
        // Before the opportunities' own routes: /api/staff/opportunities/export.csv is not an id.
        EngagementModule,
        OpportunitiesModule,
        PlacementsModule,
        HoursModule,
        TransferModule,
        AgencyExportModule,
        FitModule,
        VolunteersModule,
        HelpSeekersModule,
        MatchingModule,
        NotificationsModule,
        SettingsApiModule,
        ObservabilityModule,
        ConsoleModule,
        PublicWebModule,
        LinksWebModule,
        HostWebModule,
        LettersWebModule,
        EmailPreviewsModule,
        HealthModule,
        ...(config.MAIL_SINK_ENABLED ? [MailboxModule.forDirectory(config.MAIL_SINK_DIR)] : []),
      ],
    };
  }
}
