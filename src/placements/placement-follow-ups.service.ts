import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotificationOutbox } from '../notifications/notification-outbox.service';
import { OutboxService } from '../queue/outbox.service';
import { NotFoundError } from '../shared/domain-error';
import {
  answerSummary,
  endReasonFor,
  needsAttention,
  type FollowUpAnswers,
  type FollowUpSide,
} from './domain/follow-up-answers';
import { PlacementEvent } from './placement-event.entity';
import { PlacementStagesService } from './placement-stages.service';
import { Placement } from './placement.entity';

const BATCH = 200;

/**
 * The placement follow-up (docs/placements.md "Follow-up"): the hourly job asks volunteer and host
 * how it is going once `follow_up_due_at` has passed, and their answers land in the timeline.
 */
@Injectable()
export class PlacementFollowUpsService {
  private readonly logger = new Logger(PlacementFollowUpsService.name);

  constructor(
    // DataSource, not repositories: a scan across placements, volunteers, opportunities and providers, written with the outbox.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationOutbox,
    private readonly outbox: OutboxService,
    private readonly stages: PlacementStagesService,
  ) {}

  /**
   * One transaction per placement: both emails into the outbox (unique (kind, placement, recipient)
   * keys: a retry writes nothing twice) and `follow_up_sent_at` set, so a second run finds nothing.
   * SKIP LOCKED lets two workers share the work.
   */
  async sendDue(now = new Date()): Promise<number> {
    let sent = 0;
    for (;;) {
      const jobIds: (string | null)[] = [];
      const done = await this.dataSource.transaction(async (manager) => {
        const [row] = await manager.query<
          {
            id: string;
            volunteerEmail: string | null;
            volunteerLocale: string;
            hostEmail: string;
            hostLocale: string;
          }[]
        >(
          `SELECT pl.id,
                  CASE WHEN v.erased_at IS NULL THEN v.email END AS "volunteerEmail",
                  v.locale AS "volunteerLocale",
                  coalesce(nullif(trim(o.contact_email), ''), p.email) AS "hostEmail",
                  p.locale AS "hostLocale"
             FROM placement pl
             JOIN volunteer v ON v.id = pl.volunteer_id
             JOIN opportunity o ON o.id = pl.opportunity_id
             JOIN provider p ON p.id = o.provider_id
            WHERE pl.stage = 'started' AND pl.follow_up_sent_at IS NULL AND pl.follow_up_due_at <= $1
            ORDER BY pl.follow_up_due_at
            LIMIT 1
            FOR UPDATE OF pl SKIP LOCKED`,
          [now],
        );
        if (!row) {
          return false;
        }
        if (row.volunteerEmail) {
          jobIds.push(
            await this.notifications.queue(manager, {
              kind: 'volunteer-placement-follow-up',
              subjectId: row.id,
              recipient: row.volunteerEmail,
              locale: row.volunteerLocale,
            }),
          );
        }
        if (row.hostEmail) {
          jobIds.push(
            await this.notifications.queue(manager, {
              kind: 'host-placement-follow-up',
              subjectId: row.id,
              recipient: row.hostEmail,
              locale: row.hostLocale,
            }),
          );
        }
        await manager.query(`UPDATE placement SET follow_up_sent_at = $2 WHERE id = $1`, [row.id, now]);
        return true;
      });
      this.outbox.relaySoon(jobIds);
      if (!done) {
        break;
      }
      sent += 1;
      if (sent >= BATCH) {
        break;
      }
    }
    if (sent > 0) {
      this.logger.log(`placement follow-ups sent: ${sent}`);
    }
    return sent;
  }

  /**
   * Records one side's answer as a timeline event; every answer adds one (the newest counts on
   * Heute). "Not active any more" ends a started placement, by the side that said so.
   */
  async recordAnswer(
    placementId: string,
    side: FollowUpSide,
    answers: FollowUpAnswers,
    now = new Date(),
  ): Promise<{ ended: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const placement = await manager.findOne(Placement, {
        where: { id: placementId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!placement) {
        throw new NotFoundError('placement', placementId);
      }
      await manager.insert(PlacementEvent, {
        placementId,
        kind: 'follow-up-answer',
        fromStage: null,
        toStage: null,
        actor: side,
        staffUserId: null,
        reason: null,
        note: answers.problem,
        details: {
          answer: answerSummary(answers),
          side,
          going: answers.going,
          active: answers.active,
          ...(answers.problem === null ? {} : { problem: answers.problem }),
          attention: needsAttention(answers),
        },
        at: now,
      });
      if (answers.active === 'no' && placement.stage === 'started') {
        await this.stages.move(
          placementId,
          'ended',
          { actor: side, reason: endReasonFor(side), note: answers.problem },
          new Date(now.getTime() + 1),
          manager,
        );
        return { ended: true };
      }
      return { ended: false };
    });
  }
}
