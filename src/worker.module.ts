import { DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig, loadConfig } from './config/config';
import { CoreModule } from './core.module';
import { AbuseProtectionService } from './abuse-protection/abuse-protection.service';
import { HelpSeekerRightsService } from './help-seekers/help-seeker-rights.service';
import { RetentionAnswersService } from './retention/retention-answers.service';
import { RetentionProcessor } from './retention/retention.processor';
import { RetentionService } from './retention/retention.service';
import { RetentionSettingsService } from './retention/retention-settings.service';
import { SelfServiceService } from './volunteers/self-service.service';
import { VolunteersService } from './volunteers/volunteers.service';
import { HealthProbe } from './health/health-probe.service';
import { WorkerHealthServer } from './health/worker-health.server';
import { GlobalAssignmentService } from './matching/global-assignment.service';
import { MatchDecisionsService } from './matching/match-decisions.service';
import { OfferWithdrawalService } from './matching/offer-withdrawal.service';
import { MatchingProcessor } from './matching/matching.processor';
import { MatchingService } from './matching/matching.service';
import { RequestClosingService } from './matching/request-closing.service';
import { EMAIL_TRANSPORT } from './notifications/email-transport';
import { EmailComposer } from './notifications/email-composer';
import { NotificationOutbox } from './notifications/notification-outbox.service';
import { NotificationDelivery } from './notifications/notification-delivery.service';
import { NotificationSweeper } from './notifications/notification-sweeper.poller';
import { NotificationsProcessor } from './notifications/notifications.processor';
import { SmtpTransport } from './notifications/smtp.transport';
import { WorkerHeartbeatWriter } from './queue/worker-heartbeat';
import { StaffDigestService } from './notifications/staff-digest.service';
import { OutboxRelayPoller } from './queue/outbox-relay.poller';
import { StaffSessionPurger } from './staff/staff-session-purger.poller';
import { NotificationComposer } from './web/emails/notification-composer.service';
import { HostEmailComposer } from './web/emails/host-email-composer';
import { HostRemindersService } from './hosts/host-reminders.service';
import { HostsProcessor } from './hosts/hosts.processor';
import { PlacementFollowUpsService } from './placements/placement-follow-ups.service';
import { PlacementStagesService } from './placements/placement-stages.service';
import { PlacementsProcessor } from './placements/placements.processor';
import { TransferProcessor } from './transfer/transfer.processor';
import { TransferService } from './transfer/transfer.service';
import { ReportRollupService } from './reports/report-rollup.service';
import { ReportsProcessor } from './reports/reports.processor';
import { StaffDigestEmail } from './web/emails/staff-digest-email.service';

/** The job side: BullMQ processors, the outbox relay and the SMTP transport; no HTTP server. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig = loadConfig()): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(config)],
      providers: [
        // The console's system page lists the workers by this heartbeat.
        WorkerHeartbeatWriter,
        MatchingService,
        MatchDecisionsService,
        OfferWithdrawalService,
        GlobalAssignmentService,
        RequestClosingService,
        NotificationOutbox,
        MatchingProcessor,
        // Notifications sends what src/web/emails composes: it owns the interface, web implements it.
        { provide: EmailComposer, useClass: NotificationComposer },
        StaffDigestEmail,
        NotificationDelivery,
        NotificationSweeper,
        NotificationsProcessor,
        StaffDigestService,
        OutboxRelayPoller,
        // Retention reuses the erasures of help-seekers and volunteers (and what they need).
        AbuseProtectionService,
        VolunteersService,
        SelfServiceService,
        HelpSeekerRightsService,
        RetentionSettingsService,
        RetentionAnswersService,
        RetentionService,
        RetentionProcessor,
        HealthProbe,
        WorkerHealthServer,
        StaffSessionPurger,
        {
          provide: EMAIL_TRANSPORT,
          inject: [APP_CONFIG],
          useFactory: (appConfig: AppConfig) =>
            new SmtpTransport({
              host: appConfig.SMTP_HOST,
              port: appConfig.SMTP_PORT,
              secure: appConfig.SMTP_SECURE,
              requireTls: appConfig.SMTP_REQUIRE_TLS,
              user: appConfig.SMTP_USER,
              pass: appConfig.SMTP_PASS,
              from: appConfig.MAIL_FROM,
              maxConnections: appConfig.SMTP_MAX_CONNECTIONS,
              ratePerSecond: appConfig.SMTP_RATE_PER_SECOND,
            }),
        },
        // Host organisations' emails (src/web/host, docs/hosts.md).
        HostEmailComposer,
        HostRemindersService,
        HostsProcessor,
        // The placement follow-up (docs/placements.md).
        PlacementStagesService,
        PlacementFollowUpsService,
        PlacementsProcessor,
        // CSV imports (docs/data-transfer.md).
        TransferService,
        TransferProcessor,
        // Report rollup (docs/reports.md "Rollup").
        ReportRollupService,
        ReportsProcessor,
      ],
    };
  }
}
