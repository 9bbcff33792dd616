import { ValidateBy, type ValidationOptions } from 'class-validator';

/*
 * The field formats that several DTOs share, each written once. Their names are the keys of their
 * messages in the catalogue (validation.isPostalCode …), so a form shows them in the reader's
 * language; the English default message is what the JSON API answers.
 */

const POSTAL_CODE = /^\d{5}$/;
const PHONE = /^\+?[0-9 ()/-]{5,30}$/;
const LANGUAGE_CODE = /^[a-z]{2,3}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** A real calendar day: 2026-02-31 and 1990-13-45 match the pattern but are no dates. */
export function isCalendarDate(value: unknown): value is string {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!match) {
    return false;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function formatValidator(name: string, test: (value: unknown) => boolean, message: string) {
  return (options?: ValidationOptions): PropertyDecorator =>
    ValidateBy(
      { name, validator: { validate: test, defaultMessage: () => `$property ${message}` } },
      options,
    );
}

const matching = (pattern: RegExp) => (value: unknown) => typeof value === 'string' && pattern.test(value);

export const IsPostalCode = formatValidator(
  'isPostalCode',
  matching(POSTAL_CODE),
  'must be a German postal code of 5 digits',
);
export const IsPhoneNumber = formatValidator(
  'isPhoneNumber',
  matching(PHONE),
  'must be a phone number (digits, spaces, +, -, /)',
);
export const IsLanguageCode = formatValidator(
  'isLanguageCode',
  matching(LANGUAGE_CODE),
  'must be an ISO 639 language code like de, tr or kmr',
);
export const IsCalendarDate = formatValidator(
  'isCalendarDate',
  isCalendarDate,
  'must be a date like 2026-11-24',
);
export const IsClockTime = formatValidator('isClockTime', matching(CLOCK_TIME), 'must be a time like 09:00');

/** The youngest and oldest age a birth date may give (volunteers: from 14, as with the agency's youth projects). */
export const PLAUSIBLE_AGE = { min: 14, max: 110 } as const;

/**
 * A real day on which a living volunteer can have been born: not in the future, age between
 * PLAUSIBLE_AGE.min and .max on `today` (YYYY-MM-DD, default: now in UTC, which is within a day).
 */
export function isPlausibleBirthDate(value: unknown, today = new Date().toISOString().slice(0, 10)): boolean {
  if (!isCalendarDate(value)) {
    return false;
  }
  const [year, rest] = [Number(today.slice(0, 4)), today.slice(4)];
  const youngest = `${year - PLAUSIBLE_AGE.min}${rest}`;
  const oldest = `${year - PLAUSIBLE_AGE.max}${rest}`;
  return value <= youngest && value > oldest;
}

export const IsPlausibleBirthDate = formatValidator(
  'isPlausibleBirthDate',
  (value) => isPlausibleBirthDate(value),
  `must be a real birth date (age ${PLAUSIBLE_AGE.min} to ${PLAUSIBLE_AGE.max})`,
);
