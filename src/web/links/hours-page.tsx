import type { FieldError } from '../../common/validation';
import type { MessageKey, Translator } from '../../i18n';
import type { HourEntryRow, HoursSummary } from '../../hours/hours.service';
import type { AgencyProfile } from '../../settings/dto/agency-profile.dto';
import type { SelfServiceScope } from '../../shared/signed-links';
import { ErrorSummary, FieldMessage, fieldAria } from '../forms/field-messages';
import { dayText, hoursText } from '../letters/engagement-proof';
import { LinkShell } from './link-shell';

/*
 * "Meine Stunden": the volunteer logs hours (date, duration, what for, a few words), confirms
 * weekly help "wie immer" in one click, and sees approved totals per year. With the account scope
 * also every entry with its status and the Engagementnachweis to download. Plain forms, no scripts.
 */

export interface HoursTargetChoice {
  value: string;
  label: string;
}

export interface HoursPageView {
  t: Translator;
  agency: AgencyProfile;
  path: string;
  /** /preferences/<token>/hours */
  base: string;
  scope: SelfServiceScope;
  today: string;
  targets: HoursTargetChoice[];
  asUsual: { target: string; label: string; workedOn: string; minutes: number; done: boolean }[];
  summary: HoursSummary;
  entries: (HourEntryRow & { label: string })[];
  notice: 'saved' | 'as-usual' | null;
  posted?: { values: Record<string, unknown>; problems: FieldError[] };
}

const STATUS_LABELS = {
  submitted: 'proof.status.submitted',
  approved: 'proof.status.approved',
  rejected: 'proof.status.rejected',
} as const satisfies Record<HourEntryRow['status'], MessageKey>;

const HOURS_CSS_CLASS = 'hours';

const text = (values: Record<string, unknown> | undefined, field: string): string => {
  const value = values?.[field];
  return typeof value === 'string' ? value : '';
};

