import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Notification } from './notification.entity';
import { UndeliverableAddress } from './undeliverable-address.entity';
import { StaffModule } from '../staff/staff.module';
import { NotificationOutbox } from './notification-outbox.service';
import { StaffNotificationsController } from './staff-notifications.controller';

/**
 * The API side of notifications: writing emails to the outbox, the staff list of undelivered email.
 * Sending lives in the worker; composing and the template previews in src/web/emails.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Notification, UndeliverableAddress]), StaffModule],
  controllers: [StaffNotificationsController],
  providers: [NotificationOutbox],
  exports: [NotificationOutbox],
})
export class NotificationsModule {}
