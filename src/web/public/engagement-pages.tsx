import type {
  OpportunityFilters,
  OpportunitySummary,
  PublicOpportunity,
} from '../../engagement/opportunity-search.service';
import { SEARCH_RADII_KM, filtersQuery } from '../../engagement/opportunity-search.service';
import type { MessageKey, Translator } from '../../i18n';
import type { OpportunityTimePattern } from '../../opportunities/domain/time-pattern';
import { taxonomyLabel, type Taxonomy } from '../../taxonomy/taxonomy';
import { AgencyContact } from '../shell/agency-contact';
import { ChoiceField, PublicForm, TextField, type FormState } from './form-fields';
import type { PageContext } from './pages';
import { PublicShell, langQuery } from './public-shell';

/* The public opportunity search (/engagement), one opportunity's page and its interest form. */

export const ENGAGEMENT_CSS = `
  .filters { background: #f4f6f8; padding: 1rem; border-radius: .4rem; margin-bottom: 1.5rem; }
  .filters .row { margin: 0 0 1rem; }
  .filters select, .filters input[type=text] { font: inherit; padding: .4rem .5rem; border: 2px solid #111; border-radius: .25rem; background: #fff; color: #111; max-width: 100%; }
  ol.results { list-style: none; padding: 0; }
  ol.results li { border-bottom: 1px solid #8a96a3; padding: 1rem 0; }
  ol.results h3 { margin: 0 0 .25rem; font-size: 1.3rem; }
  .meta { margin: .1rem 0; color: #222; }
  nav.paging ul { list-style: none; display: flex; gap: 1.5rem; padding: 0; }
  dl.facts dt { font-weight: 700; margin-top: 1rem; }
  dl.facts dd { margin: .25rem 0 0; }
`;

const WEEKDAY_KEYS: MessageKey[] = [
  'public.weekday.1',
  'public.weekday.2',
  'public.weekday.3',
  'public.weekday.4',
  'public.weekday.5',
  'public.weekday.6',
  'public.weekday.7',
];
const LANGUAGE_KEYS: Record<string, MessageKey> = {
  de: 'public.language.de',
  en: 'public.language.en',
  tr: 'public.language.tr',
  ar: 'public.language.ar',
  uk: 'public.language.uk',
  ru: 'public.language.ru',
  fa: 'public.language.fa',
  pl: 'public.language.pl',
};
const OFFER_KEYS: Record<string, MessageKey> = {
  induction: 'engagement.offer.induction',
  training: 'engagement.offer.training',
  expenses: 'engagement.offer.expenses',
  insurance: 'engagement.offer.insurance',
  supervision: 'engagement.offer.supervision',
  certificate: 'engagement.offer.certificate',
};
const FILTER_LABELS: Record<string, MessageKey> = {
  field: 'engagement.filter.field',
  district: 'engagement.filter.district',
  postalCode: 'engagement.filter.postalCode',
  km: 'engagement.filter.km',
  weekday: 'engagement.filter.weekday',
  remote: 'engagement.filter.remote',
  newcomers: 'engagement.filter.newcomers',
  littleGerman: 'engagement.filter.littleGerman',
  accessible: 'engagement.filter.accessible',
  language: 'engagement.filter.language',
  page: 'engagement.filter.page',
};

const languageName = (t: Translator, code: string): string =>
  LANGUAGE_KEYS[code] ? t.t(LANGUAGE_KEYS[code]) : code;

/** "Dienstag, 15:00–17:00 Uhr", "Zeit frei einteilbar, etwa 4 Stunden pro Woche", "einmalig am …". */
export function timeText(t: Translator, pattern: OpportunityTimePattern): string {
  switch (pattern.kind) {
    case 'weekly':
      return pattern.slots
        .map((slot) =>
          t.t('engagement.time.slot', {
            day: t.t(WEEKDAY_KEYS[slot.weekday - 1]),
            start: slot.start,
            end: slot.end,
          }),
        )
        .join('; ');
    case 'flexible':
      return [
        t.t('engagement.time.flexible'),
        pattern.hoursPerWeek ? t.t('engagement.time.perWeek', { hours: pattern.hoursPerWeek }) : null,
        pattern.hoursPerMonth ? t.t('engagement.time.perMonth', { hours: pattern.hoursPerMonth }) : null,
      ]
        .filter((part): part is string => part !== null)
        .join(', ');
    case 'one-off':
      return t.t('engagement.time.oneOff', {
        date: t.date(new Date(`${pattern.date}T12:00:00Z`), {
          day: 'numeric',
          month: 'long',
          year: 'numeric',
        }),
        start: pattern.start,
        end: pattern.end,
      });
  }
}