export function HoursPage(view: HoursPageView) {
  const { t } = view;
  const title = t.t('proof.page.title');
  const problems = view.posted?.problems ?? [];
  const values = view.posted?.values;
  const labels: Record<string, string> = {
    workedOn: t.t('proof.log.workedOn'),
    minutes: t.t('proof.log.duration'),
    activity: t.t('proof.log.activity'),
    target: t.t('proof.log.target'),
  };
  const years = [
    ...new Set([Number(view.today.slice(0, 4)), ...view.summary.years.map((year) => year.year)]),
  ].sort((a, b) => b - a);
  return (
    <LinkShell t={t} agency={view.agency} path={view.path} title={title}>
      <h1>{title}</h1>
      <p>{t.t('proof.page.intro')}</p>
      {view.notice ? (
        <p class="note" role="status" id="hours-notice">
          {t.t(view.notice === 'saved' ? 'proof.page.saved' : 'proof.page.asUsualSaved')}
        </p>
      ) : null}
      {view.asUsual.length > 0 ? (
        <section aria-labelledby="h-as-usual" class={HOURS_CSS_CLASS}>
          <h2 id="h-as-usual">{t.t('proof.asUsual.title')}</h2>
          <ul>
            {view.asUsual.map((offer) => (
              <li key={offer.target}>
                {offer.done ? (
                  t.t('proof.asUsual.done', { what: offer.label, date: dayText(t, offer.workedOn) })
                ) : (
                  <form method="post" action={`${view.base}/as-usual?lang=${t.locale}`}>
                    <input type="hidden" name="target" value={offer.target} />
                    <p>
                      {t.t('proof.asUsual.offer', {
                        what: offer.label,
                        date: dayText(t, offer.workedOn),
                        duration: hoursText(t, offer.minutes),
                      })}
                    </p>
                    <button type="submit">{t.t('proof.asUsual.button')}</button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="h-log">
        <h2 id="h-log">{t.t('proof.log.title')}</h2>
        <ErrorSummary t={t} problems={problems} labels={labels} />
        <form method="post" action={`${view.base}?lang=${t.locale}`} novalidate>
          <p>
            <label for="field-workedOn">{labels.workedOn}</label>
            <br />
            <input
              {...fieldAria('workedOn', problems)}
              type="date"
              name="workedOn"
              required
              max={view.today}
              value={values ? text(values, 'workedOn') : view.today}
            />
          </p>
          <FieldMessage problems={problems} field="workedOn" />
          <fieldset {...fieldAria('minutes', problems)}>
            <legend>{labels.minutes}</legend>
            <label for="field-hours">{t.t('proof.log.hours')}</label>{' '}
            <input id="field-hours" name="hours" inputMode="numeric" size={3} value={text(values, 'hours')} />{' '}
            <label for="field-minutes-part">{t.t('proof.log.minutes')}</label>{' '}
            <input
              id="field-minutes-part"
              name="minutes"
              inputMode="numeric"
              size={3}
              value={text(values, 'minutes')}
            />
            <FieldMessage problems={problems} field="minutes" />
          </fieldset>
          <p>
            <label for="field-target">{labels.target}</label>
            <br />
            <select {...fieldAria('target', problems)} name="target">
              {view.targets.map((choice) => (
                <option
                  key={choice.value}
                  value={choice.value}
                  selected={choice.value === text(values, 'target')}
                >
                  {choice.label}
                </option>
              ))}
            </select>
          </p>
          <FieldMessage problems={problems} field="target" />
          <p>
            <label for="field-activity">{labels.activity}</label>
            <br />
            <input
              {...fieldAria('activity', problems)}
              name="activity"
              maxLength={200}
              size={40}
              value={text(values, 'activity')}
            />
          </p>
          <FieldMessage problems={problems} field="activity" />
          <button type="submit">{t.t('proof.log.button')}</button>
        </form>
      </section>
      <section aria-labelledby="h-totals">
        <h2 id="h-totals">{t.t('proof.totals.title')}</h2>
        {view.summary.years.length === 0 ? (
          <p>{t.t('proof.totals.none')}</p>
        ) : (
          <table id="hours-totals">
            <thead>
              <tr>
                <th scope="col">{t.t('proof.totals.year')}</th>
                <th scope="col">{t.t('proof.totals.hours')}</th>
              </tr>
            </thead>
            <tbody>
              {view.summary.years.map((year) => (
                <tr key={year.year}>
                  <th scope="row">{year.year}</th>
                  <td>{hoursText(t, year.minutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {view.summary.submittedMinutes > 0 ? (
          <p>{t.t('proof.totals.waiting', { duration: hoursText(t, view.summary.submittedMinutes) })}</p>
        ) : null}
      </section>
      {view.scope === 'account' ? (
        <>
          <section aria-labelledby="h-entries">
            <h2 id="h-entries">{t.t('proof.entries.title')}</h2>
            {view.entries.length === 0 ? (
              <p>{t.t('proof.entries.none')}</p>
            ) : (
              <table id="hours-entries">
                <thead>
                  <tr>
                    <th scope="col">{t.t('proof.entries.date')}</th>
                    <th scope="col">{t.t('proof.entries.what')}</th>
                    <th scope="col">{t.t('proof.entries.duration')}</th>
                    <th scope="col">{t.t('proof.entries.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.entries.map((entry) => (
                    <tr key={entry.id}>
                      <td>{dayText(t, entry.workedOn)}</td>
                      <td>
                        {entry.label}
                        {entry.activity ? ` – ${entry.activity}` : ''}
                      </td>
                      <td>{hoursText(t, entry.minutes)}</td>
                      <td>
                        {entry.originalMinutes !== null && entry.status === 'approved'
                          ? t.t('proof.status.corrected', { duration: hoursText(t, entry.originalMinutes) })
                          : t.t(STATUS_LABELS[entry.status])}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section aria-labelledby="h-download">
            <h2 id="h-download">{t.t('proof.download.title')}</h2>
            <p>{t.t('proof.download.body')}</p>
            <form method="get" action={`${view.base}/proof`}>
              <input type="hidden" name="lang" value={t.locale} />
              <label for="field-year">{t.t('proof.download.year')}</label>{' '}
              <select id="field-year" name="year">
                {years.map((year) => (
                  <option key={year} value={String(year)}>
                    {year}
                  </option>
                ))}
              </select>{' '}
              <button type="submit">{t.t('proof.download.button')}</button>
            </form>
          </section>
        </>
      ) : null}
    </LinkShell>
  );
}
