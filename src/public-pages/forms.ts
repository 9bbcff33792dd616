import type { PublicHelpRequestDto } from '../help-seekers/dto/create-help-request.dto';
import type { CreateProviderDto } from '../providers/dto/create-provider.dto';
import type { PublicVolunteerSignUpDto } from '../volunteers/dto/create-volunteer.dto';
import {
  FORM_LANGUAGES as SIGN_UP_LANGUAGES,
  PARTS_OF_DAY,
  slotOfChoice,
  type PartOfDay,
} from '../shared/parts-of-day';
import type { FormErrors, FormValues } from './public-html';

export { PARTS_OF_DAY, SIGN_UP_LANGUAGES };

/*
 * Pure parsers for the public forms: urlencoded strings in, the API's DTO shape (or the fields at
 * fault, each with the i18n key of a message that says how to fix it) out. The services check the
 * rest (known postal code, taxonomy) exactly as for the JSON API.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FormErrors };

export const POSTAL_CODE = /^\d{5}$/;
export const PHONE = /^\+?[0-9 ()/-]{5,30}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export const ACCESSIBILITY_NEEDS = ['wheelchair', 'walker', 'hearing', 'vision', 'easy-language'] as const;

export const text = (values: FormValues, name: string): string => {
  const value = values[name];
  return typeof value === 'string' ? value.trim() : '';
};
export const list = (values: FormValues, name: string): string[] => {
  const value = values[name];
  return (Array.isArray(value) ? value : typeof value === 'string' ? [value] : [])
    .map((item) => item.trim())
    .filter(Boolean);
};
const ticked = (values: FormValues, name: string): boolean => text(values, name) === 'yes';

/** "24.12.2026", "1.2.2027" or "2026-12-24" → "2026-12-24" if it is a real date; else null. */
export function parseDay(input: string): string | null {
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(input);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input);
  const [year, month, day] = german
    ? [german[3], german[2], german[1]]
    : iso
      ? [iso[1], iso[2], iso[3]]
      : [null, null, null];
  if (!year || !month || !day) {
    return null;
  }
  const value = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : null;
}

