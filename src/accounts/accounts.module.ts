import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { StaffModule } from '../staff/staff.module';
import { PasswordResetRequestsService } from './password-reset-requests.service';
import { PasswordResetController } from './password-reset.controller';

/**
 * Staff account flows that send email (password reset): between staff, which owns the accounts,
 * and notifications, which already depends on staff for its guards.
 */
@Module({
  imports: [StaffModule, NotificationsModule],
  controllers: [PasswordResetController],
  providers: [PasswordResetRequestsService],
  exports: [PasswordResetRequestsService],
})
export class AccountsModule {}
