import { Module } from '@nestjs/common';
import { AccountsModule } from '../../accounts/accounts.module';
import { HelpSeekersModule } from '../../help-seekers/help-seekers.module';
import { MatchingModule } from '../../matching/matching.module';
import { ProvidersModule } from '../../providers/providers.module';
import { StaffModule } from '../../staff/staff.module';
import { VolunteersModule } from '../../volunteers/volunteers.module';
import {
  ConsoleAgencyController,
  ConsoleMailController,
  ConsoleProvidersController,
  ConsoleSettingsController,
} from './console-admin.controller';
import {
  ConsoleAccountController,
  ConsolePasswordResetController,
  ConsoleSecondFactorController,
  ConsoleStaffController,
} from './console-account.controller';
import { ConsoleAuthGuard } from './console-auth.guard';
import { ConsoleVolunteersController } from './console-volunteers.controller';
import {
  ConsoleFallbackController,
  ConsoleLoginController,
  ConsoleRequestsController,
} from './console.controller';

/** The staff console in the browser: server-rendered pages over the existing services. */
@Module({
  imports: [
    StaffModule,
    AccountsModule,
    HelpSeekersModule,
    MatchingModule,
    VolunteersModule,
    ProvidersModule,
  ],
  controllers: [
    ConsoleLoginController,
    ConsoleSecondFactorController,
    ConsolePasswordResetController,
    ConsoleAccountController,
    ConsoleStaffController,
    ConsoleRequestsController,
    ConsoleVolunteersController,
    ConsoleProvidersController,
    ConsoleMailController,
    ConsoleSettingsController,
    ConsoleAgencyController,
    // Last, so it only answers what no page above does.
    ConsoleFallbackController,
  ],
  providers: [ConsoleAuthGuard],
})
export class ConsoleModule {}
