import type { Translator } from '../../i18n';
import type { AgencyProfile } from '../../settings/dto/agency-profile.dto';
import { taxonomyLabel, type Taxonomy } from '../../taxonomy/taxonomy';
import type { MessageKey } from '../../i18n';
import { AgencyContact } from '../shell/agency-contact';
import { safeUrl } from '../shell/safe-url';
import {
  ChoiceField,
  Hidden,
  PublicForm,
  SelectField,
  TextField,
  type FormState,
  type Option,
} from './form-fields';
import { PublicShell, langQuery } from './public-shell';
import { ACCESSIBILITY_NEEDS, PARTS_OF_DAY, SIGN_UP_LANGUAGES } from './public-forms';
import { taxonomyOptions } from './taxonomy-labels';

/** What every public page gets: the reader's language and the agency it belongs to. */
export interface PageContext {
  t: Translator;
  agency: AgencyProfile;
}

const PART_LABELS: Record<keyof typeof PARTS_OF_DAY, MessageKey> = {
  morning: 'public.help.morning',
  afternoon: 'public.help.afternoon',
  evening: 'public.help.evening',
};
const PART_SHORT: Record<keyof typeof PARTS_OF_DAY, MessageKey> = {
  morning: 'public.partOfDay.morning',
  afternoon: 'public.partOfDay.afternoon',
  evening: 'public.partOfDay.evening',
};
const WEEKDAYS: MessageKey[] = [
  'public.weekday.1',
  'public.weekday.2',
  'public.weekday.3',
  'public.weekday.4',
  'public.weekday.5',
  'public.weekday.6',
  'public.weekday.7',
];
const LANGUAGE_NAMES: Record<(typeof SIGN_UP_LANGUAGES)[number], MessageKey> = {
  de: 'public.language.de',
  en: 'public.language.en',
  tr: 'public.language.tr',
  ar: 'public.language.ar',
  uk: 'public.language.uk',
  ru: 'public.language.ru',
  fa: 'public.language.fa',
  pl: 'public.language.pl',
};
const NEED_LABELS: Record<(typeof ACCESSIBILITY_NEEDS)[number], MessageKey> = {
  wheelchair: 'public.need.wheelchair',
  walker: 'public.need.walker',
  hearing: 'public.need.hearing',
  vision: 'public.need.vision',
  'easy-language': 'public.need.easy-language',
};

const partsOfDay = (t: Translator): Option[] =>
  (Object.keys(PARTS_OF_DAY) as (keyof typeof PARTS_OF_DAY)[]).map((part) => ({
    value: part,
    label: t.t(PART_LABELS[part]),
  }));
const yes = (t: Translator, key: MessageKey): Option[] => [{ value: 'yes', label: t.t(key) }];
const labelsOf = (t: Translator, pairs: [string, MessageKey][]): Record<string, string> =>
  Object.fromEntries(pairs.map(([name, key]) => [name, t.t(key)]));

export function HomePage({ t, agency }: PageContext) {
  const q = langQuery(t);
  const links: [string, MessageKey][] = [
    ['/help', 'public.home.help'],
    ['/help/easy', 'public.home.easy'],
    ['/help/call-back', 'public.home.callBack'],
    ['/volunteer', 'public.home.volunteer'],
    ['/provider', 'public.home.provider'],
    ['/my-account', 'public.home.account'],
    ['/engagement', 'engagement.home.link'],
  ];
  return (
    <PublicShell t={t} agency={agency} title={t.t('public.home.title')} path="/">
      <h1>{t.t('public.home.title')}</h1>
      <p>{t.t('public.home.intro')}</p>
      <ul class="choices">
        {links.map(([path, key]) => (
          <li key={path}>
            <a class="button" href={`${path}${q}`}>
              {t.t(key)}
            </a>
          </li>
        ))}
      </ul>
      <p>{t.t('public.home.legal')}</p>
      <p>
        <a href={`/console/login${q}`}>{t.t('public.home.staff')}</a>
      </p>
    </PublicShell>
  );
}

