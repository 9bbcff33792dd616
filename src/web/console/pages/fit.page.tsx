import type { FieldError } from '../../../common/validation';
import type { MessageKey, Translator } from '../../../i18n';
import {
  FIT_CRITERIA,
  FIT_EXCLUSION_REASONS,
  type FitCriterion,
  type FitExclusionReason,
  type FitTimePattern,
  type OpportunitiesForVolunteer,
  type OpportunityFit,
  type VolunteersForOpportunity,
} from '../../../fit/opportunity-fit.service';
import { formatScheduleDe, formatScheduleEn } from '../../../shared/schedule';
import type { AgencyProfile } from '../../../settings/dto/agency-profile.dto';
import { PRINT_CSS } from './print-css';
import type { Labels } from './labels';
import { ConsoleLayout, CsrfField, FormErrors, localized, type ConsoleView } from '../view';

export const CRITERION_LABELS: Record<FitCriterion, MessageKey> = {
  interests: 'fit.criterion.interests',
  skills: 'fit.criterion.skills',
  distance: 'fit.criterion.distance',
  availability: 'fit.criterion.availability',
  language: 'fit.criterion.language',
  newcomer: 'fit.criterion.newcomer',
};

export const REASON_LABELS: Record<FitExclusionReason, MessageKey> = {
  'not-active': 'fit.reason.not-active',
  away: 'fit.reason.away',
  'under-minimum-age': 'fit.reason.under-minimum-age',
  'language-missing': 'fit.reason.language-missing',
  'certificate-missing': 'fit.reason.certificate-missing',
  'certificate-expired': 'fit.reason.certificate-expired',
  'outside-radius': 'fit.reason.outside-radius',
  'not-available': 'fit.reason.not-available',
};

export const HOST_OFFER_LABELS: Record<string, MessageKey> = {
  induction: 'fit.hostOffer.induction',
  training: 'fit.hostOffer.training',
  expenses: 'fit.hostOffer.expenses',
  insurance: 'fit.hostOffer.insurance',
  supervision: 'fit.hostOffer.supervision',
  certificate: 'fit.hostOffer.certificate',
};

const FIT_CSS = `
  .fit td ul { margin: 0; padding-left: 1rem; }
  .fit td { vertical-align: top; }
  .score { font-weight: 700; font-size: 1.1rem; }
`;

/** When: weekly slots or a one-off date as the engine writes them, flexible hours in words. */
export function timePatternText(t: Translator, pattern: FitTimePattern): string {
  if (pattern.kind === 'flexible') {
    if (pattern.hoursPerWeek !== undefined) {
      return t.t('fit.catalogue.flexibleWeek', { hours: pattern.hoursPerWeek });
    }
    if (pattern.hoursPerMonth !== undefined) {
      return t.t('fit.catalogue.flexibleMonth', { hours: pattern.hoursPerMonth });
    }
    return t.t('fit.catalogue.flexible');
  }
  return t.locale === 'de' ? formatScheduleDe(pattern) : formatScheduleEn(pattern);
}

function place(
  t: Translator,
  fit: OpportunityFit,
  where: { remote: boolean; district: string | null; postalCode: string | null },
) {
  if (where.remote) {
    return t.t('fit.remote');
  }
  const km =
    fit.distanceKm === null
      ? ''
      : t.t('fit.km', { km: fit.distanceKm.toFixed(1).replace('.', t.locale === 'de' ? ',' : '.') });
  return [where.postalCode, where.district, km].filter(Boolean).join(' · ');
}

function Breakdown({ t, fit }: { t: Translator; fit: OpportunityFit }) {
  return (
    <ul>
      {FIT_CRITERIA.map((c) => (
        <li key={c}>
          <strong>{t.t(CRITERION_LABELS[c])}</strong>: {localized(t, fit.breakdown[c].explanation)}
          {fit.breakdown[c].applicable ? ` (${Math.round(fit.breakdown[c].points)})` : ''}
        </li>
      ))}
    </ul>
  );
}

