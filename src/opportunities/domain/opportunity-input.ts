import { isValidClock, isValidDate, isWeekday, parseClock, type WeeklySlot } from '../../shared/schedule';
import { HOST_OFFERS, type HostOffer } from './opportunity-status';
import type { OpportunityTimePattern } from './time-pattern';

/*
 * The one check of an opportunity's fields, for the staff API, the console form and the host page:
 * a plain object in, either the normalised values or one problem per field out. Pure; the
 * taxonomy keys and the postal code's place are checked by OpportunitiesService afterwards.
 */

export const OPPORTUNITY_LIMITS = {
  title: { min: 3, max: 120 },
  description: { min: 10, max: 4000 },
  tasks: { max: 4000 },
  streetAddress: { max: 200 },
  contactName: { max: 120 },
  contactPhone: { max: 40 },
  contactEmail: { max: 254 },
  places: { min: 1, max: 1000 },
  minimumAge: { min: 14, max: 99 },
  minCommitmentMonths: { min: 1, max: 60 },
  hoursPerWeek: { min: 0.5, max: 40 },
  hoursPerMonth: { min: 1, max: 160 },
  slots: { max: 14 },
  list: { max: 30 },
} as const;

/** What went wrong with one field; `code` names the words (opportunities.error.<code>). */
export interface OpportunityProblem {
  field: string;
  code:
    | 'required'
    | 'too-short'
    | 'too-long'
    | 'invalid'
    | 'out-of-range'
    | 'in-past'
    | 'unknown-value'
    | 'not-allowed';
  /** In English, for the JSON API. */
  message: string;
}

/** The normalised fields of an opportunity as stored (provider, project and place resolved later). */
export interface OpportunityFields {
  title: string;
  description: string;
  tasks: string | null;
  fieldsOfActivity: string[];
  remote: boolean;
  postalCode: string | null;
  streetAddress: string | null;
  timePattern: OpportunityTimePattern;
  minCommitmentMonths: number | null;
  places: number;
  requiresCertificate: boolean;
  minimumAge: number | null;
  languages: string[];
  skills: string[];
  forNewcomers: boolean;
  littleGermanOk: boolean;
  accessible: boolean;
  hostOffers: HostOffer[];
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
}

export const OPPORTUNITY_FIELD_NAMES: readonly (keyof OpportunityFields)[] = [
  'title',
  'description',
  'tasks',
  'fieldsOfActivity',
  'remote',
  'postalCode',
  'streetAddress',
  'timePattern',
  'minCommitmentMonths',
  'places',
  'requiresCertificate',
  'minimumAge',
  'languages',
  'skills',
  'forNewcomers',
  'littleGermanOk',
  'accessible',
  'hostOffers',
  'contactName',
  'contactEmail',
  'contactPhone',
];

export type OpportunityCheck =
  { ok: true; fields: OpportunityFields } | { ok: false; problems: OpportunityProblem[] };

const LANGUAGE_CODE = /^[a-z]{2,3}$/;
const POSTAL_CODE = /^\d{5}$/;
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;
const PHONE = /^\+?[0-9 ()/-]{5,30}$/;
// Control characters (other than line breaks and tabs) never belong in a text field.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const MESSAGES: Record<OpportunityProblem['code'], string> = {
  required: 'is required',
  'too-short': 'is too short',
  'too-long': 'is too long',
  invalid: 'is not valid',
  'out-of-range': 'is out of range',
  'in-past': 'lies in the past',
  'unknown-value': 'has an unknown value',
  'not-allowed': 'is not allowed',
};

/**
 * Checks and normalises an opportunity's fields. `today` is the Berlin date (YYYY-MM-DD): a
 * one-off date must not lie before it. Unknown keys are refused, so a typo never loses input.
 */
