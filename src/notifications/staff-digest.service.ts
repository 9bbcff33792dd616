import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { OutboxService } from '../queue/outbox.service';
import { berlinWallClock } from '../shared/berlin-time';
import { NotificationOutbox } from './notification-outbox.service';
import { staffDigestKey } from './domain/notification-keys';

/** A request as the digest names it: by category and district, never by the help-seeker. */
export interface DigestRequestRow {
  id: string;
  category: string;
  district: string | null;
  postal_code: string;
}

/** What needs a person today, one list per section of the digest (at most 50 rows each). */
export interface StaffDigestRows {
  /** No time left before the appointment to ask a volunteer by email (help_request.escalated_at). */
  escalated: DigestRequestRow[];
  inReview: DigestRequestRow[];
  proposalsReady: (DigestRequestRow & { proposals: number })[];
  noEligible: DigestRequestRow[];
  declined: (DigestRequestRow & { volunteer: string })[];
  expired: (DigestRequestRow & { volunteer: string })[];
  callTasks: (DigestRequestRow & { task_id: string; volunteer: string })[];
  followUps: (DigestRequestRow & { volunteer: string; outcome: string })[];
  undeliverable: { id: string; name: string; email: string }[];
  unconfirmed: { id: string; name: string; days: number }[];
}

/**
 * The daily staff digest: what needs a person today. Its rows name requests by category and
 * district and volunteers by name, never a help-seeker's personal data (reading those stays audited
 * in the API). The email's lines are written in src/web/emails (StaffDigestEmail).
 */
@Injectable()
export class StaffDigestService {
  constructor(
    // DataSource, not repositories: Read model: the digest reads requests, matches and call tasks across features in a few statements.
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationOutbox,
    private readonly outbox: OutboxService,
  ) {}

  /** Queues today's digest once (per Berlin day); nothing is sent on a day with nothing open. */
  async queueDigest(now = new Date()): Promise<boolean> {
    const rows = await this.rows(now);
    if (Object.values(rows).every((section: unknown[]) => section.length === 0)) {
      return false;
    }
    const jobId = await this.dataSource.transaction((manager) =>
      this.notifications.queue(manager, {
        kind: 'staff-daily-digest',
        subjectId: staffDigestKey(berlinWallClock(now).date),
        recipient: this.config.STAFF_NOTIFY_EMAIL,
        locale: 'de',
      }),
    );
    this.outbox.relaySoon([jobId]);
    return jobId !== null;
  }

  /** The digest's rows as of now (declines, expiries, follow-ups and bounces of the last 24 hours). */
  async rows(now: Date): Promise<StaffDigestRows> {
    const since = new Date(now.getTime() - 24 * 3600_000);
    const q = <T>(sql: string, params: unknown[] = []): Promise<T[]> => this.dataSource.query(sql, params);
    const [
      escalated,
      inReview,
      proposals,
      noEligible,
      declined,
      expired,
      callTasks,
      followUps,
      undeliverable,
      unconfirmed,
    ] = await Promise.all([
      q<DigestRequestRow>(
        `SELECT id, category, district, postal_code FROM help_request
            WHERE escalated_at IS NOT NULL AND status IN ('open', 'proposals-ready')
            ORDER BY escalated_at LIMIT 50`,
      ),
      // Public requests wait for staff before matching (agency setting); they must not be forgotten.
      q<DigestRequestRow>(
        `SELECT id, category, district, postal_code FROM help_request
            WHERE status = 'in-review' ORDER BY created_at LIMIT 50`,
      ),
      q<DigestRequestRow & { proposals: number }>(
        `SELECT r.id, r.category, r.district, r.postal_code,
                  (SELECT count(*)::int FROM match m WHERE m.request_id = r.id AND m.status = 'proposed') AS proposals
             FROM help_request r WHERE r.status = 'proposals-ready' ORDER BY r.status_changed_at LIMIT 50`,
      ),
      q<DigestRequestRow>(
        `SELECT id, category, district, postal_code FROM help_request
            WHERE status = 'open' AND matching_summary IS NOT NULL
              AND (matching_summary->>'proposed')::int = 0
            ORDER BY status_changed_at LIMIT 50`,
      ),
      q<DigestRequestRow & { volunteer: string }>(
        `SELECT r.id, r.category, r.district, r.postal_code, v.name AS volunteer
             FROM match m JOIN help_request r ON r.id = m.request_id JOIN volunteer v ON v.id = m.volunteer_id
            WHERE m.status = 'declined' AND m.responded_at > $1 ORDER BY m.responded_at LIMIT 50`,
        [since],
      ),
      q<DigestRequestRow & { volunteer: string }>(
        `SELECT r.id, r.category, r.district, r.postal_code, v.name AS volunteer
             FROM match m JOIN help_request r ON r.id = m.request_id JOIN volunteer v ON v.id = m.volunteer_id
            WHERE m.status = 'expired' AND m.updated_at > $1 ORDER BY m.updated_at LIMIT 50`,
        [since],
      ),
      q<DigestRequestRow & { task_id: string; volunteer: string }>(
        `SELECT t.id AS task_id, r.id, r.category, r.district, r.postal_code, v.name AS volunteer
             FROM call_task t JOIN help_request r ON r.id = t.help_request_id
             JOIN match m ON m.id = t.match_id JOIN volunteer v ON v.id = m.volunteer_id
            WHERE t.status = 'open' ORDER BY t.created_at LIMIT 50`,
      ),
      q<DigestRequestRow & { volunteer: string; outcome: string }>(
        `SELECT r.id, r.category, r.district, r.postal_code, v.name AS volunteer, m.follow_up_outcome AS outcome
             FROM match m JOIN help_request r ON r.id = m.request_id JOIN volunteer v ON v.id = m.volunteer_id
            WHERE m.follow_up_outcome IN ('problems', 'did-not-happen') AND m.follow_up_at > $1
            ORDER BY m.follow_up_at LIMIT 50`,
        [since],
      ),
      // Volunteers' addresses only: a help-seeker's address is read through the audited API.
      q<{ id: string; name: string; email: string }>(
        `SELECT DISTINCT v.id, v.name, v.email FROM notification n JOIN volunteer v ON v.email = n.recipient
            WHERE n.status IN ('undeliverable', 'failed') AND n.created_at > $1 LIMIT 50`,
        [since],
      ),
      q<{ id: string; name: string; days: number }>(
        `SELECT id, name, (now()::date - created_at::date) AS days FROM volunteer
            WHERE email_confirmed_at IS NULL AND erased_at IS NULL AND created_at < $1::timestamptz - interval '2 days'
            ORDER BY created_at LIMIT 50`,
        [since],
      ),
    ]);

    return {
      escalated,
      inReview,
      proposalsReady: proposals,
      noEligible,
      declined,
      expired,
      callTasks,
      followUps,
      undeliverable,
      unconfirmed,
    };
  }
}
