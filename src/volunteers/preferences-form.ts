import { escapeHtml, htmlPage } from '../common/html';
import { parseQuietHours } from '../notifications/domain/send-schedule';
import type { OfferDelivery } from './volunteer.entity';

/** What a volunteer may change themselves, from the link in their emails. */
export interface VolunteerPreferences {
  offerDelivery: OfferDelivery;
  maxOffersPerWeek: number;
  /** YYYY-MM-DD or null. */
  awayUntil: string | null;
  /** "HH:MM-HH:MM" or null. */
  quietHours: string | null;
  locale: 'de' | 'en';
}

export type PreferencesField = keyof VolunteerPreferences;

export type ParsedPreferences =
  | { ok: true; value: VolunteerPreferences }
  | { ok: false; field: PreferencesField; message: { de: string; en: string } };

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return false;
  }
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** Reads the submitted form (urlencoded strings); every problem names its field. */
export function parsePreferencesForm(body: Record<string, unknown>): ParsedPreferences {
  const offerDelivery = text(body.offerDelivery);
  if (offerDelivery !== 'immediate' && offerDelivery !== 'daily-digest') {
    return {
      ok: false,
      field: 'offerDelivery',
      message: {
        de: 'Bitte wählen Sie, wie Sie Anfragen bekommen möchten.',
        en: 'Please choose how you want to receive requests.',
      },
    };
  }
  const cap = Number(text(body.maxOffersPerWeek));
  if (!Number.isInteger(cap) || cap < 1 || cap > 30) {
    return {
      ok: false,
      field: 'maxOffersPerWeek',
      message: { de: 'Bitte eine Zahl von 1 bis 30.', en: 'Please give a number from 1 to 30.' },
    };
  }
  const awayUntil = text(body.awayUntil);
  if (awayUntil !== '' && !isCalendarDate(awayUntil)) {
    return {
      ok: false,
      field: 'awayUntil',
      message: { de: 'Bitte ein Datum wie 2026-12-24.', en: 'Please give a date like 2026-12-24.' },
    };
  }
  const quietStart = text(body.quietStart);
  const quietEnd = text(body.quietEnd);
  let quietHours: string | null = null;
  if (quietStart !== '' || quietEnd !== '') {
    quietHours = `${quietStart}-${quietEnd}`;
    if (!CLOCK.test(quietStart) || !CLOCK.test(quietEnd) || parseQuietHours(quietHours) === null) {
      return {
        ok: false,
        field: 'quietHours',
        message: {
          de: 'Bitte Beginn und Ende wie 21:00 und 08:00, verschieden.',
          en: 'Please give a start and an end like 21:00 and 08:00, not the same.',
        },
      };
    }
  }
  const locale = text(body.locale);
  if (locale !== 'de' && locale !== 'en') {
    return {
      ok: false,
      field: 'locale',
      message: { de: 'Bitte wählen Sie eine Sprache.', en: 'Please choose a language.' },
    };
  }
  return {
    ok: true,
    value: { offerDelivery, maxOffersPerWeek: cap, awayUntil: awayUntil || null, quietHours, locale },
  };
}

const LABELS = {
  de: {
    title: 'Ihre Einstellungen für Anfragen',
    intro: 'Hier legen Sie fest, wie oft und wann wir Ihnen Anfragen schicken.',
    delivery: 'Anfragen bekommen',
    immediate: 'sofort, jede einzeln',
    digest: 'einmal am Tag gesammelt (um 17 Uhr)',
    cap: 'Höchstens so viele Anfragen pro Woche',
    away: 'Pause bis einschließlich (leer = keine Pause)',
    quiet: 'Ruhezeit: keine E-Mails von … bis … (beide leer = keine Ruhezeit)',
    from: 'von',
    to: 'bis',
    language: 'Sprache der E-Mails',
    save: 'Speichern',
    note: 'Erst mit dem Klick auf „Speichern“ wird etwas geändert. Nachrichten in der Ruhezeit kommen danach, sie gehen nicht verloren.',
    saved: 'Ihre Einstellungen sind gespeichert.',
    savedBody: 'Danke! Sie können sie jederzeit über den Link in unseren E-Mails ändern.',
  },
  en: {
    title: 'Your settings for requests',
    intro: 'Choose how often and when we send you requests.',
    delivery: 'Receive requests',
    immediate: 'at once, one by one',
    digest: 'once a day, collected (at 5 pm)',
    cap: 'At most this many requests a week',
    away: 'Pause up to and including (empty = no pause)',
    quiet: 'Quiet hours: no emails from … to … (both empty = none)',
    from: 'from',
    to: 'to',
    language: 'Language of the emails',
    save: 'Save',
    note: 'Nothing changes until you press “Save”. Messages due in quiet hours come afterwards; they are not lost.',
    saved: 'Your settings are saved.',
    savedBody: 'Thank you! You can change them at any time with the link in our emails.',
  },
} as const;

/** The form, filled with the current settings; only its POST changes anything. */
export function preferencesPage(
  locale: 'de' | 'en',
  current: VolunteerPreferences,
  postPath: string,
  error?: string,
  /** The rest of the volunteer's own page (profile, matches, data), from self-service-page.ts. */
  sections = '',
): string {
  const t = LABELS[locale];
  const [quietStart, quietEnd] = current.quietHours ? current.quietHours.split('-') : ['', ''];
  const checked = (on: boolean) => (on ? ' checked' : '');
  const selected = (on: boolean) => (on ? ' selected' : '');
  return htmlPage({
    lang: locale,
    title: t.title,
    body: `<h1>${t.title}</h1>
<p>${t.intro}</p>
${error ? `<p class="note" role="alert"><strong>${escapeHtml(error)}</strong></p>` : ''}
<form method="post" action="${escapeHtml(postPath)}">
  <fieldset><legend>${t.delivery}</legend>
    <p><label><input type="radio" name="offerDelivery" value="immediate"${checked(current.offerDelivery === 'immediate')}> ${t.immediate}</label></p>
    <p><label><input type="radio" name="offerDelivery" value="daily-digest"${checked(current.offerDelivery === 'daily-digest')}> ${t.digest}</label></p>
  </fieldset>
  <p><label for="cap">${t.cap}</label><br><input id="cap" name="maxOffersPerWeek" type="number" min="1" max="30" value="${current.maxOffersPerWeek}"></p>
  <p><label for="away">${t.away}</label><br><input id="away" name="awayUntil" type="date" value="${escapeHtml(current.awayUntil ?? '')}"></p>
  <p>${t.quiet}<br><label>${t.from} <input name="quietStart" type="time" value="${escapeHtml(quietStart)}"></label>
     <label>${t.to} <input name="quietEnd" type="time" value="${escapeHtml(quietEnd)}"></label></p>
  <p><label for="locale">${t.language}</label><br><select id="locale" name="locale">
    <option value="de"${selected(current.locale === 'de')}>Deutsch</option>
    <option value="en"${selected(current.locale === 'en')}>English</option>
  </select></p>
  <button type="submit">${t.save}</button>
</form>
<p class="note">${t.note}</p>
${sections}`,
  });
}

export function preferencesSavedPage(locale: 'de' | 'en'): string {
  const t = LABELS[locale];
  return htmlPage({ lang: locale, title: t.saved, body: `<h1>${t.saved}</h1>\n<p>${t.savedBody}</p>` });
}
