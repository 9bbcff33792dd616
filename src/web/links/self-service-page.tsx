import type { FieldError } from '../../common/validation';
import { localesFor, type Translator } from '../../i18n';
import type { AgencyProfile } from '../../settings/dto/agency-profile.dto';
import { choicesOfSlots, FORM_LANGUAGES, PARTS_OF_DAY, type PartOfDay } from '../../shared/parts-of-day';
import type { VolunteerPreferences } from '../../volunteers/dto/self-service.dto';
import type { SelfServiceScope } from '../../shared/signed-links';
import type { OwnMatch, OwnProfile } from '../../volunteers/self-service.service';
import { ErrorSummary, FieldMessage, fieldAria, fieldId } from '../forms/field-messages';
import { FieldNeed } from '../shell/site-parts';
import { LinkShell } from './link-shell';
import { requestWhen, weekdayName } from '../shell/schedule-text';

/*
 * The volunteer's own page. With the settings scope (the link in every email's footer): settings
 * for requests, a button for the account link by email, revoking all links. With the account
 * scope (the short-lived magic link): also profile, matches past and upcoming, data export and
 * account deletion. Plain forms, no scripts.
 */

export interface SelfServiceView {
  t: Translator;
  agency: AgencyProfile;
  /** The page's path with its query (language switch). */
  path: string;
  /** The page's base path, /preferences/<token>. */
  base: string;
  /** What the link may do; the settings scope shows no personal details. */
  scope: SelfServiceScope;
  preferences: VolunteerPreferences;
  profile: OwnProfile;
  skills: { value: string; label: string }[];
  matches: (OwnMatch & { categoryText: string })[];
  /** What was posted, shown again with its problems. */
  posted?: {
    form: 'settings' | 'profile' | 'delete';
    values: Record<string, unknown>;
    problems: FieldError[];
  };
}

const PART_KEYS = {
  morning: 'links.profile.morning',
  afternoon: 'links.profile.afternoon',
  evening: 'links.profile.evening',
} as const satisfies Record<PartOfDay, string>;

const STATUS_PREFIX = 'links.matches.status.';

const postedText = (view: SelfServiceView, form: string, field: string): string | undefined => {
  const value = view.posted?.form === form ? view.posted.values[field] : undefined;
  return typeof value === 'string' ? value : undefined;
};
const postedList = (view: SelfServiceView, form: string, field: string): string[] | undefined => {
  if (view.posted?.form !== form) {
    return undefined;
  }
  const value = view.posted.values[field];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (item): item is string => typeof item === 'string',
  );
};
const problemsOf = (view: SelfServiceView, form: string): FieldError[] =>
  view.posted?.form === form ? view.posted.problems : [];

export function SelfServicePage(view: SelfServiceView) {
  const { t } = view;
  const title = t.t('links.preferences.title');
  return (
    <LinkShell t={t} agency={view.agency} path={view.path} title={title}>
      <h1>{title}</h1>
      <p>{t.t('links.preferences.intro')}</p>
      <p>
        <a href={`${view.base}/hours?lang=${t.locale}`}>{t.t('proof.page.open')}</a>
      </p>
      <SettingsForm {...view} />
      {view.scope === 'account' ? (
        <>
          <ProfileForm {...view} />
          <MatchesSection {...view} />
          <DataSection {...view} />
        </>
      ) : (
        <AccountLinkSection {...view} />
      )}
      <RevokeSection {...view} />
    </LinkShell>
  );
}

function TextField(props: {
  t: Translator;
  problems: FieldError[];
  field: string;
  name?: string;
  label: string;
  required: boolean;
  value: string;
  type?: string;
  inputMode?: 'numeric' | 'decimal' | 'tel';
  autoComplete?: string;
  maxLength?: number;
}) {
  return (
    <p>
      <label for={fieldId(props.field)}>
        {props.label}
        <FieldNeed t={props.t} required={props.required} />
      </label>
      <br />
      <FieldMessage problems={props.problems} field={props.field} />
      <input
        {...fieldAria(props.field, props.problems)}
        name={props.name ?? props.field}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete}
        maxLength={props.maxLength}
        required={props.required}
        value={props.value}
      />
    </p>
  );
}

