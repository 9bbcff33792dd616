import { Module } from '@nestjs/common';
import { NotificationOutbox } from './notification-outbox.service';

/** The API side of notifications: writing emails to the outbox. Sending lives in the worker. */
@Module({
  providers: [NotificationOutbox],
  exports: [NotificationOutbox],
})
export class NotificationsModule {}