export function checkOpportunityInput(input: unknown, today: string): OpportunityCheck {
  const problems: OpportunityProblem[] = [];
  const fail = (field: string, code: OpportunityProblem['code'], detail?: string): void => {
    problems.push({ field, code, message: `${field} ${detail ?? MESSAGES[code]}` });
  };
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, problems: [{ field: '', code: 'invalid', message: 'the body must be an object' }] };
  }
  const body = input as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    if (!(OPPORTUNITY_FIELD_NAMES as readonly string[]).includes(key)) {
      fail(key, 'not-allowed', 'is not a field of an opportunity');
    }
  }
  const get = (key: string): unknown => (Object.hasOwn(body, key) ? body[key] : undefined);

  const text = (key: string, limits: { min?: number; max: number }, required: boolean): string | null => {
    const value = get(key);
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (required) {
        fail(key, 'required');
      }
      return null;
    }
    if (typeof value !== 'string' || CONTROL.test(value)) {
      fail(key, 'invalid', 'must be text');
      return null;
    }
    const trimmed = value.trim();
    if (limits.min !== undefined && trimmed.length < limits.min) {
      fail(key, 'too-short', `must be at least ${limits.min} characters`);
    } else if (trimmed.length > limits.max) {
      fail(key, 'too-long', `must be at most ${limits.max} characters`);
    }
    return trimmed;
  };
  const bool = (key: string): boolean => {
    const value = get(key);
    if (value === undefined || value === null) {
      return false;
    }
    if (typeof value !== 'boolean') {
      fail(key, 'invalid', 'must be true or false');
      return false;
    }
    return value;
  };
  const int = (key: string, range: { min: number; max: number }, required: boolean): number | null => {
    const value = get(key);
    if (value === undefined || value === null || value === '') {
      if (required) {
        fail(key, 'required');
      }
      return null;
    }
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      fail(key, 'invalid', 'must be a whole number');
      return null;
    }
    if (value < range.min || value > range.max) {
      fail(key, 'out-of-range', `must be between ${range.min} and ${range.max}`);
    }
    return value;
  };
  const list = (key: string, test: (item: string) => boolean): string[] => {
    const value = get(key);
    if (value === undefined || value === null) {
      return [];
    }
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
      fail(key, 'invalid', 'must be a list of texts');
      return [];
    }
    const items = [...new Set((value as string[]).map((item) => item.trim()))];
    if (items.length > OPPORTUNITY_LIMITS.list.max) {
      fail(key, 'too-long', `must have at most ${OPPORTUNITY_LIMITS.list.max} entries`);
      return [];
    }
    const bad = items.filter((item) => !test(item));
    if (bad.length > 0) {
      fail(key, 'unknown-value', `has unknown values: ${bad.slice(0, 5).join(', ').slice(0, 100)}`);
    }
    return items;
  };

  const title = text('title', OPPORTUNITY_LIMITS.title, true);
  const description = text('description', OPPORTUNITY_LIMITS.description, true);
  const tasks = text('tasks', OPPORTUNITY_LIMITS.tasks, false);
  const fieldsOfActivity = list('fieldsOfActivity', (item) => item.length > 0 && item.length <= 60);
  if (fieldsOfActivity.length === 0 && !problems.some((problem) => problem.field === 'fieldsOfActivity')) {
    fail('fieldsOfActivity', 'required', 'needs at least one field of activity');
  }
  const remote = bool('remote');
  let postalCode = text('postalCode', { max: 5 }, !remote);
  if (postalCode !== null && !POSTAL_CODE.test(postalCode)) {
    fail('postalCode', 'invalid', 'must be a German postal code of 5 digits');
  }
  let streetAddress = text('streetAddress', OPPORTUNITY_LIMITS.streetAddress, false);
  if (remote) {
    // Done from home: no place, no distance.
    postalCode = null;
    streetAddress = null;
  }
  const timePattern = checkTimePattern(get('timePattern'), today, fail);
  const minCommitmentMonths = int('minCommitmentMonths', OPPORTUNITY_LIMITS.minCommitmentMonths, false);
  const places = int('places', OPPORTUNITY_LIMITS.places, true);
  const requiresCertificate = bool('requiresCertificate');
  const minimumAge = int('minimumAge', OPPORTUNITY_LIMITS.minimumAge, false);
  const languages = list('languages', (item) => LANGUAGE_CODE.test(item));
  const skills = list('skills', (item) => item.length > 0 && item.length <= 60);
  const forNewcomers = bool('forNewcomers');
  const littleGermanOk = bool('littleGermanOk');
  const accessible = bool('accessible');
  const hostOffers = list('hostOffers', (item) =>
    (HOST_OFFERS as readonly string[]).includes(item),
  ) as HostOffer[];
  const contactName = text('contactName', OPPORTUNITY_LIMITS.contactName, false);
  const contactEmail = text('contactEmail', OPPORTUNITY_LIMITS.contactEmail, false);
  if (contactEmail !== null && !EMAIL.test(contactEmail)) {
    fail('contactEmail', 'invalid', 'must be an email address');
  }
  const contactPhone = text('contactPhone', OPPORTUNITY_LIMITS.contactPhone, false);
  if (contactPhone !== null && !PHONE.test(contactPhone)) {
    fail('contactPhone', 'invalid', 'must be a phone number (digits, spaces, +, -, /)');
  }
  if (
    problems.length > 0 ||
    title === null ||
    description === null ||
    places === null ||
    timePattern === null
  ) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    fields: {
      title,
      description,
      tasks,
      fieldsOfActivity,
      remote,
      postalCode,
      streetAddress,
      timePattern,
      minCommitmentMonths,
      places,
      requiresCertificate,
      minimumAge,
      languages,
      skills,
      forNewcomers,
      littleGermanOk,
      accessible,
      hostOffers: [...hostOffers].sort((a, b) => HOST_OFFERS.indexOf(a) - HOST_OFFERS.indexOf(b)),
      contactName,
      contactEmail: contactEmail?.toLowerCase() ?? null,
      contactPhone,
    },
  };
}