function SettingsForm(view: SelfServiceView) {
  const { t, preferences } = view;
  const problems = problemsOf(view, 'settings');
  const delivery = postedText(view, 'settings', 'offerDelivery') ?? preferences.offerDelivery;
  const [storedStart, storedEnd] = preferences.quietHours ? preferences.quietHours.split('-') : ['', ''];
  const locale = postedText(view, 'settings', 'locale') ?? preferences.locale;
  const labels = {
    offerDelivery: t.t('links.preferences.delivery'),
    maxOffersPerWeek: t.t('links.preferences.cap'),
    awayUntil: t.t('links.preferences.away'),
    quietHours: t.t('links.preferences.quiet'),
    locale: t.t('links.preferences.language'),
  };
  const deliveryAria = fieldAria('offerDelivery', problems);
  const quietAria = fieldAria('quietHours', problems);
  return (
    <form method="post" action={view.base}>
      <ErrorSummary t={t} problems={problems} labels={labels} />
      <fieldset id={deliveryAria.id} aria-describedby={deliveryAria['aria-describedby']}>
        <legend>{labels.offerDelivery}</legend>
        <FieldMessage problems={problems} field="offerDelivery" />
        <p>
          <label>
            <input type="radio" name="offerDelivery" value="immediate" checked={delivery === 'immediate'} />{' '}
            {t.t('links.preferences.immediate')}
          </label>
        </p>
        <p>
          <label>
            <input
              type="radio"
              name="offerDelivery"
              value="daily-digest"
              checked={delivery === 'daily-digest'}
            />{' '}
            {t.t('links.preferences.digest')}
          </label>
        </p>
      </fieldset>
      <TextField
        t={t}
        problems={problems}
        field="maxOffersPerWeek"
        label={labels.maxOffersPerWeek}
        required
        type="number"
        inputMode="numeric"
        value={postedText(view, 'settings', 'maxOffersPerWeek') ?? String(preferences.maxOffersPerWeek)}
      />
      <TextField
        t={t}
        problems={problems}
        field="awayUntil"
        label={labels.awayUntil}
        required={false}
        type="date"
        value={postedText(view, 'settings', 'awayUntil') ?? preferences.awayUntil ?? ''}
      />
      <fieldset id={quietAria.id} aria-describedby={quietAria['aria-describedby']}>
        <legend>{labels.quietHours}</legend>
        <FieldMessage problems={problems} field="quietHours" />
        <p>
          <label for="field-quietStart">{t.t('links.preferences.from')}</label>{' '}
          <input
            id="field-quietStart"
            name="quietStart"
            type="time"
            value={postedText(view, 'settings', 'quietStart') ?? storedStart}
          />{' '}
          <label for="field-quietEnd">{t.t('links.preferences.to')}</label>{' '}
          <input
            id="field-quietEnd"
            name="quietEnd"
            type="time"
            value={postedText(view, 'settings', 'quietEnd') ?? storedEnd}
          />
        </p>
      </fieldset>
      <p>
        <label for={fieldId('locale')}>{labels.locale}</label>
        <br />
        <FieldMessage problems={problems} field="locale" />
        <select {...fieldAria('locale', problems)} name="locale">
          {localesFor('public').map((info) => (
            <option
              key={info.locale}
              value={info.locale}
              lang={info.locale}
              selected={info.locale === locale}
            >
              {info.name}
            </option>
          ))}
        </select>
      </p>
      <button type="submit">{t.t('links.preferences.save')}</button>
      <p class="note">{t.t('links.preferences.note')}</p>
    </form>
  );
}

function Checkboxes(props: {
  problems: FieldError[];
  field: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string }[];
  chosen: string[];
}) {
  const aria = fieldAria(props.field, props.problems);
  return (
    <fieldset id={aria.id} aria-describedby={aria['aria-describedby']}>
      <legend>{props.legend}</legend>
      <FieldMessage problems={props.problems} field={props.field} />
      {props.options.map((option) => {
        const id = `${aria.id}-${option.value.replace(/[^A-Za-z0-9_-]/g, '-')}`;
        return (
          <p key={option.value}>
            <input
              type="checkbox"
              id={id}
              name={props.field}
              value={option.value}
              checked={props.chosen.includes(option.value)}
            />{' '}
            <label for={id}>{option.label}</label>
          </p>
        );
      })}
    </fieldset>
  );
}

