import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { NotificationDto, UndeliverableAddressDto } from './dto/notification.response';
import { InjectRepository } from '@nestjs/typeorm';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { In, Repository } from 'typeorm';
import { StaffAuthGuard } from '../staff/staff-auth.guard';
import { Notification, NOTIFICATION_STATUSES, type NotificationStatus } from './notification.entity';
import { UndeliverableAddress } from './undeliverable-address.entity';

/** What staff must act on: refused for good (5xx) or given up after the retry window. */
const NEEDS_ATTENTION: NotificationStatus[] = ['undeliverable', 'failed'];

class ListNotificationsQuery {
  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES, description: 'default: undeliverable and failed' })
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES)
  status?: NotificationStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/**
 * Email delivery as staff see it: which emails did not arrive and which addresses a server
 * refused, newest first. Never the email's content (it may hold a help-seeker's contact).
 */
@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/notifications')
export class StaffNotificationsController {
  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    @InjectRepository(UndeliverableAddress) private readonly undeliverable: Repository<UndeliverableAddress>,
  ) {}

  @Get()
  @ApiDoc(
    'Emails that did not arrive',
    'Emails a server refused for good (`undeliverable`) or that were given up after the retry window (`failed`), newest first; or any one status. Never the email’s content.',
  )
  @ApiOkResponse({ type: [NotificationDto] })
  @ApiStaffErrors()
  async list(@Query() query: ListNotificationsQuery) {
    const rows = await this.notifications.find({
      where: { status: query.status ? query.status : In(NEEDS_ATTENTION) },
      order: { createdAt: 'DESC' },
      take: query.limit ?? 100,
    });
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      subjectId: row.subjectId,
      recipient: row.recipient,
      status: row.status,
      attempts: row.attempts,
      lastError: row.lastError,
      createdAt: row.createdAt,
      firstAttemptAt: row.firstAttemptAt,
      sentAt: row.sentAt,
    }));
  }

  /** Addresses whose last delivery a server refused for good; a later successful one clears it. */
  @Get('undeliverable-addresses')
  @ApiDoc(
    'Addresses that refuse email',
    'Addresses whose last delivery a server refused for good, newest first (at most 500); a later successful delivery clears an address.',
  )
  @ApiOkResponse({ type: [UndeliverableAddressDto] })
  @ApiStaffErrors()
  undeliverableAddresses() {
    return this.undeliverable.find({ order: { markedAt: 'DESC' }, take: 500 });
  }
}