export function HelpRequestPage({
  t,
  agency,
  taxonomy,
  state,
}: PageContext & { taxonomy: Taxonomy; state: FormState }) {
  const title = t.t('public.help.title');
  const labels = labelsOf(t, [
    ['category', 'public.help.what'],
    ['neededLanguage', 'public.help.neededLanguage'],
    ['description', 'public.help.description'],
    ['date', 'public.help.date'],
    ['timeOfDay', 'public.help.timeOfDay'],
    ['postalCode', 'public.help.postalCode'],
    ['streetAddress', 'public.help.street'],
    ['name', 'public.help.name'],
    ['phone', 'public.help.phone'],
    ['email', 'public.help.email'],
    ['needs', 'public.help.needs'],
    ['consent', 'public.form.consent'],
    ['healthConsent', 'public.form.healthConsent'],
  ]);
  return (
    <PublicShell t={t} agency={agency} title={title} path="/help">
      <h1>{title}</h1>
      <p>{t.t('public.help.intro')}</p>
      <PublicForm t={t} agency={agency} action="/help" state={state} labels={labels}>
        <SelectField
          t={t}
          state={state}
          name="category"
          label="public.help.what"
          placeholder="public.help.chooseCategory"
          options={taxonomyOptions(t, taxonomy, 'category')}
        />
        <SelectField
          t={t}
          state={state}
          name="neededLanguage"
          label="public.help.neededLanguage"
          hint="public.help.neededLanguageHint"
          placeholder="public.help.chooseLanguage"
          required={false}
          options={SIGN_UP_LANGUAGES.filter((code) => code !== 'de').map((code) => ({
            value: code,
            label: t.t(LANGUAGE_NAMES[code]),
          }))}
        />
        <TextField
          t={t}
          state={state}
          name="description"
          label="public.help.description"
          hint="public.help.descriptionHint"
          multiline
          required
          maxLength={2000}
        />
        <TextField
          t={t}
          state={state}
          name="date"
          label="public.help.date"
          hint="public.help.dateHint"
          required
          short
          autocomplete="off"
        />
        <ChoiceField
          t={t}
          state={state}
          name="timeOfDay"
          legend="public.help.timeOfDay"
          type="radio"
          options={partsOfDay(t)}
          required
        />
        <ChoiceField
          t={t}
          state={state}
          name="weekly"
          legend="public.help.repeat"
          type="checkbox"
          options={yes(t, 'public.help.weekly')}
        />
        <TextField
          t={t}
          state={state}
          name="postalCode"
          label="public.help.postalCode"
          hint="public.help.postalCodeHint"
          required
          short
          inputMode="numeric"
          autocomplete="postal-code"
          maxLength={5}
        />
        <TextField
          t={t}
          state={state}
          name="streetAddress"
          label="public.help.street"
          hint="public.help.streetHint"
          autocomplete="street-address"
        />
        <TextField t={t} state={state} name="name" label="public.help.name" required autocomplete="name" />
        <TextField
          t={t}
          state={state}
          name="phone"
          label="public.help.phone"
          hint="public.help.phoneHint"
          type="tel"
          autocomplete="tel"
        />
        <TextField
          t={t}
          state={state}
          name="email"
          label="public.help.email"
          type="email"
          autocomplete="email"
        />
        <ChoiceField
          t={t}
          state={state}
          name="needs"
          legend="public.help.needs"
          hint="public.help.needsHint"
          type="checkbox"
          options={ACCESSIBILITY_NEEDS.map((need) => ({ value: need, label: t.t(NEED_LABELS[need]) }))}
        />
        <h2>{t.t('public.site.privacyTitle')}</h2>
        <p class="note">{t.t('public.help.privacy')}</p>
        <ChoiceField
          t={t}
          state={state}
          name="consent"
          legend="public.form.consent"
          type="checkbox"
          options={yes(t, 'public.help.consent')}
        />
        <ChoiceField
          t={t}
          state={state}
          name="healthConsent"
          legend="public.form.healthConsent"
          type="checkbox"
          options={yes(t, 'public.help.healthConsent')}
        />
        <button type="submit">{t.t('public.form.send')}</button>
      </PublicForm>
    </PublicShell>
  );
}

