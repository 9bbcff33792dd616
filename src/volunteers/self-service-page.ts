import { escapeHtml } from '../common/html';
import { choicesOfSlots, FORM_LANGUAGES, PARTS_OF_DAY, slotOfChoice } from '../shared/parts-of-day';
import type { WeeklySlot } from '../shared/schedule';
import type { OwnMatch, OwnProfile } from './self-service.service';

/*
 * The volunteer's own page behind the magic link, beside the settings form (preferences-form.ts):
 * profile, matches past and upcoming, data export and account deletion. Plain forms, no scripts.
 */

type Locale = 'de' | 'en';

const TEXT = {
  de: {
    profile: 'Mein Profil',
    profileIntro: 'Wann und wo Sie helfen können. Wir schlagen Sie nur für Anfragen vor, die dazu passen.',
    phone: 'Telefonnummer (freiwillig)',
    postalCode: 'Postleitzahl',
    radius: 'So weit fahre oder gehe ich (km, 1 bis 50)',
    languages: 'Sprachen, die ich gut spreche',
    skills: 'Dabei helfe ich gern',
    availability: 'Hier habe ich meistens Zeit',
    saveProfile: 'Profil speichern',
    matches: 'Meine Einsätze',
    upcoming: 'Kommende Einsätze und offene Anfragen',
    past: 'Frühere Einsätze und Anfragen',
    none: 'Keine.',
    weekly: 'jede Woche',
    data: 'Meine Daten',
    export: 'Alle meine Daten herunterladen (JSON)',
    delete: 'Konto löschen',
    deleteIntro:
      'Wir löschen Ihren Namen, Ihre Kontaktdaten, Ihr Profil und Ihre Einwilligungen. Ihre früheren Einsätze zählen wir weiter, aber ohne Namen (für unsere Statistik). Das kann nicht rückgängig gemacht werden.',
    deleteConfirm: 'Ja, ich möchte mein Konto endgültig löschen.',
    deleteButton: 'Konto löschen',
    status: {
      offered: 'angefragt',
      accepted: 'zugesagt',
      declined: 'abgesagt',
      expired: 'nicht beantwortet',
    },
    weekdays: ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'],
    parts: { morning: 'vormittags', afternoon: 'nachmittags', evening: 'abends' },
    languageNames: {
      de: 'Deutsch',
      en: 'Englisch',
      tr: 'Türkisch',
      ar: 'Arabisch',
      uk: 'Ukrainisch',
      ru: 'Russisch',
      fa: 'Farsi',
      pl: 'Polnisch',
    },
    errors: {
      phone: 'Bitte nur Ziffern, Leerzeichen, + oder -, zum Beispiel 040 123456.',
      postalCode: 'Bitte eine Postleitzahl mit 5 Ziffern, zum Beispiel 22765.',
      maxTravelKm: 'Bitte eine Zahl von 1 bis 50.',
      languages: 'Bitte mindestens eine Sprache wählen.',
      skills: 'Bitte mindestens eine Sache wählen.',
      availability: 'Bitte mindestens eine Zeit wählen.',
      confirm: 'Bitte setzen Sie den Haken, wenn Sie Ihr Konto wirklich löschen möchten.',
    },
    deleted: 'Ihr Konto ist gelöscht.',
    deletedBody: 'Danke für Ihre Hilfe! Ihre persönlichen Daten sind gelöscht.',
    saved: 'Ihr Profil ist gespeichert.',
  },
  en: {
    profile: 'My profile',
    profileIntro: 'When and where you can help. We only suggest you for requests that fit.',
    phone: 'Phone number (optional)',
    postalCode: 'Postal code',
    radius: 'I travel or walk this far (km, 1 to 50)',
    languages: 'Languages I speak well',
    skills: 'I like to help with',
    availability: 'I usually have time',
    saveProfile: 'Save profile',
    matches: 'My assignments',
    upcoming: 'Upcoming assignments and open requests',
    past: 'Earlier assignments and requests',
    none: 'None.',
    weekly: 'every week',
    data: 'My data',
    export: 'Download all my data (JSON)',
    delete: 'Delete account',
    deleteIntro:
      'We delete your name, contact details, profile and consents. We keep counting your past assignments, but without your name (for our statistics). This cannot be undone.',
    deleteConfirm: 'Yes, I want to delete my account for good.',
    deleteButton: 'Delete account',
    status: { offered: 'asked', accepted: 'agreed', declined: 'declined', expired: 'not answered' },
    weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
    parts: { morning: 'mornings', afternoon: 'afternoons', evening: 'evenings' },
    languageNames: {
      de: 'German',
      en: 'English',
      tr: 'Turkish',
      ar: 'Arabic',
      uk: 'Ukrainian',
      ru: 'Russian',
      fa: 'Farsi',
      pl: 'Polish',
    },
    errors: {
      phone: 'Please use only digits, spaces, + or -, for example 040 123456.',
      postalCode: 'Please give a postal code of 5 digits, for example 22765.',
      maxTravelKm: 'Please give a number from 1 to 50.',
      languages: 'Please choose at least one language.',
      skills: 'Please choose at least one thing.',
      availability: 'Please choose at least one time.',
      confirm: 'Please tick the box if you really want to delete your account.',
    },
    deleted: 'Your account is deleted.',
    deletedBody: 'Thank you for your help! Your personal data has been erased.',
    saved: 'Your profile is saved.',
  },
} as const;