function ProfileForm(view: SelfServiceView) {
  const { t, profile } = view;
  const problems = problemsOf(view, 'profile');
  const labels = {
    phone: t.t('links.profile.phone'),
    postalCode: t.t('links.profile.postalCode'),
    maxTravelKm: t.t('links.profile.radius'),
    languageCodes: t.t('links.profile.languages'),
    skills: t.t('links.profile.skills'),
    availability: t.t('links.profile.availability'),
  };
  const languageOptions = [...new Set([...FORM_LANGUAGES, ...profile.languageCodes])].map((code) => ({
    value: code,
    label: t.dynamic(`links.languageName.${code}`) ?? code,
  }));
  const slotOptions = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) =>
    (Object.keys(PARTS_OF_DAY) as PartOfDay[]).map((part) => ({
      value: `${weekday}-${part}`,
      label: t.t(PART_KEYS[part], { weekday: weekdayName(t, weekday) }),
    })),
  );
  // The languages field posts as "languages"; its problems are the DTO's "languageCodes".
  const languageProblems = problems.map((problem) =>
    problem.field === 'languageCodes' ? { ...problem, field: 'languages' } : problem,
  );
  return (
    <>
      <h2 id="profile">{t.t('links.profile.title')}</h2>
      <p>{t.t('links.profile.intro')}</p>
      <form method="post" action={`${view.base}/profile`}>
        <ErrorSummary
          t={t}
          problems={languageProblems}
          labels={{ ...labels, languages: labels.languageCodes }}
        />
        <TextField
          t={t}
          problems={problems}
          field="phone"
          label={labels.phone}
          required={false}
          type="tel"
          autoComplete="tel"
          value={postedText(view, 'profile', 'phone') ?? profile.phone ?? ''}
        />
        <TextField
          t={t}
          problems={problems}
          field="postalCode"
          label={labels.postalCode}
          required
          inputMode="numeric"
          autoComplete="postal-code"
          maxLength={5}
          value={postedText(view, 'profile', 'postalCode') ?? profile.postalCode}
        />
        <TextField
          t={t}
          problems={problems}
          field="maxTravelKm"
          label={labels.maxTravelKm}
          required
          inputMode="decimal"
          value={postedText(view, 'profile', 'maxTravelKm') ?? t.number(profile.maxTravelKm)}
        />
        <Checkboxes
          problems={languageProblems}
          field="languages"
          legend={labels.languageCodes}
          options={languageOptions}
          chosen={postedList(view, 'profile', 'languages') ?? profile.languageCodes}
        />
        <Checkboxes
          problems={problems}
          field="skills"
          legend={labels.skills}
          options={view.skills}
          chosen={postedList(view, 'profile', 'skills') ?? profile.skills}
        />
        <Checkboxes
          problems={problems}
          field="availability"
          legend={labels.availability}
          options={slotOptions}
          chosen={postedList(view, 'profile', 'availability') ?? choicesOfSlots(profile.availability)}
        />
        <button type="submit">{t.t('links.profile.save')}</button>
      </form>
    </>
  );
}

function MatchList({ t, matches }: { t: Translator; matches: SelfServiceView['matches'] }) {
  if (matches.length === 0) {
    return <p>{t.t('links.matches.none')}</p>;
  }
  return (
    <ul>
      {matches.map((match) => (
        <li key={match.id}>
          {t.t('links.matches.item', {
            category: match.categoryText,
            district: match.district ?? '',
            when: requestWhen(t, match),
          })}{' '}
          – <strong>{t.dynamic(`${STATUS_PREFIX}${match.status}`) ?? match.status}</strong>
        </li>
      ))}
    </ul>
  );
}

function MatchesSection(view: SelfServiceView) {
  const { t } = view;
  return (
    <>
      <h2 id="matches">{t.t('links.matches.title')}</h2>
      <h3>{t.t('links.matches.upcoming')}</h3>
      <MatchList t={t} matches={view.matches.filter((match) => match.upcoming)} />
      <h3>{t.t('links.matches.past')}</h3>
      <MatchList t={t} matches={view.matches.filter((match) => !match.upcoming)} />
    </>
  );
}

function DataSection(view: SelfServiceView) {
  const { t } = view;
  const problems = problemsOf(view, 'delete');
  return (
    <>
      <h2 id="data">{t.t('links.data.title')}</h2>
      <p>
        <a href={`${view.base}/export`} download>
          {t.t('links.data.export')}
        </a>
      </p>
      <h3>{t.t('links.data.delete')}</h3>
      <p>{t.t('links.data.deleteIntro')}</p>
      <form method="post" action={`${view.base}/delete`}>
        <FieldMessage problems={problems} field="confirm" />
        <p>
          <input {...fieldAria('confirm', problems)} type="checkbox" name="confirm" value="yes" />{' '}
          <label for={fieldId('confirm')}>{t.t('links.data.deleteConfirm')}</label>
        </p>
        <button type="submit" class="secondary">
          {t.t('links.data.deleteButton')}
        </button>
      </form>
    </>
  );
}

/** Profile, export and deletion need the short-lived account link, sent to the volunteer's address. */
function AccountLinkSection(view: SelfServiceView) {
  const { t } = view;
  return (
    <>
      <h2 id="account">{t.t('links.account.title')}</h2>
      <p>{t.t('links.account.intro')}</p>
      <form method="post" action={`${view.base}/account-link`}>
        <button type="submit">{t.t('links.account.request')}</button>
      </form>
    </>
  );
}

function RevokeSection(view: SelfServiceView) {
  const { t } = view;
  return (
    <>
      <h2 id="revoke">{t.t('links.revoke.title')}</h2>
      <p>{t.t('links.revoke.intro')}</p>
      <form method="post" action={`${view.base}/revoke-links`}>
        <button type="submit" class="secondary">
          {t.t('links.revoke.button')}
        </button>
      </form>
    </>
  );
}