const placeText = (
  t: Translator,
  row: { remote: boolean; postalCode: string | null; district: string | null },
) =>
  row.remote
    ? t.t('engagement.results.remote')
    : [row.postalCode, row.district].filter((part) => part).join(' ');

const withLang = (t: Translator, query: string): string => {
  const params = new URLSearchParams(query);
  if (t.locale !== 'de') {
    params.set('lang', t.locale);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
};

function Select(props: {
  t: Translator;
  name: string;
  label: MessageKey;
  value: string | undefined;
  options: { value: string; label: string }[];
}) {
  const id = `filter-${props.name}`;
  return (
    <div class="row">
      <label for={id}>{props.t.t(props.label)}</label>
      <select id={id} name={props.name}>
        <option value="">{props.t.t('engagement.filter.any')}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Tick({ t, name, label, on }: { t: Translator; name: string; label: MessageKey; on?: boolean }) {
  const id = `filter-${name}`;
  return (
    <div class="choice">
      <input type="checkbox" id={id} name={name} value="yes" checked={Boolean(on)} />{' '}
      <label for={id}>{t.t(label)}</label>
    </div>
  );
}

export interface SearchChoices {
  taxonomy: Taxonomy;
  districts: string[];
  languages: readonly string[];
}

export function SearchPage(
  props: PageContext &
    SearchChoices & {
      filters: OpportunityFilters;
      rows: OpportunitySummary[];
      hasNext: boolean;
    },
) {
  const { t, agency, filters } = props;
  const title = t.t('engagement.search.title');
  const query = filtersQuery(filters);
  return (
    <PublicShell
      t={t}
      agency={agency}
      title={title}
      path={`/engagement${query ? `?${query}` : ''}`}
      css={ENGAGEMENT_CSS}
    >
      <h1>{title}</h1>
      <p>{t.t('engagement.search.intro')}</p>
      <form
        class="filters"
        method="get"
        action="/engagement"
        role="search"
        aria-label={t.t('engagement.filter.heading')}
      >
        {t.locale !== 'de' ? <input type="hidden" name="lang" value={t.locale} /> : null}
        <h2>{t.t('engagement.filter.heading')}</h2>
        <Select
          t={t}
          name="field"
          label="engagement.filter.field"
          value={filters.field}
          options={Object.keys(props.taxonomy.fields).map((key) => ({
            value: key,
            label: taxonomyLabel(props.taxonomy, 'fields', key, t),
          }))}
        />
        <Select
          t={t}
          name="district"
          label="engagement.filter.district"
          value={filters.district}
          options={props.districts.map((name) => ({ value: name, label: name }))}
        />
        <div class="row">
          <label for="filter-postalCode">{t.t('engagement.filter.postalCode')}</label>
          <p class="hint" id="filter-postalCode-hint">
            {t.t('engagement.filter.postalCodeHint')}
          </p>
          <input
            type="text"
            class="short"
            id="filter-postalCode"
            name="postalCode"
            inputMode="numeric"
            autoComplete="postal-code"
            maxLength={5}
            aria-describedby="filter-postalCode-hint"
            value={filters.postalCode ?? ''}
          />
        </div>
        <div class="row">
          <label for="filter-km">{t.t('engagement.filter.km')}</label>
          <select id="filter-km" name="km">
            {SEARCH_RADII_KM.map((km) => (
              <option key={km} value={String(km)} selected={km === filters.radiusKm}>
                {t.t('engagement.filter.kmOption', { km })}
              </option>
            ))}
          </select>
        </div>
        <Select
          t={t}
          name="weekday"
          label="engagement.filter.weekday"
          value={filters.weekday ? String(filters.weekday) : undefined}
          options={WEEKDAY_KEYS.map((key, index) => ({ value: String(index + 1), label: t.t(key) }))}
        />
        <Select
          t={t}
          name="language"
          label="engagement.filter.language"
          value={filters.language}
          options={props.languages.map((code) => ({ value: code, label: languageName(t, code) }))}
        />
        <fieldset>
          <legend>{t.t('engagement.filter.suitability')}</legend>
          <Tick t={t} name="remote" label="engagement.filter.remote" on={filters.remote} />
          <Tick t={t} name="newcomers" label="engagement.filter.newcomers" on={filters.newcomers} />
          <Tick t={t} name="littleGerman" label="engagement.filter.littleGerman" on={filters.littleGerman} />
          <Tick t={t} name="accessible" label="engagement.filter.accessible" on={filters.accessible} />
        </fieldset>
        <button type="submit">{t.t('engagement.filter.submit')}</button>{' '}
        <a href={`/engagement${langQuery(t)}`}>{t.t('engagement.filter.reset')}</a>
      </form>
      <h2 id="results">{t.t('engagement.results.heading', { page: filters.page })}</h2>
      {props.rows.length === 0 ? (
        <p class="note">{t.t('engagement.results.none')}</p>
      ) : (
        <ol class="results" aria-labelledby="results">
          {props.rows.map((row) => (
            <li key={row.id}>
              <h3>
                <a href={`/engagement/${row.id}${langQuery(t)}`}>{row.title}</a>
              </h3>
              <p class="meta">{t.t('engagement.results.host', { host: row.host })}</p>
              <p class="meta">
                {placeText(t, row)}
                {row.distanceKm !== null
                  ? ` · ${t.t('engagement.results.distance', { km: row.distanceKm })}`
                  : ''}
              </p>
              <p class="meta">{timeText(t, row.timePattern)}</p>
              <p class="meta">
                {row.fieldsOfActivity
                  .map((key) => taxonomyLabel(props.taxonomy, 'fields', key, t))
                  .join(', ')}
              </p>
            </li>
          ))}
        </ol>
      )}
      {filters.page > 1 || props.hasNext ? (
        <nav class="paging" aria-label={t.t('engagement.results.paging')}>
          <ul>
            {filters.page > 1 ? (
              <li>
                <a rel="prev" href={`/engagement${withLang(t, filtersQuery(filters, filters.page - 1))}`}>
                  {t.t('engagement.results.previous')}
                </a>
              </li>
            ) : null}
            {props.hasNext ? (
              <li>
                <a rel="next" href={`/engagement${withLang(t, filtersQuery(filters, filters.page + 1))}`}>
                  {t.t('engagement.results.next')}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </PublicShell>
  );
}

/** 400: a filter value that names nothing; the page says which filter, and offers the search without it. */
export function BadFilterPage({ t, agency, field, value }: PageContext & { field: string; value: string }) {
  const title = t.t('engagement.badFilter.title');
  return (
    <PublicShell t={t} agency={agency} title={title} path="/engagement">
      <h1>{title}</h1>
      <p>
        {t.t('engagement.badFilter.body', {
          filter: t.t(FILTER_LABELS[field] ?? 'engagement.filter.heading'),
          value,
        })}
      </p>
      <p>
        <a href={`/engagement${langQuery(t)}`}>{t.t('engagement.badFilter.back')}</a>
      </p>
    </PublicShell>
  );
}

export function OpportunityNotFoundPage({ t, agency }: PageContext) {
  const title = t.t('engagement.notFound.title');
  return (
    <PublicShell t={t} agency={agency} title={title} path="/engagement">
      <h1>{title}</h1>
      <p>{t.t('engagement.notFound.body')}</p>
      <p>
        <a href={`/engagement${langQuery(t)}`}>{t.t('engagement.detail.back')}</a>
      </p>
    </PublicShell>
  );
}

export function OpportunityPage({
  t,
  agency,
  taxonomy,
  opportunity: o,
  state,
}: PageContext & { taxonomy: Taxonomy; opportunity: PublicOpportunity; state: FormState }) {
  const requirements = [
    o.requiresCertificate ? t.t('engagement.detail.certificate') : null,
    o.minimumAge !== null ? t.t('engagement.detail.minimumAge', { age: o.minimumAge }) : null,
    o.languages.length > 0
      ? t.t('engagement.detail.languages', {
          languages: o.languages.map((code) => languageName(t, code)).join(', '),
        })
      : null,
    ...o.skills.map((skill) => taxonomyLabel(taxonomy, 'skills', skill, t)),
  ].filter((item): item is string => item !== null);
  const suits = [
    o.forNewcomers ? t.t('engagement.suits.newcomers') : null,
    o.littleGermanOk ? t.t('engagement.suits.littleGerman') : null,
    o.accessible ? t.t('engagement.suits.accessible') : null,
  ].filter((item): item is string => item !== null);
  const labels: Record<string, string> = {
    name: t.t('engagement.interest.name'),
    email: t.t('engagement.interest.email'),
    phone: t.t('engagement.interest.phone'),
    postalCode: t.t('engagement.interest.postalCode'),
    note: t.t('engagement.interest.note'),
    consent: t.t('public.form.consent'),
  };
  return (
    <PublicShell t={t} agency={agency} title={o.title} path={`/engagement/${o.id}`} css={ENGAGEMENT_CSS}>
      <p>
        <a href={`/engagement${langQuery(t)}`}>{t.t('engagement.detail.back')}</a>
      </p>
      <h1>{o.title}</h1>
      <p class="meta">{t.t('engagement.results.host', { host: o.host })}</p>
      <h2>{t.t('engagement.detail.what')}</h2>
      <p class="prose">{o.description}</p>
      {o.tasks ? (
        <>
          <h2>{t.t('engagement.detail.tasks')}</h2>
          <p class="prose">{o.tasks}</p>
        </>
      ) : null}
      <dl class="facts">
        <dt>{t.t('engagement.detail.where')}</dt>
        <dd>
          {o.remote
            ? t.t('engagement.detail.remote')
            : [o.streetAddress, [o.postalCode, o.district].filter((part) => part).join(' ')]
                .filter((part) => part)
                .join(', ')}
        </dd>
        <dt>{t.t('engagement.detail.when')}</dt>
        <dd>{timeText(t, o.timePattern)}</dd>
        <dt>{t.t('engagement.detail.commitment')}</dt>
        <dd>
          {o.minCommitmentMonths
            ? t.t('engagement.detail.commitmentMonths', { months: o.minCommitmentMonths })
            : t.t('engagement.detail.commitmentNone')}
          {' · '}
          {t.t('engagement.detail.places', { places: o.places })}
        </dd>
        <dt>{t.t('engagement.detail.fields')}</dt>
        <dd>{o.fieldsOfActivity.map((key) => taxonomyLabel(taxonomy, 'fields', key, t)).join(', ')}</dd>
      </dl>
      <h2>{t.t('engagement.detail.requirements')}</h2>
      {requirements.length > 0 ? (
        <ul>
          {requirements.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      ) : (
        <p>{t.t('engagement.detail.noRequirements')}</p>
      )}
      {suits.length > 0 ? (
        <>
          <h2>{t.t('engagement.detail.suits')}</h2>
          <ul>
            {suits.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </>
      ) : null}
      {o.hostOffers.length > 0 ? (
        <>
          <h2>{t.t('engagement.detail.offers')}</h2>
          <ul>
            {o.hostOffers.map((offer) => (
              <li key={offer}>{OFFER_KEYS[offer] ? t.t(OFFER_KEYS[offer]) : offer}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t.t('engagement.detail.contact')}</h2>
      {o.contactName ? <p>{t.t('engagement.detail.contactPerson', { name: o.contactName })}</p> : null}
      <p>{t.t('engagement.detail.contactAgency')}</p>
      <AgencyContact t={t} agency={agency} />
      <h2 id="interest">{t.t('engagement.interest.heading')}</h2>
      <p>{t.t('engagement.interest.intro')}</p>
      <PublicForm t={t} agency={agency} action={`/engagement/${o.id}/interest`} state={state} labels={labels}>
        <TextField
          t={t}
          state={state}
          name="name"
          label="engagement.interest.name"
          autocomplete="name"
          required
        />
        <TextField
          t={t}
          state={state}
          name="email"
          label="engagement.interest.email"
          type="email"
          autocomplete="email"
          required
        />
        <TextField
          t={t}
          state={state}
          name="phone"
          label="engagement.interest.phone"
          type="tel"
          autocomplete="tel"
        />
        <TextField
          t={t}
          state={state}
          name="postalCode"
          label="engagement.interest.postalCode"
          autocomplete="postal-code"
          inputMode="numeric"
          maxLength={5}
          short
          required
        />
        <TextField
          t={t}
          state={state}
          name="note"
          label="engagement.interest.note"
          hint="engagement.interest.noteHint"
          multiline
          maxLength={500}
        />
        <p class="note">{t.t('public.volunteer.privacy')}</p>
        <ChoiceField
          t={t}
          state={state}
          name="consent"
          legend="public.form.consent"
          type="checkbox"
          options={[{ value: 'yes', label: t.t('public.volunteer.consent') }]}
        />
        <button type="submit">{t.t('engagement.interest.submit')}</button>
      </PublicForm>
    </PublicShell>
  );
}

export function InterestThanksPage({ t, agency, opportunityId }: PageContext & { opportunityId: string }) {
  const title = t.t('engagement.thanks.title');
  return (
    <PublicShell t={t} agency={agency} title={title} path={`/engagement/${opportunityId}/thanks`}>
      <h1>{title}</h1>
      <p>{t.t('engagement.thanks.body')}</p>
      <ol>
        <li>{t.t('engagement.thanks.step1')}</li>
        <li>{t.t('engagement.thanks.step2')}</li>
        <li>{t.t('engagement.thanks.step3')}</li>
      </ol>
      <p>
        <a href={`/engagement${langQuery(t)}`}>{t.t('engagement.thanks.more')}</a>
      </p>
    </PublicShell>
  );
}
