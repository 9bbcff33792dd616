import { Module } from '@nestjs/common';
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
import {
  ConsoleAccountController,
  ConsolePasswordResetController,
  ConsoleSecondFactorController,
  ConsoleStaffController,
} from './console-account.controller';
import { ConsoleAuthGuard } from './console-auth.guard';
import { ConsoleRetentionController } from './console-retention.controller';
import { ConsoleSetPasswordController } from './console-set-password.controller';
import { ConsoleVolunteersController } from './console-volunteers.controller';
import {
  ConsoleFallbackController,
  ConsoleLoginController,
  ConsoleRequestsController,
} from './console.controller';
import { ConsoleSystemController } from './console-system.controller';
import { ConsoleVolunteerLifeController } from './console-volunteer-life.controller';

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
  ],
  controllers: [
    ConsoleLoginController,
    ConsoleSetPasswordController,
    ConsoleSecondFactorController,
    ConsolePasswordResetController,
    ConsoleAccountController,
    ConsoleStaffController,
    ConsoleRequestsController,
    // Before the volunteers' pages: /console/volunteers/new is not a volunteer's id.
    ConsoleVolunteerLifeController,
    ConsoleVolunteersController,
    ConsoleProvidersController,
    ConsoleMailController,
    ConsoleSystemController,
    ConsoleSettingsController,
    ConsoleAgencyController,
    ConsoleAuditController,
    ConsoleRetentionController,
    // Last, so it only answers what no page above does.
    ConsoleFallbackController,
  ],
  providers: [ConsoleAuthGuard],
})
export class ConsoleModule {}
