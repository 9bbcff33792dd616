import { Module } from '@nestjs/common';
import { StaffModule } from '../staff/staff.module';
import { NotificationOutbox } from './notification-outbox.service';
import { StaffNotificationsController } from './staff-notifications.controller';

/** The API side of notifications: writing emails to the outbox, the staff delivery list. Sending lives in the worker. */
@Module({
  imports: [StaffModule],
  controllers: [StaffNotificationsController],
  providers: [NotificationOutbox],
  exports: [NotificationOutbox],
})
export class NotificationsModule {}