export function CallBackPage({ t, agency, state }: PageContext & { state: FormState }) {
  const title = t.t('public.callBack.title');
  const labels = labelsOf(t, [
    ['name', 'public.help.name'],
    ['phone', 'public.help.phone'],
    ['postalCode', 'public.help.postalCode'],
    ['description', 'public.callBack.note'],
    ['consent', 'public.form.consent'],
  ]);
  return (
    <PublicShell t={t} agency={agency} title={title} path="/help/call-back">
      <h1>{title}</h1>
      <p>{t.t('public.callBack.intro')}</p>
      <PublicForm t={t} agency={agency} action="/help/call-back" state={state} labels={labels}>
        <TextField t={t} state={state} name="name" label="public.help.name" required autocomplete="name" />
        <TextField
          t={t}
          state={state}
          name="phone"
          label="public.help.phone"
          type="tel"
          required
          autocomplete="tel"
        />
        <TextField
          t={t}
          state={state}
          name="postalCode"
          label="public.help.postalCode"
          hint="public.help.postalCodeHint"
          required
          short
          inputMode="numeric"
          autocomplete="postal-code"
          maxLength={5}
        />
        <TextField
          t={t}
          state={state}
          name="description"
          label="public.callBack.note"
          multiline
          maxLength={1000}
        />
        <p class="note">{t.t('public.help.privacy')}</p>
        <ChoiceField
          t={t}
          state={state}
          name="consent"
          legend="public.form.consent"
          type="checkbox"
          options={yes(t, 'public.help.consent')}
        />
        <button type="submit">{t.t('public.form.send')}</button>
      </PublicForm>
    </PublicShell>
  );
}

/** The plain-language flow: one question per page; earlier answers travel as hidden fields. */
export const EASY_STEPS = [
  'category',
  'date',
  'timeOfDay',
  'postalCode',
  'name',
  'phone',
  'consent',
] as const;
export type EasyStep = (typeof EASY_STEPS)[number];

export function EasyStepPage({
  t,
  agency,
  taxonomy,
  state,
  step,
  days,
}: PageContext & { taxonomy: Taxonomy; state: FormState; step: number; days: Option[] }) {
  const name = EASY_STEPS[step];
  const carried = EASY_STEPS.filter((other) => other !== name);
  const question: Record<EasyStep, () => preact.JSX.Element> = {
    category: () => (
      <ChoiceField
        t={t}
        state={state}
        name={name}
        legend="public.easy.what"
        type="radio"
        options={taxonomyOptions(t, taxonomy, 'category')}
        required
      />
    ),
    date: () => (
      <ChoiceField
        t={t}
        state={state}
        name={name}
        legend="public.easy.date"
        type="radio"
        options={days}
        required
      />
    ),
    timeOfDay: () => (
      <ChoiceField
        t={t}
        state={state}
        name={name}
        legend="public.easy.timeOfDay"
        type="radio"
        options={partsOfDay(t)}
        required
      />
    ),
    postalCode: () => (
      <TextField
        t={t}
        state={state}
        name={name}
        label="public.easy.postalCode"
        hint="public.easy.postalCodeHint"
        required
        short
        inputMode="numeric"
        autocomplete="postal-code"
        maxLength={5}
      />
    ),
    name: () => (
      <TextField t={t} state={state} name={name} label="public.easy.name" required autocomplete="name" />
    ),
    phone: () => (
      <TextField
        t={t}
        state={state}
        name={name}
        label="public.easy.phone"
        hint="public.easy.phoneHint"
        type="tel"
        required
        autocomplete="tel"
      />
    ),
    consent: () => (
      <>
        <p>{t.t('public.easy.consentHint')}</p>
        <ChoiceField
          t={t}
          state={state}
          name={name}
          legend="public.easy.consent"
          type="checkbox"
          options={yes(t, 'public.easy.consentYes')}
        />
      </>
    ),
  };
  const legends: Record<EasyStep, MessageKey> = {
    category: 'public.easy.what',
    date: 'public.easy.date',
    timeOfDay: 'public.easy.timeOfDay',
    postalCode: 'public.easy.postalCode',
    name: 'public.easy.name',
    phone: 'public.easy.phone',
    consent: 'public.easy.consent',
  };
  const title = t.t('public.easy.title');
  const progress = t.t('public.easy.step', { step: step + 1, total: EASY_STEPS.length });
  const last = step === EASY_STEPS.length - 1;
  return (
    <PublicShell t={t} agency={agency} title={`${title} – ${progress}`} path="/help/easy">
      <h1>{title}</h1>
      <p>
        <strong>{progress}</strong>
      </p>
      <PublicForm
        t={t}
        agency={agency}
        action="/help/easy"
        state={state}
        labels={labelsOf(t, [[name, legends[name]]])}
      >
        <Hidden name="step" value={String(step)} />
        {carried.map((other) => {
          const value = state.values[other];
          return <Hidden key={other} name={other} value={typeof value === 'string' ? value : ''} />;
        })}
        {question[name]()}
        <p>
          <button type="submit" name="go" value="next">
            {t.t(last ? 'public.form.send' : 'public.form.next')}
          </button>{' '}
          {step > 0 ? (
            <button type="submit" name="go" value="back" class="secondary">
              {t.t('public.form.back')}
            </button>
          ) : null}
        </p>
      </PublicForm>
    </PublicShell>
  );
}

