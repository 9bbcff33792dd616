import { escapeHtml } from '../common/html';
import type { Taxonomy } from '../taxonomy/taxonomy';
import type { Translator } from './i18n';
import { ACCESSIBILITY_NEEDS, PARTS_OF_DAY, SIGN_UP_LANGUAGES } from './forms';
import {
  choiceField,
  errorSummary,
  FormState,
  hidden,
  honeypot,
  publicPage,
  selectField,
  textField,
} from './public-html';

/** The public pages' HTML; the controller decides which one and with what state. */

const labelLocale = (tr: Translator): 'de' | 'en' => (tr.locale === 'de' ? 'de' : 'en');
const optionsOf = (tr: Translator, entries: Record<string, { de: string; en: string }>) =>
  Object.entries(entries).map(([value, labels]) => ({ value, label: labels[labelLocale(tr)] }));
const yes = (tr: Translator, key: string) => [{ value: 'yes', label: tr.t(key) }];
const partsOfDay = (tr: Translator) =>
  Object.keys(PARTS_OF_DAY).map((part) => ({ value: part, label: tr.t(`help.${part}`) }));

function form(tr: Translator, action: string, state: FormState, order: string[], fields: string): string {
  return `${errorSummary(tr, state, order)}
<form method="post" action="${escapeHtml(action)}" novalidate>
${hidden('lang', tr.locale)}
${honeypot(tr)}
${fields}
</form>`;
}

export function homePage(tr: Translator): string {
  const link = (path: string, key: string) =>
    `<li><a class="button" href="${path}?lang=${tr.locale}">${escapeHtml(tr.t(key))}</a></li>`;
  return publicPage({
    tr,
    path: '/',
    title: tr.t('home.title'),
    body: `<h1>${escapeHtml(tr.t('home.title'))}</h1>
<p>${escapeHtml(tr.t('home.intro'))}</p>
<ul class="choices">
${link('/help', 'home.help')}
${link('/help/easy', 'home.easy')}
${link('/help/call-back', 'home.callBack')}
${link('/volunteer', 'home.volunteer')}
${link('/provider', 'home.provider')}
${link('/my-account', 'home.account')}
</ul>
<p><a href="/console/login?lang=${tr.locale}">${escapeHtml(tr.t('home.staff'))}</a></p>`,
  });
}

const HELP_ORDER = [
  'category',
  'description',
  'date',
  'timeOfDay',
  'postalCode',
  'name',
  'phone',
  'email',
  'needs',
  'consent',
  'healthConsent',
];

export function helpRequestPage(tr: Translator, taxonomy: Taxonomy, state: FormState): string {
  const title = tr.t('help.title');
  return publicPage({
    tr,
    path: '/help',
    title,
    body: `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(tr.t('help.intro'))}</p>
${form(
  tr,
  '/help',
  state,
  HELP_ORDER,
  `${selectField(tr, state, { name: 'category', label: 'help.what', placeholder: 'help.chooseCategory', options: optionsOf(tr, taxonomy.categories) })}
${textField(tr, state, { name: 'description', label: 'help.description', hint: 'help.descriptionHint', multiline: true, required: true, maxLength: 2000 })}
${textField(tr, state, { name: 'date', label: 'help.date', hint: 'help.dateHint', required: true, short: true, autocomplete: 'off' })}
${choiceField(tr, state, { name: 'timeOfDay', legend: 'help.timeOfDay', type: 'radio', options: partsOfDay(tr), required: true })}
${choiceField(tr, state, { name: 'weekly', legend: 'help.repeat', type: 'checkbox', options: yes(tr, 'help.weekly') })}
${textField(tr, state, { name: 'postalCode', label: 'help.postalCode', hint: 'help.postalCodeHint', required: true, short: true, inputmode: 'numeric', autocomplete: 'postal-code', maxLength: 5 })}
${textField(tr, state, { name: 'name', label: 'help.name', required: true, autocomplete: 'name' })}
${textField(tr, state, { name: 'phone', label: 'help.phone', hint: 'help.phoneHint', type: 'tel', autocomplete: 'tel' })}
${textField(tr, state, { name: 'email', label: 'help.email', type: 'email', autocomplete: 'email' })}
${choiceField(tr, state, { name: 'needs', legend: 'help.needs', hint: 'help.needsHint', type: 'checkbox', options: ACCESSIBILITY_NEEDS.map((need) => ({ value: need, label: tr.t(`need.${need}`) })) })}
<h2>${escapeHtml(tr.t('site.privacyTitle'))}</h2>
<p class="note">${escapeHtml(tr.t('help.privacy'))}</p>
${choiceField(tr, state, { name: 'consent', legend: 'form.consent', type: 'checkbox', options: yes(tr, 'help.consent') })}
${choiceField(tr, state, { name: 'healthConsent', legend: 'form.healthConsent', type: 'checkbox', options: yes(tr, 'help.healthConsent') })}
<button type="submit">${escapeHtml(tr.t('form.send'))}</button>`,
)}`,
  });
}