type Fail = (field: string, code: OpportunityProblem['code'], detail?: string) => void;

function checkTimePattern(value: unknown, today: string, fail: Fail): OpportunityTimePattern | null {
  if (value === undefined || value === null) {
    fail('timePattern', 'required');
    return null;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    fail('timePattern', 'invalid', 'must be an object with a kind');
    return null;
  }
  const pattern = value as Record<string, unknown>;
  const allowed: Record<string, string[]> = {
    weekly: ['kind', 'slots'],
    flexible: ['kind', 'hoursPerWeek', 'hoursPerMonth'],
    'one-off': ['kind', 'date', 'start', 'end'],
  };
  const kind = pattern.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(allowed, kind)) {
    fail('timePattern.kind', 'unknown-value', 'must be one of weekly, flexible, one-off');
    return null;
  }
  const extra = Object.keys(pattern).filter((key) => !allowed[kind].includes(key));
  if (extra.length > 0) {
    fail(`timePattern.${extra[0]}`, 'not-allowed', `is not a field of a ${kind} time pattern`);
    return null;
  }
  if (kind === 'weekly') {
    const slots = pattern.slots;
    if (!Array.isArray(slots) || slots.length === 0) {
      fail('timePattern.slots', 'required', 'needs at least one weekly slot');
      return null;
    }
    if (slots.length > OPPORTUNITY_LIMITS.slots.max) {
      fail('timePattern.slots', 'too-long', `must have at most ${OPPORTUNITY_LIMITS.slots.max} slots`);
      return null;
    }
    const checked: WeeklySlot[] = [];
    slots.forEach((slot: unknown, index) => {
      const field = `timePattern.slots.${index}`;
      const record = typeof slot === 'object' && slot !== null ? (slot as Record<string, unknown>) : {};
      const { weekday, start, end } = record;
      if (typeof weekday !== 'number' || !isWeekday(weekday)) {
        fail(`${field}.weekday`, 'invalid', 'must be a weekday from 1 (Monday) to 7 (Sunday)');
      } else if (typeof start !== 'string' || !isValidClock(start)) {
        fail(`${field}.start`, 'invalid', 'must be a time like 09:00');
      } else if (typeof end !== 'string' || !isValidClock(end)) {
        fail(`${field}.end`, 'invalid', 'must be a time like 09:00');
      } else if ((parseClock(start) ?? 0) >= (parseClock(end) ?? 0)) {
        fail(`${field}.end`, 'out-of-range', 'must be after the start');
      } else {
        checked.push({ weekday, start, end });
      }
    });
    return checked.length === slots.length ? { kind: 'weekly', slots: checked } : null;
  }
  if (kind === 'flexible') {
    const hours = (key: 'hoursPerWeek' | 'hoursPerMonth'): number | undefined | null => {
      const hoursValue = pattern[key];
      if (hoursValue === undefined || hoursValue === null) {
        return undefined;
      }
      const range = OPPORTUNITY_LIMITS[key];
      if (typeof hoursValue !== 'number' || !Number.isFinite(hoursValue)) {
        fail(`timePattern.${key}`, 'invalid', 'must be a number of hours');
        return null;
      }
      if (hoursValue < range.min || hoursValue > range.max || Math.round(hoursValue * 2) !== hoursValue * 2) {
        fail(
          `timePattern.${key}`,
          'out-of-range',
          `must be between ${range.min} and ${range.max} (half hours)`,
        );
        return null;
      }
      return hoursValue;
    };
    const hoursPerWeek = hours('hoursPerWeek');
    const hoursPerMonth = hours('hoursPerMonth');
    if (hoursPerWeek === null || hoursPerMonth === null) {
      return null;
    }
    if (hoursPerWeek === undefined && hoursPerMonth === undefined) {
      fail('timePattern.hoursPerWeek', 'required', 'or hoursPerMonth is required for flexible hours');
      return null;
    }
    return {
      kind: 'flexible',
      ...(hoursPerWeek !== undefined ? { hoursPerWeek } : {}),
      ...(hoursPerMonth !== undefined ? { hoursPerMonth } : {}),
    };
  }
  const { date, start, end } = pattern;
  if (typeof date !== 'string' || !isValidDate(date)) {
    fail('timePattern.date', 'invalid', 'must be a date like 2026-11-24');
    return null;
  }
  if (date < today) {
    fail('timePattern.date', 'in-past');
    return null;
  }
  if (typeof start !== 'string' || !isValidClock(start)) {
    fail('timePattern.start', 'invalid', 'must be a time like 09:00');
    return null;
  }
  if (typeof end !== 'string' || !isValidClock(end)) {
    fail('timePattern.end', 'invalid', 'must be a time like 09:00');
    return null;
  }
  if ((parseClock(start) ?? 0) >= (parseClock(end) ?? 0)) {
    fail('timePattern.end', 'out-of-range', 'must be after the start');
    return null;
  }
  return { kind: 'one-off', date, start, end };
}