export function VolunteerPage({
  t,
  agency,
  taxonomy,
  state,
}: PageContext & { taxonomy: Taxonomy; state: FormState }) {
  const title = t.t('public.volunteer.title');
  // The birth date is asked only where a category has a minimum age, and the hint says which.
  const ageLimited = Object.entries(taxonomy.categories)
    .filter(([, category]) => (category.minimumAge ?? 0) > 0)
    .map(([key, category]) => ({ key, age: category.minimumAge as number }));
  const slots = WEEKDAYS.flatMap((weekday, index) =>
    (Object.keys(PARTS_OF_DAY) as (keyof typeof PARTS_OF_DAY)[]).map((part) => ({
      value: `${index + 1}-${part}`,
      label: `${t.t(weekday)} ${t.t(PART_SHORT[part])}`,
    })),
  );
  const labels = labelsOf(t, [
    ['name', 'public.volunteer.name'],
    ['email', 'public.volunteer.email'],
    ['phone', 'public.volunteer.phone'],
    ['postalCode', 'public.volunteer.postalCode'],
    ['maxTravelKm', 'public.volunteer.radius'],
    ['birthDate', 'public.volunteer.birthDate'],
    ['gender', 'public.volunteer.gender'],
    ['languages', 'public.volunteer.languages'],
    ['skills', 'public.volunteer.skills'],
    ['availability', 'public.volunteer.availability'],
    ['consent', 'public.form.consent'],
  ]);
  return (
    <PublicShell t={t} agency={agency} title={title} path="/volunteer">
      <h1>{title}</h1>
      <p>{t.t('public.volunteer.intro')}</p>
      <PublicForm t={t} agency={agency} action="/volunteer" state={state} labels={labels}>
        <TextField
          t={t}
          state={state}
          name="name"
          label="public.volunteer.name"
          required
          autocomplete="name"
        />
        <TextField
          t={t}
          state={state}
          name="email"
          label="public.volunteer.email"
          type="email"
          required
          autocomplete="email"
        />
        <TextField
          t={t}
          state={state}
          name="phone"
          label="public.volunteer.phone"
          type="tel"
          autocomplete="tel"
        />
        <TextField
          t={t}
          state={state}
          name="postalCode"
          label="public.volunteer.postalCode"
          hint="public.help.postalCodeHint"
          required
          short
          inputMode="numeric"
          autocomplete="postal-code"
          maxLength={5}
        />
        <TextField
          t={t}
          state={state}
          name="maxTravelKm"
          label="public.volunteer.radius"
          hint="public.volunteer.radiusHint"
          required
          short
          inputMode="decimal"
          maxLength={4}
        />
        {ageLimited.length > 0 ? (
          <TextField
            t={t}
            state={state}
            name="birthDate"
            label="public.volunteer.birthDate"
            hintText={t.t('public.volunteer.birthDateWhy', {
              categories: ageLimited
                .map(
                  ({ key, age }) =>
                    `${taxonomyLabel(taxonomy, 'categories', key, t)} (${t.t('public.volunteer.fromAge', { age })})`,
                )
                .join(', '),
            })}
            short
            autocomplete="bday"
            maxLength={10}
          />
        ) : null}
        <SelectField
          t={t}
          state={state}
          name="gender"
          label="public.volunteer.gender"
          hint="public.volunteer.genderHint"
          placeholder="public.volunteer.genderNotGiven"
          required={false}
          options={[
            { value: 'female', label: t.t('public.volunteer.genderFemale') },
            { value: 'male', label: t.t('public.volunteer.genderMale') },
            { value: 'diverse', label: t.t('public.volunteer.genderDiverse') },
          ]}
        />
        <ChoiceField
          t={t}
          state={state}
          name="languages"
          legend="public.volunteer.languages"
          type="checkbox"
          options={SIGN_UP_LANGUAGES.map((code) => ({ value: code, label: t.t(LANGUAGE_NAMES[code]) }))}
        />
        <ChoiceField
          t={t}
          state={state}
          name="skills"
          legend="public.volunteer.skills"
          type="checkbox"
          options={taxonomyOptions(t, taxonomy, 'skill')}
        />
        <ChoiceField
          t={t}
          state={state}
          name="availability"
          legend="public.volunteer.availability"
          type="checkbox"
          options={slots}
        />
        <p class="note">{t.t('public.volunteer.privacy')}</p>
        <ChoiceField
          t={t}
          state={state}
          name="consent"
          legend="public.form.consent"
          type="checkbox"
          options={yes(t, 'public.volunteer.consent')}
        />
        <button type="submit">{t.t('public.form.send')}</button>
      </PublicForm>
    </PublicShell>
  );
}

