import { Module } from '@nestjs/common';
import { StaffModule } from '../staff/staff.module';
import { EmailTemplatePreviewsController } from '../web/emails/email-template-previews.controller';
import { NotificationOutbox } from './notification-outbox.service';
import { StaffNotificationsController } from './staff-notifications.controller';

/**
 * The API side of notifications: writing emails to the outbox, template previews, the staff list of
 * undelivered email. Sending lives in the worker.
 */
@Module({
  imports: [StaffModule],
  controllers: [StaffNotificationsController, EmailTemplatePreviewsController],
  providers: [NotificationOutbox],
  exports: [NotificationOutbox],
})
export class NotificationsModule {}
