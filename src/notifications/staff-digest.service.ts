import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { OutboxService } from '../queue/outbox.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { berlinWallClock } from '../shared/berlin-time';
import { NotificationOutbox } from './notification-outbox.service';
import { staffDigestKey } from './domain/notification-keys';
import { translator } from '../i18n';
import type { EmailListItem } from '../web/emails/email-content';
import {
  countDigestItems,
  type DigestSection,
  type StaffDailyDigestModel,
} from '../web/emails/staff-daily-digest';

interface RequestRow {
  id: string;
  category: string;
  district: string | null;
  postal_code: string;
}

/** What the digest's follow-up lines are about; literal keys so the catalogue check sees them used. */
const FOLLOW_UP_LABELS: Record<
  string,
  'staffEmail.digest.outcome.problems' | 'staffEmail.digest.outcome.didNotHappen'
> = {
  problems: 'staffEmail.digest.outcome.problems',
  'did-not-happen': 'staffEmail.digest.outcome.didNotHappen',
};

/**
 * The daily staff digest: what needs a person today. Lines name requests by category and district
 * and volunteers by name, never a help-seeker's personal data (reading those stays audited in the API).
 */
@Injectable()
export class StaffDigestService {
  constructor(
    // DataSource, not repositories: Read model: the digest counts requests, matches and call tasks across features in a few statements.
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly taxonomy: TaxonomyService,
    private readonly notifications: NotificationOutbox,
    private readonly outbox: OutboxService,
  ) {}

  /** Queues today's digest once (per Berlin day); nothing is sent on a day with nothing open. */
  async queueDigest(now = new Date()): Promise<boolean> {
    const model = await this.collect(now, 'de');
    if (countDigestItems(model) === 0) {
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

  /** The digest's lines in a staff language; the composer adds the agency. */
  async collect(now: Date, locale: string): Promise<Omit<StaffDailyDigestModel, 'agency'>> {
    const t = translator(locale, 'staff');
    const base = this.config.PUBLIC_BASE_URL.replace(/\/$/, '');
    const requestUrl = (id: string) => `${base}/api/staff/help-requests/${id}`;
    const what = (row: RequestRow) =>
      t.t('staffEmail.digest.what', {
        category: this.taxonomy.label('categories', row.category, t),
        district: row.district ?? row.postal_code,
      });
    const since = new Date(now.getTime() - 24 * 3600_000);
    const q = <T>(sql: string, params: unknown[] = []): Promise<T[]> => this.dataSource.query(sql, params);

    const [
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
      // Public requests wait for staff before matching (agency setting); they must not be forgotten.
      q<RequestRow>(
        `SELECT id, category, district, postal_code FROM help_request
            WHERE status = 'in-review' ORDER BY created_at LIMIT 50`,
      ),
      q<RequestRow & { proposals: number }>(
        `SELECT r.id, r.category, r.district, r.postal_code,
                  (SELECT count(*)::int FROM match m WHERE m.request_id = r.id AND m.status = 'proposed') AS proposals
             FROM help_request r WHERE r.status = 'proposals-ready' ORDER BY r.status_changed_at LIMIT 50`,
      ),
      q<RequestRow>(
        `SELECT id, category, district, postal_code FROM help_request
            WHERE status = 'open' AND matching_summary IS NOT NULL
              AND (matching_summary->>'proposed')::int = 0
            ORDER BY status_changed_at LIMIT 50`,
      ),
      q<RequestRow & { volunteer: string }>(
        `SELECT r.id, r.category, r.district, r.postal_code, v.name AS volunteer
             FROM match m JOIN help_request r ON r.id = m.request_id JOIN volunteer v ON v.id = m.volunteer_id
            WHERE m.status = 'declined' AND m.responded_at > $1 ORDER BY m.responded_at LIMIT 50`,
        [since],
      ),
      q<RequestRow & { volunteer: string }>(
        `SELECT r.id, r.category, r.district, r.postal_code, v.name AS volunteer
             FROM match m JOIN help_request r ON r.id = m.request_id JOIN volunteer v ON v.id = m.volunteer_id
            WHERE m.status = 'expired' AND m.updated_at > $1 ORDER BY m.updated_at LIMIT 50`,
        [since],
      ),
      q<RequestRow & { task_id: string; volunteer: string }>(
        `SELECT t.id AS task_id, r.id, r.category, r.district, r.postal_code, v.name AS volunteer
             FROM call_task t JOIN help_request r ON r.id = t.help_request_id
             JOIN match m ON m.id = t.match_id JOIN volunteer v ON v.id = m.volunteer_id
            WHERE t.status = 'open' ORDER BY t.created_at LIMIT 50`,
      ),
      q<RequestRow & { volunteer: string; outcome: string }>(
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

    const sections: Record<DigestSection, EmailListItem[]> = {
      inReview: inReview.map((row) => ({ text: what(row), url: requestUrl(row.id) })),
      proposalsReady: proposals.map((row) => ({
        text: t.t('staffEmail.digest.proposals', { what: what(row), count: row.proposals }),
        url: requestUrl(row.id),
      })),
      noEligible: noEligible.map((row) => ({ text: what(row), url: requestUrl(row.id) })),
      declined: declined.map((row) => ({
        text: t.t('staffEmail.digest.volunteerLine', { volunteer: row.volunteer, what: what(row) }),
        url: requestUrl(row.id),
      })),
      expired: expired.map((row) => ({
        text: t.t('staffEmail.digest.volunteerLine', { volunteer: row.volunteer, what: what(row) }),
        url: requestUrl(row.id),
      })),
      callTasks: callTasks.map((row) => ({
        text: t.t('staffEmail.digest.callTask', { what: what(row), volunteer: row.volunteer }),
        url: `${base}/api/staff/call-tasks/${row.task_id}/letter`,
      })),
      followUps: followUps.map((row) => ({
        text: t.t('staffEmail.digest.followUp', {
          volunteer: row.volunteer,
          outcome: FOLLOW_UP_LABELS[row.outcome] ? t.t(FOLLOW_UP_LABELS[row.outcome]) : row.outcome,
          what: what(row),
        }),
        url: requestUrl(row.id),
      })),
      undeliverable: undeliverable.map((row) => ({
        text: `${row.name} <${row.email}>`,
        url: `${base}/api/staff/volunteers/${row.id}`,
      })),
      unconfirmed: unconfirmed.map((row) => ({
        text: t.t('staffEmail.digest.unconfirmedFor', { name: row.name, days: row.days }),
        url: `${base}/api/staff/volunteers/${row.id}`,
      })),
    };
    return { day: now, sections };
  }
}