/** ISO weekday (1 = Monday) of a YYYY-MM-DD date. */
const weekdayOf = (day: string): 1 | 2 | 3 | 4 | 5 | 6 | 7 =>
  (((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7;

function checkContact(values: FormValues, errors: FormErrors, phoneRequired: boolean) {
  const phone = text(values, 'phone');
  const email = text(values, 'email');
  if (phone && !PHONE.test(phone)) {
    errors.phone = 'error.phone';
  }
  if (email && (!EMAIL.test(email) || email.length > 254)) {
    errors.email = 'error.email';
  }
  if (!phone && (phoneRequired || !email)) {
    errors.phone = phoneRequired ? 'error.phone' : 'error.contact';
  }
  return { phone, email };
}

function checkName(values: FormValues, errors: FormErrors, field = 'name', message = 'error.name'): string {
  const name = text(values, field);
  if (name.length < 2 || name.length > 120) {
    errors[field] = message;
  }
  return name;
}

function checkPostalCode(values: FormValues, errors: FormErrors): string {
  const postalCode = text(values, 'postalCode');
  if (!POSTAL_CODE.test(postalCode)) {
    errors.postalCode = 'error.postalCode';
  }
  return postalCode;
}

export type HelpFormMode = 'full' | 'easy' | 'call-back';

/**
 * The help request from any of the three public forms. The plain-language form asks no description
 * (the category says it); a call-back asks only name, phone and postal code and lands in review.
 */
export function parseHelpRequestForm(
  values: FormValues,
  options: { mode: HelpFormMode; today: string; locale: string; describe: (key: string) => string },
): Parsed<PublicHelpRequestDto> {
  const errors: FormErrors = {};
  const { mode } = options;
  const category = mode === 'call-back' ? 'other' : text(values, 'category');
  if (!category) {
    errors.category = 'error.category';
  }
  const note = text(values, 'description');
  let description = note;
  if (mode === 'full' && (note.length < 3 || note.length > 2000)) {
    errors.description = 'error.description';
  }
  if (mode === 'easy') {
    description = options.describe('easy.description');
  }
  if (mode === 'call-back') {
    description = [options.describe('callBack.description'), note].filter(Boolean).join(': ').slice(0, 2000);
  }
  let schedule: PublicHelpRequestDto['schedule'] = {
    kind: 'weekly',
    // A call-back has no time yet: working hours on weekdays, until staff know better from the call.
    slots: [1, 2, 3, 4, 5].map((weekday) => ({ weekday: weekday as 1, start: '09:00', end: '17:00' })),
  };
  if (mode !== 'call-back') {
    const day = parseDay(text(values, 'date'));
    if (!day || day < options.today) {
      errors.date = 'error.date';
    }
    const part = text(values, 'timeOfDay') as PartOfDay;
    if (!(part in PARTS_OF_DAY)) {
      errors.timeOfDay = 'error.timeOfDay';
    } else if (day) {
      schedule = ticked(values, 'weekly')
        ? { kind: 'weekly', slots: [{ weekday: weekdayOf(day), ...PARTS_OF_DAY[part] }] }
        : { kind: 'one-off', date: day, ...PARTS_OF_DAY[part] };
    }
  }
  const postalCode = checkPostalCode(values, errors);
  const name = checkName(values, errors);
  const { phone, email } = checkContact(values, errors, mode !== 'full');
  const needs = list(values, 'needs').filter((need) =>
    (ACCESSIBILITY_NEEDS as readonly string[]).includes(need),
  );
  const healthConsent = ticked(values, 'healthConsent');
  if (needs.length > 0 && !healthConsent) {
    errors.healthConsent = 'error.healthConsent';
  }
  if (!ticked(values, 'consent')) {
    errors.consent = 'error.consent';
  }
  if (Object.keys(errors).length > 0) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      category,
      description,
      postalCode,
      schedule,
      helpSeeker: {
        name,
        ...(phone ? { phone } : {}),
        ...(email ? { email } : {}),
        preferredContact: phone ? 'phone' : 'email',
        preferredLanguage: /^[a-z]{2,3}$/.test(options.locale) ? options.locale : 'de',
        ...(needs.length > 0 ? { accessibilityNeeds: needs } : {}),
      },
      consent: { dataProcessing: true, ...(healthConsent ? { healthData: true } : {}) },
    },
  };
}

/** Availability checkboxes are "weekday-part", e.g. "2-afternoon". */
export function parseVolunteerForm(values: FormValues, locale: string): Parsed<PublicVolunteerSignUpDto> {
  const errors: FormErrors = {};
  const name = checkName(values, errors);
  const email = text(values, 'email').toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) {
    errors.email = 'error.email';
  }
  const phone = text(values, 'phone');
  if (phone && !PHONE.test(phone)) {
    errors.phone = 'error.phone';
  }
  const postalCode = checkPostalCode(values, errors);
  const radius = Number(text(values, 'maxTravelKm').replace(',', '.'));
  if (!Number.isFinite(radius) || radius < 1 || radius > 50) {
    errors.maxTravelKm = 'error.radius';
  }
  const languages = list(values, 'languages').filter((code) =>
    (SIGN_UP_LANGUAGES as readonly string[]).includes(code),
  );
  if (languages.length === 0) {
    errors.languages = 'error.languages';
  }
  const skills = list(values, 'skills');
  if (skills.length === 0 || skills.length > 30) {
    errors.skills = 'error.skills';
  }
  const availability = list(values, 'availability').flatMap((choice) => slotOfChoice(choice) ?? []);
  if (availability.length === 0) {
    errors.availability = 'error.availability';
  }
  if (!ticked(values, 'consent')) {
    errors.consent = 'error.consent';
  }
  if (Object.keys(errors).length > 0) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      name,
      email,
      ...(phone ? { phone } : {}),
      postalCode,
      maxTravelKm: radius,
      languages: languages.map((code) => ({ code, level: code === 'de' ? 'C2' : 'C1' })),
      skills,
      availability,
      locale: locale === 'en' ? 'en' : 'de',
      consent: { volunteerPool: true },
    },
  };
}

export function parseProviderForm(values: FormValues): Parsed<CreateProviderDto> {
  const errors: FormErrors = {};
  const name = checkName(values, errors, 'name', 'error.providerName');
  const contactPerson = checkName(values, errors, 'contactPerson', 'error.contactPerson');
  const email = text(values, 'email').toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) {
    errors.email = 'error.email';
  }
  const phone = text(values, 'phone');
  if (phone && !PHONE.test(phone)) {
    errors.phone = 'error.phone';
  }
  const streetAddress = text(values, 'streetAddress');
  if (streetAddress.length < 3 || streetAddress.length > 200) {
    errors.streetAddress = 'error.streetAddress';
  }
  const postalCode = checkPostalCode(values, errors);
  const fieldsOfActivity = list(values, 'fields');
  if (fieldsOfActivity.length === 0 || fieldsOfActivity.length > 16) {
    errors.fields = 'error.fields';
  }
  if (!ticked(values, 'consent')) {
    errors.consent = 'error.consent';
  }
  if (Object.keys(errors).length > 0) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      name,
      contactPerson,
      email,
      ...(phone ? { phone } : {}),
      streetAddress,
      postalCode,
      fieldsOfActivity,
    },
  };
}
