import { Module } from '@nestjs/common';
import { ConsoleEditController } from './console-edit.controller';
import { AccountsModule } from '../../accounts/accounts.module';
import { HelpSeekersModule } from '../../help-seekers/help-seekers.module';
import { MatchingModule } from '../../matching/matching.module';
import { ProvidersModule } from '../../providers/providers.module';
import { RetentionModule } from '../../retention/retention.module';
import { StaffModule } from '../../staff/staff.module';
import { VolunteersModule } from '../../volunteers/volunteers.module';
import {
  ConsoleAgencyController,
  ConsoleMailController,
  ConsoleProvidersController,
  ConsoleSettingsController,
} from './console-admin.controller';
import { ConsoleAuditController } from './console-audit.controller';
import { ConsoleHelpSeekersController, ConsoleRequestListController } from './console-find.controller';
import { ConsoleUrgencyController } from './console-urgency.controller';
import { ConsoleIntakeController } from './console-intake.controller';
import {
  ConsoleAccountController,
  ConsolePasswordResetController,
  ConsoleSecondFactorController,
  ConsoleStaffController,
} from './console-account.controller';
import { ConsoleAuthGuard } from './console-auth.guard';
import { ConsoleRequestCloseController } from './console-request-close.controller';
import { ConsoleRetentionController } from './console-retention.controller';
import { ConsoleSetPasswordController } from './console-set-password.controller';
import { ConsoleVolunteersController } from './console-volunteers.controller';
import {
  ConsoleFallbackController,
  ConsoleLoginController,
  ConsoleRequestsController,
} from './console.controller';
import { ConsoleSystemController } from './console-system.controller';
import { ConsoleWeekController } from './console-week.controller';
import { ConsoleEngineController, EnginePanelLoader } from './console-engine.controller';
import { ConsoleVolunteerLifeController } from './console-volunteer-life.controller';
import { OpportunitiesModule } from '../../opportunities/opportunities.module';
import { ConsoleOpportunitiesController } from './console-opportunities.controller';
import { PlacementsModule } from '../../placements/placements.module';
import { ConsolePlacementsController } from './console-placements.controller';
import { ConsoleFitController } from './console-fit.controller';
import { FitModule } from '../../fit/fit.module';
import { EngagementModule } from '../../engagement/engagement.module';
import { ConsoleOpportunityExportController } from './console-opportunity-export.controller';
import { ReportsModule } from '../../reports/reports.module';
import { ConsoleReportSettingsController } from './reports/console-report-settings.controller';
import { ConsoleReportsController } from './reports/console-reports.controller';
import { HoursModule } from '../../hours/hours.module';
import { ConsoleHoursController } from './console-hours.controller';
import { TransferModule } from '../../transfer/transfer.module';
import { ConsoleImportController } from './import/console-import.controller';

import { HostWebModule } from '../host/host-web.module';
import { ConsoleHostLinksController } from './console-host-links.controller';
import { AgencyExportModule } from '../../transfer/export/agency-export.module';
import { ConsoleExportController } from './console-export.controller';

/** The staff console in the browser: server-rendered pages over the existing services. */
@Module({
  imports: [
    StaffModule,
    AccountsModule,
    HelpSeekersModule,
    MatchingModule,
    VolunteersModule,
    ProvidersModule,
    RetentionModule,
    OpportunitiesModule,
    FitModule,
    PlacementsModule,
    EngagementModule,
    ReportsModule,
    HoursModule,
    HostWebModule,
    TransferModule,
    AgencyExportModule,
  ],
  controllers: [
    ConsoleLoginController,
    ConsoleSetPasswordController,
    ConsoleSecondFactorController,
    ConsolePasswordResetController,
    ConsoleAccountController,
    ConsoleStaffController,
    ConsoleRequestListController,
    ConsoleHelpSeekersController,
    ConsoleRequestsController,
    ConsoleRequestCloseController,
    ConsoleIntakeController,
    // Before the volunteers' pages: /console/volunteers/new is not a volunteer's id.
    ConsoleVolunteerLifeController,
    ConsoleVolunteersController,
    ConsoleHostLinksController,
    ConsoleProvidersController,
    ConsoleMailController,
    ConsoleSystemController,
    ConsoleSettingsController,
    ConsoleAgencyController,
    ConsoleUrgencyController,
    ConsoleAuditController,
    ConsoleRetentionController,
    ConsoleWeekController,
    ConsoleEditController,
    ConsoleEngineController,
    // Before the opportunities' pages: /console/opportunities/export.csv is not an id.
    ConsoleOpportunityExportController,
    ConsoleOpportunitiesController,
    ConsolePlacementsController,
    ConsoleFitController,
    ConsoleReportsController,
    ConsoleReportSettingsController,
    ConsoleHoursController,
    ConsoleImportController,
    ConsoleExportController,
    // Last, so it only answers what no page above does.
    ConsoleFallbackController,
  ],
  providers: [ConsoleAuthGuard, EnginePanelLoader],
})
export class ConsoleModule {}