export function ProviderPage({
  t,
  agency,
  taxonomy,
  state,
}: PageContext & { taxonomy: Taxonomy; state: FormState }) {
  const title = t.t('public.provider.title');
  const labels = labelsOf(t, [
    ['name', 'public.provider.name'],
    ['contactPerson', 'public.provider.contactPerson'],
    ['email', 'public.provider.email'],
    ['phone', 'public.provider.phone'],
    ['streetAddress', 'public.provider.streetAddress'],
    ['postalCode', 'public.provider.postalCode'],
    ['fields', 'public.provider.fields'],
    ['consent', 'public.form.consent'],
  ]);
  return (
    <PublicShell t={t} agency={agency} title={title} path="/provider">
      <h1>{title}</h1>
      <p>{t.t('public.provider.intro')}</p>
      <PublicForm t={t} agency={agency} action="/provider" state={state} labels={labels}>
        <TextField
          t={t}
          state={state}
          name="name"
          label="public.provider.name"
          required
          autocomplete="organization"
        />
        <TextField
          t={t}
          state={state}
          name="contactPerson"
          label="public.provider.contactPerson"
          required
          autocomplete="name"
        />
        <TextField
          t={t}
          state={state}
          name="email"
          label="public.provider.email"
          type="email"
          required
          autocomplete="email"
        />
        <TextField
          t={t}
          state={state}
          name="phone"
          label="public.provider.phone"
          type="tel"
          autocomplete="tel"
        />
        <TextField
          t={t}
          state={state}
          name="streetAddress"
          label="public.provider.streetAddress"
          required
          autocomplete="street-address"
        />
        <TextField
          t={t}
          state={state}
          name="postalCode"
          label="public.provider.postalCode"
          hint="public.help.postalCodeHint"
          required
          short
          inputMode="numeric"
          autocomplete="postal-code"
          maxLength={5}
        />
        <ChoiceField
          t={t}
          state={state}
          name="fields"
          legend="public.provider.fields"
          type="checkbox"
          options={taxonomyOptions(t, taxonomy, 'field')}
        />
        <ChoiceField
          t={t}
          state={state}
          name="consent"
          legend="public.form.consent"
          type="checkbox"
          options={yes(t, 'public.help.consent')}
        />
        <button type="submit">{t.t('public.form.send')}</button>
      </PublicForm>
    </PublicShell>
  );
}