function WhyNot({
  t,
  counts,
  considered,
}: {
  t: Translator;
  counts: Record<FitExclusionReason, number>;
  considered: number;
}) {
  const lines = FIT_EXCLUSION_REASONS.filter((r) => counts[r] > 0);
  return (
    <section class="card" aria-labelledby="why-not">
      <h2 id="why-not">{t.t('fit.whyNot.title')}</h2>
      {lines.length === 0 ? (
        <p>{t.t('fit.whyNot.none')}</p>
      ) : (
        <>
          <p>{t.t('fit.whyNot.intro', { considered })}</p>
          <ul>
            {lines.map((r) => (
              <li key={r}>
                {t.t(REASON_LABELS[r])}: {counts[r]}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function VolunteerFitPage(props: {
  view: ConsoleView;
  labels: Labels;
  result: OpportunitiesForVolunteer;
  field: string | null;
  problems: FieldError[];
  notice: string | null;
}) {
  const { view, result, labels } = props;
  const { t } = view;
  const base = `/console/volunteers/${result.volunteer.id}/opportunities`;
  return (
    <ConsoleLayout
      view={view}
      title={t.t('fit.volunteerPage.title', { name: result.volunteer.name })}
      active="volunteers"
      notice={props.notice}
      css={FIT_CSS}
    >
      <FormErrors
        view={view}
        problems={props.problems}
        labels={{ ids: t.t('fit.col.choose'), field: t.t('fit.volunteerPage.field') }}
      />
      <p>{t.t('fit.volunteerPage.intro')}</p>
      <form method="get" action={base} class="actions">
        <label for="fit-field">{t.t('fit.volunteerPage.field')}</label>
        <select id="fit-field" name="field">
          <option value="">{t.t('fit.volunteerPage.allFields')}</option>
          {Object.keys(labels.taxonomy.fields).map((key) => (
            <option key={key} value={key} selected={key === props.field}>
              {labels.field(key)}
            </option>
          ))}
        </select>
        <button type="submit">{t.t('fit.volunteerPage.filter')}</button>
      </form>
      {result.ranked.length === 0 ? (
        <p>{t.t('fit.volunteerPage.empty')}</p>
      ) : (
        <form method="post" action={base}>
          <CsrfField view={view} />
          <table class="fit">
            <thead>
              <tr>
                <th scope="col">{t.t('fit.col.choose')}</th>
                <th scope="col">{t.t('fit.col.opportunity')}</th>
                <th scope="col">{t.t('fit.col.score')}</th>
                <th scope="col">{t.t('fit.col.where')}</th>
                <th scope="col">{t.t('fit.col.why')}</th>
              </tr>
            </thead>
            <tbody>
              {result.ranked.map(({ opportunity, fit }) => (
                <tr key={opportunity.id}>
                  <td>
                    <input
                      type="checkbox"
                      name="ids"
                      value={opportunity.id}
                      id={`pick-${opportunity.id}`}
                      aria-label={t.t('fit.choose', { name: opportunity.title })}
                    />
                  </td>
                  <td>
                    <a href={`/console/opportunities/${opportunity.id}`}>{opportunity.title}</a>
                    <br />
                    <span class="muted">
                      {opportunity.providerName} · {opportunity.fieldsOfActivity.map(labels.field).join(', ')}{' '}
                      · {timePatternText(t, opportunity.timePattern)}
                    </span>
                  </td>
                  <td class="score">{fit.score.toFixed(1)}</td>
                  <td>{place(t, fit, opportunity)}</td>
                  <td>
                    <Breakdown t={t} fit={fit} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="muted">{t.t('fit.volunteerPage.proposeHint')}</p>
          <p class="actions">
            <button type="submit" name="intent" value="propose">
              {t.t('fit.volunteerPage.propose')}
            </button>
            <button type="submit" name="intent" value="catalogue">
              {t.t('fit.volunteerPage.print')}
            </button>
          </p>
        </form>
      )}
      {result.inPlacement.length > 0 ? (
        <section class="card" aria-labelledby="in-placement">
          <h2 id="in-placement">{t.t('fit.volunteerPage.inPlacement')}</h2>
          <ul>
            {result.inPlacement.map((row) => (
              <li key={row.placementId}>
                <a href={`/console/opportunities/${row.opportunity.id}`}>{row.opportunity.title}</a> ·{' '}
                {t.dynamic(`placements.stage.${row.stage}`) ?? row.stage}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <WhyNot t={t} counts={result.exclusionCounts} considered={result.considered} />
    </ConsoleLayout>
  );
}

export function OpportunityFitPage(props: {
  view: ConsoleView;
  labels: Labels;
  result: VolunteersForOpportunity;
  problems: FieldError[];
  notice: string | null;
}) {
  const { view, result, labels } = props;
  const { t } = view;
  const base = `/console/opportunities/${result.opportunity.id}/volunteers`;
  return (
    <ConsoleLayout
      view={view}
      title={t.t('fit.opportunityPage.title', { title: result.opportunity.title })}
      active="providers"
      notice={props.notice}
      css={FIT_CSS}
    >
      <FormErrors view={view} problems={props.problems} labels={{ ids: t.t('fit.col.choose') }} />
      <p>
        {t.t('fit.opportunityPage.intro', {
          open: Math.max(0, result.opportunity.openPlaces),
          places: result.opportunity.places,
        })}
      </p>
      {result.ranked.length === 0 ? (
        <p>{t.t('fit.opportunityPage.empty')}</p>
      ) : (
        <form method="post" action={base}>
          <CsrfField view={view} />
          <table class="fit">
            <thead>
              <tr>
                <th scope="col">{t.t('fit.col.choose')}</th>
                <th scope="col">{t.t('fit.col.volunteer')}</th>
                <th scope="col">{t.t('fit.col.score')}</th>
                <th scope="col">{t.t('fit.col.where')}</th>
                <th scope="col">{t.t('fit.col.why')}</th>
              </tr>
            </thead>
            <tbody>
              {result.ranked.map(({ volunteer, fit }) => (
                <tr key={volunteer.id}>
                  <td>
                    <input
                      type="checkbox"
                      name="ids"
                      value={volunteer.id}
                      aria-label={t.t('fit.choose', { name: volunteer.name })}
                    />
                  </td>
                  <td>
                    <a href={`/console/volunteers/${volunteer.id}`}>{volunteer.name}</a>
                  </td>
                  <td class="score">{fit.score.toFixed(1)}</td>
                  <td>
                    {place(t, fit, {
                      remote: result.opportunity.remote,
                      district: volunteer.district,
                      postalCode: volunteer.postalCode,
                    })}
                  </td>
                  <td>
                    <Breakdown t={t} fit={fit} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="muted">{t.t('fit.opportunityPage.proposeHint')}</p>
          <p class="actions">
            <button type="submit" name="intent" value="propose">
              {t.t('fit.opportunityPage.propose')}
            </button>
          </p>
        </form>
      )}
      {result.inPlacement.length > 0 ? (
        <section class="card" aria-labelledby="in-placement">
          <h2 id="in-placement">{t.t('fit.opportunityPage.inPlacement')}</h2>
          <ul>
            {result.inPlacement.map((row) => (
              <li key={row.placementId}>
                <a href={`/console/volunteers/${row.volunteer.id}`}>{row.volunteer.name}</a> ·{' '}
                {t.dynamic(`placements.stage.${row.stage}`) ?? row.stage}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p class="muted">{result.opportunity.fieldsOfActivity.map(labels.field).join(', ')}</p>
      <WhyNot t={t} counts={result.exclusionCounts} considered={result.considered} />
    </ConsoleLayout>
  );
}

/** One opportunity as the catalogue prints it. */
export interface CatalogueEntry {
  id: string;
  title: string;
  description: string;
  tasks: string | null;
  fieldsOfActivity: string[];
  providerName: string;
  remote: boolean;
  streetAddress: string | null;
  postalCode: string | null;
  district: string | null;
  timePattern: FitTimePattern;
  minCommitmentMonths: number | null;
  places: number;
  requiresCertificate: boolean;
  minimumAge: number | null;
  languages: string[];
  skills: string[];
  forNewcomers: boolean;
  littleGermanOk: boolean;
  accessible: boolean;
  hostOffers: string[];
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
}

const CATALOGUE_CSS = `
  .letterhead { border-bottom: 2px solid #000; margin-bottom: 1rem; padding-bottom: .5rem; }
  .entry { break-inside: avoid; }
  .entry dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
  .entry dt { font-weight: 700; }
  .entry dd { margin: 0; }
  @media print { .entry { border-bottom: 1px solid #000; padding-bottom: 3mm; } }
`;

export function CataloguePage(props: {
  view: ConsoleView;
  labels: Labels;
  agency: AgencyProfile;
  greetingName: string | null;
  groups: { field: string | null; entries: CatalogueEntry[] }[];
  truncatedAt: number | null;
  languageName: (code: string) => string;
}) {
  const { view, labels, agency } = props;
  const { t } = view;
  const count = props.groups.reduce((n, g) => n + g.entries.length, 0);
  return (
    <ConsoleLayout
      view={view}
      title={t.t('fit.catalogue.title')}
      active="volunteers"
      css={PRINT_CSS + CATALOGUE_CSS}
    >
      <div class="letterhead">
        <strong>{agency.name}</strong>
        <br />
        {agency.street}, {agency.postalCode} {agency.city} · {agency.phone} · {agency.email}
      </div>
      {props.greetingName !== null ? (
        <>
          <p>{t.t('fit.catalogue.greeting', { name: props.greetingName })}</p>
          <p>{t.t('fit.catalogue.personalIntro')}</p>
        </>
      ) : (
        <p>{t.t('fit.catalogue.intro')}</p>
      )}
      {props.truncatedAt !== null ? (
        <p class="no-print">{t.t('fit.catalogue.truncated', { count: props.truncatedAt })}</p>
      ) : null}
      {count === 0 ? <p>{t.t('fit.catalogue.empty')}</p> : null}
      {props.groups.map((group) => (
        <section key={group.field ?? '-'}>
          {props.greetingName === null ? (
            <h2>{group.field !== null ? labels.field(group.field) : t.t('fit.catalogue.otherField')}</h2>
          ) : null}
          {group.entries.map((entry) => (
            <CatalogueItem
              key={entry.id}
              t={t}
              labels={labels}
              entry={entry}
              languageName={props.languageName}
            />
          ))}
        </section>
      ))}
    </ConsoleLayout>
  );
}

function CatalogueItem({
  t,
  labels,
  entry,
  languageName,
}: {
  t: Translator;
  labels: Labels;
  entry: CatalogueEntry;
  languageName: (code: string) => string;
}) {
  const requirements = [
    entry.requiresCertificate ? t.t('fit.catalogue.certificate') : null,
    entry.minimumAge !== null ? t.t('fit.catalogue.minimumAge', { age: entry.minimumAge }) : null,
    entry.languages.length > 0
      ? t.t('fit.catalogue.languages', { names: entry.languages.map(languageName).join(', ') })
      : null,
    entry.skills.length > 0
      ? t.t('fit.catalogue.skills', { names: entry.skills.map(labels.skill).join(', ') })
      : null,
  ].filter((line): line is string => line !== null);
  const suits = [
    entry.forNewcomers ? t.t('fit.catalogue.forNewcomers') : null,
    entry.littleGermanOk ? t.t('fit.catalogue.littleGermanOk') : null,
    entry.accessible ? t.t('fit.catalogue.accessible') : null,
  ].filter((line): line is string => line !== null);
  const where = entry.remote
    ? t.t('fit.remote')
    : [entry.streetAddress, [entry.postalCode, entry.district].filter(Boolean).join(' ')]
        .filter(Boolean)
        .join(', ');
  const contact = [entry.contactName, entry.contactPhone, entry.contactEmail].filter(Boolean).join(' · ');
  return (
    <article class="entry card">
      <h3>{entry.title}</h3>
      <p class="muted">
        {entry.providerName} · {entry.fieldsOfActivity.map(labels.field).join(', ')}
      </p>
      <dl>
        <dt>{t.t('fit.catalogue.what')}</dt>
        <dd>{entry.description}</dd>
        {entry.tasks ? (
          <>
            <dt>{t.t('fit.catalogue.tasks')}</dt>
            <dd>{entry.tasks}</dd>
          </>
        ) : null}
        <dt>{t.t('fit.catalogue.where')}</dt>
        <dd>{where}</dd>
        <dt>{t.t('fit.catalogue.when')}</dt>
        <dd>{timePatternText(t, entry.timePattern)}</dd>
        {entry.minCommitmentMonths !== null ? (
          <>
            <dt>{t.t('fit.catalogue.commitment')}</dt>
            <dd>{t.t('fit.catalogue.months', { count: entry.minCommitmentMonths })}</dd>
          </>
        ) : null}
        <dt>{t.t('fit.catalogue.places')}</dt>
        <dd>{entry.places}</dd>
        <dt>{t.t('fit.catalogue.requirements')}</dt>
        <dd>{requirements.length > 0 ? requirements.join('; ') : t.t('fit.catalogue.noRequirements')}</dd>
        {suits.length > 0 ? (
          <>
            <dt>{t.t('fit.catalogue.suits')}</dt>
            <dd>{suits.join(', ')}</dd>
          </>
        ) : null}
        {entry.hostOffers.length > 0 ? (
          <>
            <dt>{t.t('fit.catalogue.offers')}</dt>
            <dd>
              {entry.hostOffers.map((o) => (HOST_OFFER_LABELS[o] ? t.t(HOST_OFFER_LABELS[o]) : o)).join(', ')}
            </dd>
          </>
        ) : null}
        {contact !== '' ? (
          <>
            <dt>{t.t('fit.catalogue.contact')}</dt>
            <dd>{contact}</dd>
          </>
        ) : null}
      </dl>
    </article>
  );
}
