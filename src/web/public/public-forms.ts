import { IsEmail, MaxLength } from 'class-validator';
import type { FieldError } from '../../common/validation';
import { PublicCallBackDto } from '../../help-seekers/dto/call-back.dto';
import { PublicHelpRequestDto } from '../../help-seekers/dto/create-help-request.dto';
import type { MessageKey, Translator } from '../../i18n';
import { CreateProviderDto } from '../../providers/dto/create-provider.dto';
import { FORM_LANGUAGES, PARTS_OF_DAY, slotOfChoice, type PartOfDay } from '../../shared/parts-of-day';
import { PublicVolunteerSignUpDto } from '../../volunteers/dto/create-volunteer.dto';
import {
  domainErrorAsProblem,
  formCheckbox,
  formList,
  formNumber,
  formText,
  readForm,
} from '../forms/form-path';
import type { FormValues } from './form-fields';

/*
 * The public forms as the API's own DTOs: each mapper only reshapes the posted strings (a German
 * date into ISO, ticks into lists and slots); every rule is the DTO's. Problems come back at the
 * form field they are about, in the page's language, with the form's own friendlier words where it
 * has them.
 */

export { FORM_LANGUAGES as SIGN_UP_LANGUAGES, PARTS_OF_DAY };
export const ACCESSIBILITY_NEEDS = ['wheelchair', 'walker', 'hearing', 'vision', 'easy-language'] as const;

export type HelpFormMode = 'full' | 'easy';

/** A public form's outcome: the DTO, or the problems by form field. */
export type FormResult<T> = { ok: true; dto: T } | { ok: false; problems: FieldError[] };

interface FormSpec {
  /** DTO path (or its first part) → form field. */
  fields: Record<string, string>;
  /** Form field → the form's own words for "this is wrong". */
  messages: Record<string, MessageKey>;
  /** The order of the fields on the page, for the summary. */
  order: readonly string[];
}

const ticked = (values: FormValues, name: string): boolean => formCheckbox(values[name]);

/** "24.12.2026", "1.2.2027" or "24/12/2026" → "2026-12-24"; anything else as typed, for the DTO's date rule to judge. */
export function isoDayOf(input: string | undefined): string | undefined {
  const german = input ? /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(input) : null;
  return german ? `${german[3]}-${german[2].padStart(2, '0')}-${german[1].padStart(2, '0')}` : input;
}

/** ISO weekday (1 = Monday) of a YYYY-MM-DD date, or undefined for no date. */
function weekdayOf(day: string): number | undefined {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? undefined : ((date.getUTCDay() + 6) % 7) + 1;
}

function toFormProblems(problems: FieldError[], spec: FormSpec, t: Translator): FieldError[] {
  const byField = new Map<string, string>();
  for (const problem of problems) {
    const field =
      spec.fields[problem.field] ??
      spec.fields[problem.field.split('.').slice(0, 2).join('.')] ??
      spec.fields[problem.field.split('.')[0]] ??
      problem.field;
    if (!byField.has(field)) {
      const own = spec.messages[field];
      byField.set(field, own ? t.t(own) : problem.message);
    }
  }
  const rank = (field: string) => {
    const index = spec.order.indexOf(field);
    return index === -1 ? spec.order.length : index;
  };
  return [...byField.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([field, message]) => ({ field, message }));
}

async function read<T extends object>(
  dtoClass: new () => T,
  plain: Record<string, unknown>,
  spec: FormSpec,
  t: Translator,
): Promise<FormResult<T>> {
  const outcome = await readForm(dtoClass, plain, t);
  return outcome.ok ? outcome : { ok: false, problems: toFormProblems(outcome.problems, spec, t) };
}

/**
 * A domain rule the service found broken (unknown postal code, a day in the past, needs without
 * consent) at its form field; null for anything else.
 */
export function domainProblems(error: unknown, spec: FormSpec, t: Translator): FieldError[] | null {
  const problems = domainErrorAsProblem(error, t);
  if (!problems) {
    return null;
  }
  const code = (error as { code?: string }).code;
  return toFormProblems(problems, spec, t).map((problem) =>
    code === 'unknown-postal-code' && problem.field === 'postalCode'
      ? { ...problem, message: t.t('public.error.postalCodeUnknown') }
      : problem,
  );
}

