import type { FieldError } from '../../common/validation';
import type { Translator } from '../../i18n';
import { parseQuietHours } from '../../notifications/domain/send-schedule';
import { slotOfChoice } from '../../shared/parts-of-day';
import type { OwnProfile } from '../../volunteers/self-service.service';
import {
  OwnProfileDto,
  VolunteerPreferencesDto,
  type VolunteerPreferences,
} from '../../volunteers/dto/self-service.dto';
import { formList, formNumber, formText, readForm, type FormOutcome } from '../forms/form-path';

/*
 * The volunteer's own forms, mapped onto the DTOs the API validates with: the page only turns
 * posted strings into the DTO's shape; every rule lives on the DTO.
 */

const unique = (values: string[]): string[] => [...new Set(values)];

/** The profile form's fields as the DTO's plain object ("5-morning" ticks become weekly slots). */
export function profileFormToPlain(body: Record<string, unknown>): Record<string, unknown> {
  return {
    phone: formText(body.phone),
    postalCode: formText(body.postalCode),
    maxTravelKm: formNumber(body.maxTravelKm),
    languageCodes: unique(formList(body.languages)),
    skills: unique(formList(body.skills)),
    // An unknown tick stays as typed, so the DTO names it rather than it vanishing.
    availability: formList(body.availability).map((choice) => slotOfChoice(choice) ?? choice),
  };
}

/** The posted profile as the service wants it, or the problems per form field. */
export async function readProfileForm(
  body: Record<string, unknown>,
  t: Translator,
): Promise<FormOutcome<OwnProfile>> {
  const read = await readForm(OwnProfileDto, profileFormToPlain(body), t);
  if (!read.ok) {
    return { ok: false, problems: byFormField(read.problems) };
  }
  const { phone, postalCode, maxTravelKm, languageCodes, skills, availability } = read.dto;
  return {
    ok: true,
    dto: { phone: phone ?? null, postalCode, maxTravelKm, languageCodes, skills, availability },
  };
}

/** The settings form's fields as the DTO's plain object: the two clock fields become one window. */
export function preferencesFormToPlain(body: Record<string, unknown>): Record<string, unknown> {
  const quietStart = formText(body.quietStart);
  const quietEnd = formText(body.quietEnd);
  return {
    // Required here although optional for the API's create: an empty answer is '' and fails its rule.
    offerDelivery: formText(body.offerDelivery) ?? '',
    maxOffersPerWeek: formNumber(body.maxOffersPerWeek) ?? '',
    awayUntil: formText(body.awayUntil),
    quietHours: quietStart || quietEnd ? `${quietStart ?? ''}-${quietEnd ?? ''}` : undefined,
    locale: formText(body.locale) ?? '',
  };
}

export async function readPreferencesForm(
  body: Record<string, unknown>,
  t: Translator,
): Promise<FormOutcome<VolunteerPreferences>> {
  const read = await readForm(VolunteerPreferencesDto, preferencesFormToPlain(body), t);
  if (!read.ok) {
    return { ok: false, problems: byFormField(read.problems) };
  }
  const { offerDelivery, maxOffersPerWeek, awayUntil, quietHours, locale } = read.dto;
  // The same window rule the sending schedule applies (start and end must differ).
  if (quietHours && parseQuietHours(quietHours) === null) {
    return { ok: false, problems: [{ field: 'quietHours', message: t.t('links.preferences.quietInvalid') }] };
  }
  return {
    ok: true,
    dto: {
      offerDelivery,
      maxOffersPerWeek,
      awayUntil: awayUntil ?? null,
      quietHours: quietHours ?? null,
      locale,
    },
  };
}

/** "availability.0.start" is the availability checkboxes on the page; one message per field. */
function byFormField(problems: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return problems
    .map((problem) => ({ ...problem, field: problem.field.split('.')[0] }))
    .filter((problem) => !seen.has(problem.field) && seen.add(problem.field));
}
