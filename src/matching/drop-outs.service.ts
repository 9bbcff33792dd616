import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { CallTask } from '../help-seekers/call-task.entity';
import { HelpRequest } from '../help-seekers/help-request.entity';
import { NotificationOutbox } from '../notifications/notification-outbox.service';
import { OutboxService } from '../queue/outbox.service';
import { NotFoundError } from '../shared/domain-error';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { assertMatchTransition } from './domain/match-status';
import { isLateCancellation, type DropOutReason } from './domain/volunteer-answers';
import { MatchDecisionsService } from './match-decisions.service';
import { Match } from './match.entity';

export type DropOutOutcome = 'dropped-out' | 'already-dropped-out' | 'not-applicable';

export interface DropOutInput {
  /** Optional for the volunteer; staff always give one. */
  reason: DropOutReason | null;
  note: string | null;
}

/**
 * A volunteer calls off an agreed assignment (through the link in their confirmation, or staff
 * record what they said on the phone). One transaction: the match ends with the reason and time
 * (late when less than 48 hours before the appointment), the request is matched again, staff get
 * the "assignment open again" email and the help-seeker a call task. Safe to repeat: a second
 * click finds the match already ended and changes nothing.
 */
@Injectable()
export class DropOutsService {
  constructor(
    // DataSource, not repositories: one transaction over the match, its request, the call task and the emails (cross-feature).
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly decisions: MatchDecisionsService,
    private readonly notifications: NotificationOutbox,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async dropOut(
    matchId: string,
    input: DropOutInput,
    staff: AuthenticatedStaff | null,
    now = new Date(),
  ): Promise<DropOutOutcome> {
    const { outcome, jobIds } = await this.dataSource.transaction(async (manager) => {
      const found = await manager.findOneBy(Match, { id: matchId });
      if (!found) {
        throw new NotFoundError('match', matchId);
      }
      // The request first, then the match: the order every match decision locks in.
      const request = await manager.findOneOrFail(HelpRequest, {
        where: { id: found.requestId },
        lock: { mode: 'pessimistic_write' },
      });
      const match = await manager.findOneOrFail(Match, {
        where: { id: matchId },
        lock: { mode: 'pessimistic_write' },
      });
      if (match.status === 'dropped-out') {
        return { outcome: 'already-dropped-out' as const, jobIds: [] };
      }
      if (match.status !== 'accepted' || request.status !== 'matched') {
        return { outcome: 'not-applicable' as const, jobIds: [] };
      }
      assertMatchTransition(match.status, 'dropped-out');
      const ended = {
        status: 'dropped-out' as const,
        endedReason: input.reason,
        endedNote: input.note,
        endedAt: now,
        endedLate: isLateCancellation(now, request.startsAt),
        endedByStaffId: staff?.id ?? null,
      };
      await manager.update(Match, match.id, ended);
      await this.audit.record(
        {
          staffUserId: staff?.id ?? null,
          action: 'match.dropped-out',
          entityType: 'match',
          entityId: match.id,
          details: {
            requestId: request.id,
            via: staff ? 'staff' : 'volunteer-link',
            before: { status: match.status },
            after: { status: ended.status, reason: ended.endedReason, late: ended.endedLate },
          },
        },
        manager,
      );
      const staffNotice = await this.notifications.queue(manager, {
        kind: 'staff-assignment-cancelled',
        subjectId: match.id,
        recipient: this.config.STAFF_NOTIFY_EMAIL,
        locale: 'de',
      });
      if (request.helpSeekerId) {
        // The help-seeker was told who would come: staff call them, whatever their contact way.
        await manager
          .createQueryBuilder()
          .insert()
          .into(CallTask)
          .values({
            reason: 'volunteer-dropped-out',
            matchId: match.id,
            helpRequestId: request.id,
            helpSeekerId: request.helpSeekerId,
          })
          .orIgnore()
          .execute();
      }
      const rematch = await this.decisions.matchAgain(manager, request, now);
      return { outcome: 'dropped-out' as const, jobIds: [staffNotice, rematch] };
    });
    this.outbox.relaySoon(jobIds);
    return outcome;
  }
}
