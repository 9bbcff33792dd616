import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { getMetadataStorage, validate, type ValidationError } from 'class-validator';
import { DomainError } from '../../shared/domain-error';
import { flattenValidationErrors, type FieldError } from '../../common/validation';
import type { Translator } from '../../i18n';

/*
 * One form path for every audience: a posted form is turned into the feature's own DTO and checked
 * by the same class-validator rules the JSON API uses; the problems come back per field, in the
 * reader's language. A rule is never written a second time for a form.
 */

export type FormOutcome<T> = { ok: true; dto: T } | { ok: false; problems: FieldError[] };

/** Validates `plain` (built from the posted fields by the page's mapper) as the API would. */
export async function readForm<T extends object>(
  dtoClass: ClassConstructor<T>,
  plain: Record<string, unknown>,
  t: Translator,
): Promise<FormOutcome<T>> {
  const dto = plainToInstance(dtoClass, plain);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  return errors.length > 0 ? { ok: false, problems: localizedFieldErrors(errors, t) } : { ok: true, dto };
}

/** class-validator's errors in the reader's language (validation.<rule>, or .<rule>.<field> where a field needs its own words). */
export function localizedFieldErrors(errors: ValidationError[], t: Translator): FieldError[] {
  return flattenValidationErrors(errors, '', (error, constraint) => {
    const values = constraintValues(error, constraint);
    return (
      t.dynamic(`validation.${constraint}.${error.property}`, values) ??
      t.dynamic(`validation.${constraint}`, values) ??
      t.t('validation.invalid')
    );
  });
}

/** The rule's own arguments (the 5 of `@MaxLength(5)`), for messages like "at most 5 characters". */
function constraintValues(error: ValidationError, constraint: string): Record<string, string | number> {
  const target = error.target?.constructor;
  if (!target) {
    return {};
  }
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((entry) => entry.propertyName === error.property && entry.name === constraint);
  const [first] = (metadata?.constraints ?? []) as unknown[];
  return typeof first === 'number' || typeof first === 'string' ? { min: first, max: first } : {};
}

/**
 * A domain rule that failed on a field (unknown postal code, bad schedule) as a field problem, in
 * the reader's language when the catalogue has words for its code (validation.domain.<code>).
 */
export function domainErrorAsProblem(error: unknown, t: Translator): FieldError[] | null {
  if (error instanceof DomainError && error.code !== 'not-found' && error.code !== 'conflict') {
    return [
      { field: error.field ?? '', message: t.dynamic(`validation.domain.${error.code}`) ?? error.message },
    ];
  }
  return null;
}

/** A text field: trimmed; empty means "not given". */
export function formText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A number field: empty means "not given"; anything else is handed to the DTO's rules as typed. */
export function formNumber(value: unknown): number | string | undefined {
  const text = formText(value);
  if (text === undefined) {
    return undefined;
  }
  const number = Number(text.replace(',', '.'));
  return Number.isFinite(number) ? number : text;
}

/** A checkbox: present means yes. */
export function formCheckbox(value: unknown): boolean {
  return value !== undefined && value !== '';
}

/** Repeated fields arrive as an array, a single one as a string. */
export function formList(value: unknown): string[] {
  const values = Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value];
  return values
    .filter((item): item is string => typeof item === 'string' && item.trim() !== '')
    .map((item) => item.trim());
}
