import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { translator } from '../../i18n';
import { StaffDigestService, type DigestRequestRow } from '../../notifications/staff-digest.service';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { consoleLinks } from './console-links';
import type { EmailListItem } from './email-content';
import type { DigestSection, StaffDailyDigestModel } from './staff-daily-digest';

/** What the digest's follow-up lines are about; literal keys so the catalogue check sees them used. */
const FOLLOW_UP_LABELS: Record<
  string,
  'staffEmail.digest.outcome.problems' | 'staffEmail.digest.outcome.didNotHappen'
> = {
  problems: 'staffEmail.digest.outcome.problems',
  'did-not-happen': 'staffEmail.digest.outcome.didNotHappen',
};

/**
 * The staff digest's lines: the rows notifications reads (StaffDigestService), written in a staff
 * language with links to the console's pages. Lines name requests by category and district and
 * volunteers by name, never a help-seeker's personal data.
 */
@Injectable()
export class StaffDigestEmail {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly taxonomy: TaxonomyService,
    private readonly digest: StaffDigestService,
  ) {}

  /** The digest's lines in a staff language; the composer adds the agency. */
  async collect(now: Date, locale: string): Promise<Omit<StaffDailyDigestModel, 'agency'>> {
    const rows = await this.digest.rows(now);
    const t = translator(locale, 'staff');
    const links = consoleLinks(this.config.PUBLIC_BASE_URL);
    const requestUrl = (id: string) => links.request(id);
    const what = (row: DigestRequestRow) =>
      t.t('staffEmail.digest.what', {
        category: this.taxonomy.label('categories', row.category, t),
        district: row.district ?? row.postal_code,
      });
    const sections: Record<DigestSection, EmailListItem[]> = {
      escalated: rows.escalated.map((row) => ({ text: what(row), url: requestUrl(row.id) })),
      inReview: rows.inReview.map((row) => ({ text: what(row), url: requestUrl(row.id) })),
      proposalsReady: rows.proposalsReady.map((row) => ({
        text: t.t('staffEmail.digest.proposals', { what: what(row), count: row.proposals }),
        url: requestUrl(row.id),
      })),
      noEligible: rows.noEligible.map((row) => ({ text: what(row), url: requestUrl(row.id) })),
      declined: rows.declined.map((row) => ({
        text: t.t('staffEmail.digest.volunteerLine', { volunteer: row.volunteer, what: what(row) }),
        url: requestUrl(row.id),
      })),
      expired: rows.expired.map((row) => ({
        text: t.t('staffEmail.digest.volunteerLine', { volunteer: row.volunteer, what: what(row) }),
        url: requestUrl(row.id),
      })),
      callTasks: rows.callTasks.map((row) => ({
        text: t.t('staffEmail.digest.callTask', { what: what(row), volunteer: row.volunteer }),
        // The request's console page has the task, the contact to call and the printable letter.
        url: requestUrl(row.id),
      })),
      followUps: rows.followUps.map((row) => ({
        text: t.t('staffEmail.digest.followUp', {
          volunteer: row.volunteer,
          outcome: FOLLOW_UP_LABELS[row.outcome] ? t.t(FOLLOW_UP_LABELS[row.outcome]) : row.outcome,
          what: what(row),
        }),
        url: requestUrl(row.id),
      })),
      undeliverable: rows.undeliverable.map((row) => ({
        text: `${row.name} <${row.email}>`,
        url: links.volunteer(row.id),
      })),
      unconfirmed: rows.unconfirmed.map((row) => ({
        text: t.t('staffEmail.digest.unconfirmedFor', { name: row.name, days: row.days }),
        url: links.volunteer(row.id),
      })),
    };
    return { day: now, sections };
  }
}