export function AccountPage({ t, agency, state }: PageContext & { state: FormState }) {
  const title = t.t('public.account.title');
  return (
    <PublicShell t={t} agency={agency} title={title} path="/my-account">
      <h1>{title}</h1>
      <p>{t.t('public.account.intro')}</p>
      <PublicForm
        t={t}
        agency={agency}
        action="/my-account"
        state={state}
        labels={labelsOf(t, [['email', 'public.account.email']])}
      >
        <TextField
          t={t}
          state={state}
          name="email"
          label="public.account.email"
          type="email"
          required
          autocomplete="email"
        />
        <button type="submit">{t.t('public.account.send')}</button>
      </PublicForm>
    </PublicShell>
  );
}

export function MessagePage({
  t,
  agency,
  path,
  title,
  body,
}: PageContext & { path: string; title: MessageKey; body: MessageKey }) {
  return (
    <PublicShell t={t} agency={agency} title={t.t(title)} path={path}>
      <h1>{t.t(title)}</h1>
      <p>{t.t(body)}</p>
      <p>
        <a href={`/${langQuery(t)}`}>{t.t('public.home.title')}</a>
      </p>
    </PublicShell>
  );
}

export function ImprintPage({ t, agency }: PageContext) {
  return (
    <PublicShell t={t} agency={agency} title={t.t('public.imprint.title')} path="/impressum">
      <h1>{t.t('public.imprint.title')}</h1>
      <p class="prose">{agency.imprint}</p>
      <h2>{t.t('public.imprint.contact')}</h2>
      <AgencyContact t={t} agency={agency} />
      <h2>{t.t('public.imprint.sources')}</h2>
      {/* CC BY 4.0 asks for this credit wherever the postal-code data is shown or used. */}
      <p>
        {t.t('public.imprint.geonames')} <a href="https://www.geonames.org/">geonames.org</a> ·{' '}
        <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>
      </p>
      <p>
        {t.t('public.imprint.software')} <a href="https://www.gnu.org/licenses/agpl-3.0.html">AGPL-3.0</a>
      </p>
    </PublicShell>
  );
}

/** What the forms already explain about the data, in one place; the agency's own policy linked when it has one. */
export function PrivacyPage({ t, agency }: PageContext) {
  const policy = safeUrl(agency.privacyPolicyUrl);
  return (
    <PublicShell t={t} agency={agency} title={t.t('public.privacy.title')} path="/datenschutz">
      <h1>{t.t('public.privacy.title')}</h1>
      <p>{t.t('public.privacy.intro')}</p>
      <p>{t.t('public.help.privacy')}</p>
      <p>{t.t('public.volunteer.privacy')}</p>
      <p>{t.t('public.help.needsHint')}</p>
      {policy ? (
        <p>
          <a href={policy}>{t.t('public.privacy.policyLink')}</a>
        </p>
      ) : null}
      <p>{t.t('public.privacy.contact')}</p>
      <AgencyContact t={t} agency={agency} />
    </PublicShell>
  );
}

export function AccessibilityPage({ t, agency }: PageContext) {
  return (
    <PublicShell t={t} agency={agency} title={t.t('public.accessibility.title')} path="/barrierefreiheit">
      <h1>{t.t('public.accessibility.title')}</h1>
      <p class="prose">{agency.accessibilityStatement}</p>
      <p>{t.t('public.accessibility.contact')}</p>
      <AgencyContact t={t} agency={agency} />
    </PublicShell>
  );
}
