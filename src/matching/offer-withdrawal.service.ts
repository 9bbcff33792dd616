import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotificationOutbox } from '../notifications/notification-outbox.service';
import { OutboxService } from '../queue/outbox.service';
import { matchStatusesLeadingTo, OPEN_MATCH_STATUSES, type MatchStatus } from './domain/match-status';
import { volunteerIsTold, type OfferWithdrawalReason } from './domain/offer-withdrawal';

export type { OfferWithdrawalReason } from './domain/offer-withdrawal';

/** What a withdrawal did: the matches it ended and the outbox jobs to relay after commit. */
export interface OfferWithdrawalResult {
  withdrawn: string[];
  /** Matches whose volunteer gets the polite "offer withdrawn" email. */
  told: string[];
  jobIds: string[];
}

/**
 * Ends open proposals and offers (proposed, approved, offered → withdrawn, as the match-status table
 * allows), in the caller's transaction, and keeps why on the match. A volunteer who was sent the
 * offer gets a polite email saying it is no longer needed (volunteer-offer-withdrawn, without any
 * of the help-seeker's details); the notification's unique (kind, match, recipient) key means never
 * twice for one match, however often a withdrawal is retried. Matches no longer open are left alone.
 */
@Injectable()
export class OfferWithdrawalService {
  constructor(
    private readonly notifications: NotificationOutbox,
    private readonly outbox: OutboxService,
  ) {}

  async withdraw(manager: EntityManager, matchIds: string[], reason: OfferWithdrawalReason): Promise<void> {
    await this.withdrawMatches(manager, matchIds, reason);
  }

  /** `withdraw`, returning what it did; relay `jobIds` after commit (relaySoon) for a quick email. */
  async withdrawMatches(
    manager: EntityManager,
    matchIds: string[],
    reason: OfferWithdrawalReason,
  ): Promise<OfferWithdrawalResult> {
    const ids = [...new Set(matchIds)];
    if (ids.length === 0) {
      return { withdrawn: [], told: [], jobIds: [] };
    }
    const open = matchStatusesLeadingTo('withdrawn').filter((status) =>
      (OPEN_MATCH_STATUSES as readonly MatchStatus[]).includes(status),
    );
    // Locked in id order, like every other writer of several matches, so none deadlock.
    const rows = await manager.query<
      { id: string; status: MatchStatus; email: string | null; locale: string; offer_sent: boolean }[]
    >(
      `SELECT m.id, m.status, v.email, v.locale,
              EXISTS (SELECT 1 FROM notification n
                       WHERE n.kind = 'volunteer-offer' AND n.subject_id = m.id AND n.status = 'sent') AS offer_sent
         FROM match m JOIN volunteer v ON v.id = m.volunteer_id
        WHERE m.id = ANY($1::uuid[]) AND m.status = ANY($2::text[])
        ORDER BY m.id
          FOR UPDATE OF m`,
      [ids, open],
    );
    if (rows.length === 0) {
      return { withdrawn: [], told: [], jobIds: [] };
    }
    await manager.query(
      `UPDATE match SET status = 'withdrawn', withdrawal_reason = $2, updated_at = now()
        WHERE id = ANY($1::uuid[])`,
      [rows.map((row) => row.id), reason],
    );
    const told: string[] = [];
    const jobIds: string[] = [];
    for (const row of rows) {
      if (!row.email || !volunteerIsTold(row.status, row.offer_sent)) {
        continue;
      }
      told.push(row.id);
      const jobId = await this.notifications.queue(manager, {
        kind: 'volunteer-offer-withdrawn',
        subjectId: row.id,
        recipient: row.email,
        locale: row.locale,
      });
      if (jobId) {
        jobIds.push(jobId);
      }
    }
    return { withdrawn: rows.map((row) => row.id), told, jobIds };
  }

  /** The open matches of these requests (for callers that withdraw by request). */
  async openMatchIds(manager: EntityManager, requestIds: string[]): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT id FROM match WHERE request_id = ANY($1::uuid[]) AND status = ANY($2::text[]) ORDER BY id`,
      [requestIds, [...OPEN_MATCH_STATUSES]],
    );
    return rows.map((row) => row.id);
  }

  /** Hands the emails to the queue after commit (the worker's poller would relay them later anyway). */
  relaySoon(jobIds: string[]): void {
    this.outbox.relaySoon(jobIds);
  }
}