export function callBackPage(tr: Translator, state: FormState): string {
  const title = tr.t('callBack.title');
  return publicPage({
    tr,
    path: '/help/call-back',
    title,
    body: `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(tr.t('callBack.intro'))}</p>
${form(
  tr,
  '/help/call-back',
  state,
  ['name', 'phone', 'postalCode', 'description', 'consent'],
  `${textField(tr, state, { name: 'name', label: 'help.name', required: true, autocomplete: 'name' })}
${textField(tr, state, { name: 'phone', label: 'help.phone', type: 'tel', required: true, autocomplete: 'tel' })}
${textField(tr, state, { name: 'postalCode', label: 'help.postalCode', hint: 'help.postalCodeHint', required: true, short: true, inputmode: 'numeric', autocomplete: 'postal-code', maxLength: 5 })}
${textField(tr, state, { name: 'description', label: 'callBack.note', multiline: true, maxLength: 1000 })}
<p class="note">${escapeHtml(tr.t('help.privacy'))}</p>
${choiceField(tr, state, { name: 'consent', legend: 'form.consent', type: 'checkbox', options: yes(tr, 'help.consent') })}
<button type="submit">${escapeHtml(tr.t('form.send'))}</button>`,
)}`,
  });
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

export function easyStepPage(
  tr: Translator,
  taxonomy: Taxonomy,
  state: FormState,
  step: number,
  days: { value: string; label: string }[],
): string {
  const name = EASY_STEPS[step];
  const carried = EASY_STEPS.filter((other) => other !== name)
    .map((other) => hidden(other, typeof state.values[other] === 'string' ? state.values[other] : ''))
    .join('\n');
  const question: Record<EasyStep, string> = {
    category: choiceField(tr, state, {
      name,
      legend: 'easy.what',
      type: 'radio',
      options: optionsOf(tr, taxonomy.categories),
      required: true,
    }),
    date: choiceField(tr, state, { name, legend: 'easy.date', type: 'radio', options: days, required: true }),
    timeOfDay: choiceField(tr, state, {
      name,
      legend: 'easy.timeOfDay',
      type: 'radio',
      options: partsOfDay(tr),
      required: true,
    }),
    postalCode: textField(tr, state, {
      name,
      label: 'easy.postalCode',
      hint: 'help.postalCodeHint',
      required: true,
      short: true,
      inputmode: 'numeric',
      autocomplete: 'postal-code',
      maxLength: 5,
    }),
    name: textField(tr, state, { name, label: 'easy.name', required: true, autocomplete: 'name' }),
    phone: textField(tr, state, {
      name,
      label: 'easy.phone',
      hint: 'easy.phoneHint',
      type: 'tel',
      required: true,
      autocomplete: 'tel',
    }),
    consent: `<p>${escapeHtml(tr.t('easy.consentHint'))}</p>
${choiceField(tr, state, { name, legend: 'easy.consent', type: 'checkbox', options: yes(tr, 'easy.consentYes') })}`,
  };
  const title = tr.t('easy.title');
  const last = step === EASY_STEPS.length - 1;
  return publicPage({
    tr,
    path: '/help/easy',
    title: `${title} – ${tr.t('easy.step', { n: step + 1, total: EASY_STEPS.length })}`,
    body: `<h1>${escapeHtml(title)}</h1>
<p><strong>${escapeHtml(tr.t('easy.step', { n: step + 1, total: EASY_STEPS.length }))}</strong></p>
${form(
  tr,
  '/help/easy',
  state,
  [name],
  `${hidden('step', String(step))}
${carried}
${question[name]}
<p><button type="submit" name="go" value="next">${escapeHtml(tr.t(last ? 'form.send' : 'form.next'))}</button>
${step > 0 ? `<button type="submit" name="go" value="back" class="secondary">${escapeHtml(tr.t('form.back'))}</button>` : ''}</p>`,
)}`,
  });
}

const SLOT_PARTS = Object.keys(PARTS_OF_DAY);

export function volunteerPage(tr: Translator, taxonomy: Taxonomy, state: FormState): string {
  const title = tr.t('volunteer.title');
  const slots = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) =>
    SLOT_PARTS.map((part) => ({
      value: `${weekday}-${part}`,
      label: `${tr.t(`weekday.${weekday}`)} ${tr.t(`partOfDay.${part}`)}`,
    })),
  );
  return publicPage({
    tr,
    path: '/volunteer',
    title,
    body: `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(tr.t('volunteer.intro'))}</p>
${form(
  tr,
  '/volunteer',
  state,
  ['name', 'email', 'phone', 'postalCode', 'maxTravelKm', 'languages', 'skills', 'availability', 'consent'],
  `${textField(tr, state, { name: 'name', label: 'volunteer.name', required: true, autocomplete: 'name' })}
${textField(tr, state, { name: 'email', label: 'volunteer.email', type: 'email', required: true, autocomplete: 'email' })}
${textField(tr, state, { name: 'phone', label: 'volunteer.phone', type: 'tel', autocomplete: 'tel' })}
${textField(tr, state, { name: 'postalCode', label: 'volunteer.postalCode', hint: 'help.postalCodeHint', required: true, short: true, inputmode: 'numeric', autocomplete: 'postal-code', maxLength: 5 })}
${textField(tr, state, { name: 'maxTravelKm', label: 'volunteer.radius', hint: 'volunteer.radiusHint', required: true, short: true, inputmode: 'decimal', maxLength: 4 })}
${choiceField(tr, state, { name: 'languages', legend: 'volunteer.languages', type: 'checkbox', options: SIGN_UP_LANGUAGES.map((code) => ({ value: code, label: tr.t(`language.${code}`) })) })}
${choiceField(tr, state, { name: 'skills', legend: 'volunteer.skills', type: 'checkbox', options: optionsOf(tr, taxonomy.skills) })}
${choiceField(tr, state, { name: 'availability', legend: 'volunteer.availability', type: 'checkbox', options: slots })}
<p class="note">${escapeHtml(tr.t('volunteer.privacy'))}</p>
${choiceField(tr, state, { name: 'consent', legend: 'form.consent', type: 'checkbox', options: yes(tr, 'volunteer.consent') })}
<button type="submit">${escapeHtml(tr.t('form.send'))}</button>`,
)}`,
  });
}