export const HELP_FORM: FormSpec = {
  fields: {
    category: 'category',
    description: 'description',
    postalCode: 'postalCode',
    schedule: 'date',
    'schedule.date': 'date',
    'schedule.kind': 'date',
    'schedule.start': 'timeOfDay',
    'schedule.end': 'timeOfDay',
    'schedule.slots': 'timeOfDay',
    'helpSeeker.name': 'name',
    'helpSeeker.phone': 'phone',
    'helpSeeker.email': 'email',
    'helpSeeker.preferredContact': 'phone',
    'helpSeeker.preferredLanguage': 'lang',
    'helpSeeker.accessibilityNeeds': 'needs',
    'helpSeeker.streetAddress': 'streetAddress',
    neededLanguage: 'neededLanguage',
    helpSeeker: 'name',
    consent: 'consent',
    'consent.dataProcessing': 'consent',
    'consent.healthData': 'healthConsent',
  },
  messages: {
    category: 'public.error.category',
    description: 'public.error.description',
    date: 'public.error.date',
    timeOfDay: 'public.error.timeOfDay',
    postalCode: 'public.error.postalCode',
    name: 'public.error.name',
    phone: 'public.error.phone',
    email: 'public.error.email',
    consent: 'public.error.consent',
    healthConsent: 'public.error.healthConsent',
    neededLanguage: 'public.error.neededLanguage',
    streetAddress: 'public.error.streetAddress',
  },
  order: [
    'category',
    'neededLanguage',
    'description',
    'date',
    'timeOfDay',
    'postalCode',
    'streetAddress',
    'name',
    'phone',
    'email',
    'needs',
    'consent',
    'healthConsent',
  ],
};

/** What the form asks only for some categories (from the taxonomy). */
export interface CategoryQuestions {
  /** Categories where the help happens at home: the street is asked (optional). */
  atHome: readonly string[];
  /** Language mediation: which language is asked (required). */
  language: readonly string[];
}
const NO_QUESTIONS: CategoryQuestions = { atHome: [], language: [] };

/**
 * The help request from the full or the plain-language form. The plain-language form asks no
 * description (the category says it). Which language (language mediation) and the street (help at
 * home) count only for the categories that ask them; without JavaScript both fields are always
 * on the page, with a hint saying when they matter.
 */
export async function readHelpRequestForm(
  values: FormValues,
  mode: HelpFormMode,
  t: Translator,
  questions: CategoryQuestions = NO_QUESTIONS,
): Promise<FormResult<PublicHelpRequestDto>> {
  const category = formText(values.category);
  const asksLanguage = category !== undefined && questions.language.includes(category);
  const asksStreet = category !== undefined && questions.atHome.includes(category);
  const neededLanguage = asksLanguage ? formText(values.neededLanguage) : undefined;
  const note = formText(values.description);
  const description = mode === 'easy' ? t.t('public.easy.description') : note;
  const day = isoDayOf(formText(values.date));
  const part = formText(values.timeOfDay);
  const window = part && part in PARTS_OF_DAY ? PARTS_OF_DAY[part as PartOfDay] : {};
  const weekday = day ? weekdayOf(day) : undefined;
  const schedule =
    ticked(values, 'weekly') && weekday !== undefined && 'start' in window
      ? { kind: 'weekly', slots: [{ weekday, ...window }] }
      : { kind: 'one-off', date: day, ...window };
  const phone = formText(values.phone);
  const email = formText(values.email);
  const needs = formList(values.needs);
  const healthConsent = ticked(values, 'healthConsent');
  const outcome = await read(
    PublicHelpRequestDto,
    {
      category,
      description,
      postalCode: formText(values.postalCode),
      neededLanguage,
      schedule,
      helpSeeker: {
        name: formText(values.name),
        phone,
        email,
        // The full form takes a phone number or an email address; the others need the phone.
        preferredContact: mode === 'full' && !phone && email ? 'email' : 'phone',
        preferredLanguage: t.locale,
        streetAddress: asksStreet ? formText(values.streetAddress) : undefined,
        accessibilityNeeds: needs.length > 0 ? needs : undefined,
      },
      consent: { dataProcessing: ticked(values, 'consent'), healthData: healthConsent || undefined },
    },
    HELP_FORM,
    t,
  );
  const missingLanguage =
    asksLanguage && !neededLanguage
      ? [{ field: 'neededLanguage', message: t.t('public.error.neededLanguage') }]
      : [];
  if (!outcome.ok && mode === 'full' && !phone && !email) {
    return {
      ok: false,
      problems: [
        ...missingLanguage,
        ...outcome.problems.map((problem) =>
          problem.field === 'phone' ? { ...problem, message: t.t('public.error.contact') } : problem,
        ),
      ],
    };
  }
  if (missingLanguage.length > 0) {
    return { ok: false, problems: [...missingLanguage, ...(outcome.ok ? [] : outcome.problems)] };
  }
  return outcome;
}

export const CALL_BACK_FORM: FormSpec = {
  fields: {
    name: 'name',
    phone: 'phone',
    postalCode: 'postalCode',
    note: 'description',
    consent: 'consent',
    'consent.dataProcessing': 'consent',
  },
  messages: {
    name: 'public.error.name',
    phone: 'public.error.phone',
    postalCode: 'public.error.postalCode',
    consent: 'public.error.consent',
  },
  order: ['name', 'phone', 'postalCode', 'description', 'consent'],
};

