import { ApiProperty } from '@nestjs/swagger';
import { NOTIFICATION_KINDS, type NotificationKind } from '../domain/notification-kinds';
import { NOTIFICATION_STATUSES, type NotificationStatus } from '../notification.entity';

/** One email as staff see it: who, what kind, how delivery went. Never its content. */
export class NotificationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind: NotificationKind;

  @ApiProperty({ format: 'uuid', description: 'the match, request or volunteer the email is about' })
  subjectId: string;

  @ApiProperty({ example: 'jonas@example.org' })
  recipient: string;

  @ApiProperty({ enum: NOTIFICATION_STATUSES })
  status: NotificationStatus;

  @ApiProperty()
  attempts: number;

  @ApiProperty({ type: String, nullable: true, example: '550 5.1.1 mailbox unknown' })
  lastError: string | null;

  @ApiProperty({ type: Date })
  createdAt: Date;

  @ApiProperty({ type: Date, nullable: true })
  firstAttemptAt: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  sentAt: Date | null;
}

/** An address whose last delivery a server refused for good. */
export class UndeliverableAddressDto {
  @ApiProperty({ example: 'old@example.org' })
  address: string;

  @ApiProperty({ example: 550 })
  responseCode: number;

  @ApiProperty({ example: 'mailbox unknown' })
  reason: string;

  @ApiProperty({ format: 'uuid' })
  notificationId: string;

  @ApiProperty({ type: Date })
  markedAt: Date;
}