export const selfServiceText = (locale: Locale) => TEXT[locale];

export type ProfileField = 'phone' | 'postalCode' | 'maxTravelKm' | 'languages' | 'skills' | 'availability';
export type ParsedProfile =
  { ok: true; value: OwnProfile } | { ok: false; errors: Partial<Record<ProfileField, true>> };

const text = (body: Record<string, unknown>, name: string): string =>
  typeof body[name] === 'string' ? body[name].trim() : '';
const list = (body: Record<string, unknown>, name: string): string[] => {
  const value = body[name];
  return (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');
};

/** The profile form's POST (urlencoded); every field at fault is named. */
export function parseProfileForm(body: Record<string, unknown>): ParsedProfile {
  const errors: Partial<Record<ProfileField, true>> = {};
  const phone = text(body, 'phone');
  if (phone && !/^\+?[0-9 ()/-]{5,30}$/.test(phone)) {
    errors.phone = true;
  }
  const postalCode = text(body, 'postalCode');
  if (!/^\d{5}$/.test(postalCode)) {
    errors.postalCode = true;
  }
  const maxTravelKm = Number(text(body, 'maxTravelKm').replace(',', '.'));
  if (!Number.isFinite(maxTravelKm) || maxTravelKm < 1 || maxTravelKm > 50) {
    errors.maxTravelKm = true;
  }
  const languageCodes = [...new Set(list(body, 'languages').filter((code) => /^[a-z]{2,3}$/.test(code)))];
  if (languageCodes.length === 0) {
    errors.languages = true;
  }
  const skills = [...new Set(list(body, 'skills'))];
  if (skills.length === 0 || skills.length > 30) {
    errors.skills = true;
  }
  const availability = list(body, 'availability').flatMap((choice) => slotOfChoice(choice) ?? []);
  if (availability.length === 0) {
    errors.availability = true;
  }
  return Object.keys(errors).length > 0
    ? { ok: false, errors }
    : {
        ok: true,
        value: { phone: phone || null, postalCode, maxTravelKm, languageCodes, skills, availability },
      };
}

interface ProfileView {
  phone: string | null;
  postalCode: string;
  maxTravelKm: number;
  languageCodes: string[];
  skills: string[];
  availability: WeeklySlot[];
}

function errorText(locale: Locale, field: ProfileField): string {
  return `<p class="error" id="p-${field}-error"><strong>${escapeHtml(TEXT[locale].errors[field])}</strong></p>`;
}

function checkboxes(
  name: ProfileField,
  legend: string,
  options: { value: string; label: string }[],
  chosen: string[],
  error: string,
): string {
  const invalid = error ? ` aria-invalid="true" aria-describedby="p-${name}-error"` : '';
  return `<fieldset><legend>${escapeHtml(legend)}</legend>${error}
${options
  .map(
    (option, index) =>
      `<p><input type="checkbox" id="p-${name}${index === 0 ? '' : `-${index}`}" name="${name}" value="${escapeHtml(option.value)}"${chosen.includes(option.value) ? ' checked' : ''}${invalid}> <label for="p-${name}${index === 0 ? '' : `-${index}`}">${escapeHtml(option.label)}</label></p>`,
  )
  .join('\n')}</fieldset>`;
}

export function profileSection(
  locale: Locale,
  profile: ProfileView,
  skillLabels: { value: string; label: string }[],
  postPath: string,
  errors: Partial<Record<ProfileField, true>> = {},
  /** What the volunteer typed, shown again when the form comes back with errors. */
  typed: Partial<Record<'phone' | 'postalCode' | 'maxTravelKm', string>> = {},
): string {
  const t = TEXT[locale];
  const err = (field: ProfileField) => (errors[field] ? errorText(locale, field) : '');
  const described = (field: ProfileField) =>
    errors[field] ? ` aria-invalid="true" aria-describedby="p-${field}-error"` : '';
  const languageOptions = [...new Set([...FORM_LANGUAGES, ...profile.languageCodes])].map((code) => ({
    value: code,
    label: (TEXT[locale].languageNames as Record<string, string>)[code] ?? code,
  }));
  const slotOptions = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) =>
    (Object.keys(PARTS_OF_DAY) as (keyof typeof PARTS_OF_DAY)[]).map((part) => ({
      value: `${weekday}-${part}`,
      label: `${t.weekdays[weekday - 1]} ${t.parts[part]}`,
    })),
  );
  return `<h2 id="profile">${t.profile}</h2>
<p>${t.profileIntro}</p>
<form method="post" action="${escapeHtml(postPath)}">
  <p><label for="p-phone">${t.phone}</label><br>${err('phone')}<input id="p-phone" name="phone" type="tel" autocomplete="tel" value="${escapeHtml(typed.phone ?? profile.phone ?? '')}"${described('phone')}></p>
  <p><label for="p-postalCode">${t.postalCode}</label><br>${err('postalCode')}<input id="p-postalCode" name="postalCode" inputmode="numeric" maxlength="5" value="${escapeHtml(typed.postalCode ?? profile.postalCode)}"${described('postalCode')}></p>
  <p><label for="p-maxTravelKm">${t.radius}</label><br>${err('maxTravelKm')}<input id="p-maxTravelKm" name="maxTravelKm" inputmode="decimal" value="${escapeHtml(typed.maxTravelKm ?? String(profile.maxTravelKm))}"${described('maxTravelKm')}></p>
  ${checkboxes('languages', t.languages, languageOptions, profile.languageCodes, err('languages'))}
  ${checkboxes('skills', t.skills, skillLabels, profile.skills, err('skills'))}
  ${checkboxes('availability', t.availability, slotOptions, choicesOfSlots(profile.availability), err('availability'))}
  <button type="submit">${t.saveProfile}</button>
</form>`;
}