/** "Please call me back": name, phone, postal code and maybe a line; no category, no schedule. */
export function readCallBackForm(values: FormValues, t: Translator): Promise<FormResult<PublicCallBackDto>> {
  return read(
    PublicCallBackDto,
    {
      name: formText(values.name),
      phone: formText(values.phone),
      postalCode: formText(values.postalCode),
      note: formText(values.description),
      preferredLanguage: t.locale,
      consent: { dataProcessing: ticked(values, 'consent') },
    },
    CALL_BACK_FORM,
    t,
  );
}

export const VOLUNTEER_FORM: FormSpec = {
  fields: {
    name: 'name',
    email: 'email',
    phone: 'phone',
    postalCode: 'postalCode',
    maxTravelKm: 'maxTravelKm',
    birthDate: 'birthDate',
    gender: 'gender',
    languages: 'languages',
    skills: 'skills',
    availability: 'availability',
    consent: 'consent',
    'consent.volunteerPool': 'consent',
    locale: 'lang',
  },
  messages: {
    name: 'public.error.name',
    email: 'public.error.email',
    phone: 'public.error.phone',
    postalCode: 'public.error.postalCode',
    maxTravelKm: 'public.error.radius',
    birthDate: 'public.error.birthDatePlausible',
    gender: 'public.error.gender',
    consent: 'public.error.consent',
  },
  order: [
    'name',
    'email',
    'phone',
    'postalCode',
    'maxTravelKm',
    'birthDate',
    'gender',
    'languages',
    'skills',
    'availability',
    'consent',
  ],
};

/** The plain object a volunteer sign-up form becomes, before the DTO's rules judge it. */
export function volunteerSignUpPlain(values: FormValues, t: Translator): Record<string, unknown> {
  return {
    name: formText(values.name),
    email: formText(values.email)?.toLowerCase(),
    phone: formText(values.phone),
    postalCode: formText(values.postalCode),
    maxTravelKm: formNumber(values.maxTravelKm),
    birthDate: isoDayOf(formText(values.birthDate)),
    gender: formText(values.gender),
    // A tick says "I speak it well": German as a mother tongue, others fluent.
    languages: formList(values.languages).map((code) => ({ code, level: code === 'de' ? 'C2' : 'C1' })),
    skills: formList(values.skills),
    // An unknown choice is kept as typed, so the DTO refuses it instead of the form dropping it.
    availability: formList(values.availability).map((choice) => slotOfChoice(choice) ?? { weekday: choice }),
    // The volunteer's emails come in the language they signed up in.
    locale: t.locale,
    consent: { volunteerPool: ticked(values, 'consent') },
  };
}

export function readVolunteerForm(
  values: FormValues,
  t: Translator,
): Promise<FormResult<PublicVolunteerSignUpDto>> {
  return read(PublicVolunteerSignUpDto, volunteerSignUpPlain(values, t), VOLUNTEER_FORM, t);
}

export const PROVIDER_FORM: FormSpec = {
  fields: {
    name: 'name',
    contactPerson: 'contactPerson',
    email: 'email',
    phone: 'phone',
    streetAddress: 'streetAddress',
    postalCode: 'postalCode',
    fieldsOfActivity: 'fields',
  },
  messages: {
    name: 'public.error.providerName',
    contactPerson: 'public.error.contactPerson',
    email: 'public.error.email',
    phone: 'public.error.phone',
    streetAddress: 'public.error.streetAddress',
    postalCode: 'public.error.postalCode',
    consent: 'public.error.consent',
  },
  order: ['name', 'contactPerson', 'email', 'phone', 'streetAddress', 'postalCode', 'fields', 'consent'],
};

/**
 * The provider sign-up. The API's DTO has no consent (staff enter providers); the form still asks
 * for it, as it always did, before anything is stored.
 */
export async function readProviderForm(
  values: FormValues,
  t: Translator,
): Promise<FormResult<CreateProviderDto>> {
  const outcome = await read(
    CreateProviderDto,
    {
      name: formText(values.name),
      contactPerson: formText(values.contactPerson),
      email: formText(values.email)?.toLowerCase(),
      phone: formText(values.phone),
      streetAddress: formText(values.streetAddress),
      postalCode: formText(values.postalCode),
      fieldsOfActivity: formList(values.fields),
    },
    PROVIDER_FORM,
    t,
  );
  if (ticked(values, 'consent')) {
    return outcome;
  }
  const consent = { field: 'consent', message: t.t('public.error.consent') };
  return { ok: false, problems: [...(outcome.ok ? [] : outcome.problems), consent] };
}

/** "Send me my link": an email address, as the self-service link request takes it. */
export class SelfServiceLinkRequestDto {
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export const ACCOUNT_FORM: FormSpec = {
  fields: { email: 'email' },
  messages: { email: 'public.error.email' },
  order: ['email'],
};

export function readAccountForm(
  values: FormValues,
  t: Translator,
): Promise<FormResult<SelfServiceLinkRequestDto>> {
  return read(SelfServiceLinkRequestDto, { email: formText(values.email)?.toLowerCase() }, ACCOUNT_FORM, t);
}