/** An opportunity's status actions; which statuses each starts from, and who may take it. */
export const OPPORTUNITY_ACTIONS = [
  'publish',
  'pause',
  'fill',
  'archive',
  'draft',
  'approve',
  'reject',
  'confirm',
] as const;
export type OpportunityAction = (typeof OPPORTUNITY_ACTIONS)[number];

const FROM: Record<OpportunityAction, readonly string[]> = {
  publish: ['draft', 'paused', 'filled'],
  pause: ['published'],
  fill: ['published', 'paused'],
  archive: ['draft', 'in-review', 'published', 'paused', 'filled'],
  draft: ['in-review', 'published', 'paused', 'filled'],
  approve: ['in-review'],
  reject: ['in-review'],
  confirm: ['published', 'paused'],
};
const STAFF_ONLY: readonly OpportunityAction[] = ['archive', 'approve', 'reject'];

/** Whether the action may start from `status`, and whether the actor may take it at all. */
export function checkOpportunityAction(
  action: OpportunityAction,
  status: string,
  actor: 'staff' | 'host',
): 'ok' | 'forbidden' | 'wrong-status' {
  if (actor === 'host' && STAFF_ONLY.includes(action)) {
    return 'forbidden';
  }
  return FROM[action].includes(status) ? 'ok' : 'wrong-status';
}