export function providerPage(tr: Translator, taxonomy: Taxonomy, state: FormState): string {
  const title = tr.t('provider.title');
  return publicPage({
    tr,
    path: '/provider',
    title,
    body: `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(tr.t('provider.intro'))}</p>
${form(
  tr,
  '/provider',
  state,
  ['name', 'contactPerson', 'email', 'phone', 'streetAddress', 'postalCode', 'fields', 'consent'],
  `${textField(tr, state, { name: 'name', label: 'provider.name', required: true, autocomplete: 'organization' })}
${textField(tr, state, { name: 'contactPerson', label: 'provider.contactPerson', required: true, autocomplete: 'name' })}
${textField(tr, state, { name: 'email', label: 'provider.email', type: 'email', required: true, autocomplete: 'email' })}
${textField(tr, state, { name: 'phone', label: 'provider.phone', type: 'tel', autocomplete: 'tel' })}
${textField(tr, state, { name: 'streetAddress', label: 'provider.streetAddress', required: true, autocomplete: 'street-address' })}
${textField(tr, state, { name: 'postalCode', label: 'provider.postalCode', hint: 'help.postalCodeHint', required: true, short: true, inputmode: 'numeric', autocomplete: 'postal-code', maxLength: 5 })}
${choiceField(tr, state, { name: 'fields', legend: 'provider.fields', type: 'checkbox', options: optionsOf(tr, taxonomy.fields) })}
${choiceField(tr, state, { name: 'consent', legend: 'form.consent', type: 'checkbox', options: yes(tr, 'help.consent') })}
<button type="submit">${escapeHtml(tr.t('form.send'))}</button>`,
)}`,
  });
}

export function accountPage(tr: Translator, state: FormState): string {
  const title = tr.t('account.title');
  return publicPage({
    tr,
    path: '/my-account',
    title,
    body: `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(tr.t('account.intro'))}</p>
${form(
  tr,
  '/my-account',
  state,
  ['email'],
  `${textField(tr, state, { name: 'email', label: 'account.email', type: 'email', required: true, autocomplete: 'email' })}
<button type="submit">${escapeHtml(tr.t('account.send'))}</button>`,
)}`,
  });
}

export function messagePage(tr: Translator, path: string, titleKey: string, bodyKey: string): string {
  const title = tr.t(titleKey);
  return publicPage({
    tr,
    path,
    title,
    body: `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(tr.t(bodyKey))}</p>
<p><a href="/?lang=${tr.locale}">${escapeHtml(tr.t('home.title'))}</a></p>`,
  });
}