export function matchesSection(
  locale: Locale,
  matches: OwnMatch[],
  categoryLabel: (key: string) => string,
): string {
  const t = TEXT[locale];
  const when = (match: OwnMatch) =>
    match.schedule.kind === 'one-off'
      ? `${match.schedule.date}, ${match.schedule.start}–${match.schedule.end}`
      : `${t.weekly}: ${match.schedule.slots.map((slot) => `${t.weekdays[slot.weekday - 1]} ${slot.start}–${slot.end}`).join(', ')}`;
  const list = (items: OwnMatch[]) =>
    items.length === 0
      ? `<p>${t.none}</p>`
      : `<ul>${items
          .map(
            (match) =>
              `<li>${escapeHtml(categoryLabel(match.category))}, ${escapeHtml(match.district ?? '')}: ${escapeHtml(when(match))} – <strong>${escapeHtml((t.status as Record<string, string>)[match.status] ?? match.status)}</strong></li>`,
          )
          .join('')}</ul>`;
  return `<h2 id="matches">${t.matches}</h2>
<h3>${t.upcoming}</h3>
${list(matches.filter((match) => match.upcoming))}
<h3>${t.past}</h3>
${list(matches.filter((match) => !match.upcoming))}`;
}

export function dataSection(
  locale: Locale,
  exportPath: string,
  deletePath: string,
  confirmMissing = false,
): string {
  const t = TEXT[locale];
  return `<h2 id="data">${t.data}</h2>
<p><a href="${escapeHtml(exportPath)}" download>${t.export}</a></p>
<h3>${t.delete}</h3>
<p>${t.deleteIntro}</p>
<form method="post" action="${escapeHtml(deletePath)}">
  ${confirmMissing ? `<p class="error" id="p-confirm-error"><strong>${t.errors.confirm}</strong></p>` : ''}
  <p><input type="checkbox" id="p-confirm" name="confirm" value="yes"${confirmMissing ? ' aria-invalid="true" aria-describedby="p-confirm-error"' : ''}> <label for="p-confirm">${t.deleteConfirm}</label></p>
  <button type="submit" class="secondary">${t.deleteButton}</button>
</form>`;
}
