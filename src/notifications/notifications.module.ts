import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Notification } from './notification.entity';
import { UndeliverableAddress } from './undeliverable-address.entity';
import { StaffModule } from '../staff/staff.module';
import { EmailTemplatePreviewsController } from '../web/emails/email-template-previews.controller';
import { NotificationOutbox } from './notification-outbox.service';
import { StaffNotificationsController } from './staff-notifications.controller';

/**
 * The API side of notifications: writing emails to the outbox, template previews, the staff list of
 * undelivered email. Sending lives in the worker.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Notification, UndeliverableAddress]), StaffModule],
  controllers: [StaffNotificationsController, EmailTemplatePreviewsController],
  providers: [NotificationOutbox],
  exports: [NotificationOutbox],
})
export class NotificationsModule {}
