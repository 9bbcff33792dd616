import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors, type FieldError } from '../common/validation';
import { DomainError } from '../shared/domain-error';
import type { Response } from 'express';

/** The API's DTO rules, applied to a console form: either the DTO, or the errors per field. */
export async function validateForm<T extends object>(
  dtoClass: ClassConstructor<T>,
  plain: Record<string, unknown>,
): Promise<{ dto: T; errors: [] } | { dto: null; errors: FieldError[] }> {
  const dto = plainToInstance(dtoClass, plain);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  return errors.length > 0 ? { dto: null, errors: flattenValidationErrors(errors) } : { dto, errors: [] };
}

/** A domain rule that failed on a form field (unknown postal code, bad schedule) shown beside the field. */
export function domainErrorAsField(error: unknown): FieldError[] | null {
  if (error instanceof DomainError && error.code !== 'not-found' && error.code !== 'conflict') {
    return [{ field: error.field ?? '', message: error.message }];
  }
  return null;
}

/** Repeated form fields arrive as an array, a single one as a string. */
export function formList(value: unknown): string[] {
  const values = Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value];
  return values
    .filter((item): item is string => typeof item === 'string' && item.trim() !== '')
    .map((item) => item.trim());
}

/**
 * A console form POST: validate with the API's DTO, run the action and redirect (POST → 303 → GET).
 * A broken DTO rule, or a domain rule that names a field, shows the form again through `showErrors`
 * (which answers 400 with the problems beside their fields); any other error goes to the filter.
 */
export async function submitForm<T extends object>(
  response: Response,
  form: {
    dtoClass: ClassConstructor<T>;
    plain: Record<string, unknown>;
    action: (dto: T) => Promise<unknown>;
    redirectTo: string;
    showErrors: (errors: FieldError[]) => Promise<void>;
  },
): Promise<void> {
  const { dto, errors } = await validateForm(form.dtoClass, form.plain);
  if (!dto) {
    return form.showErrors(errors);
  }
  try {
    await form.action(dto);
  } catch (error) {
    const fieldErrors = domainErrorAsField(error);
    if (!fieldErrors) {
      throw error;
    }
    return form.showErrors(fieldErrors);
  }
  response.redirect(303, form.redirectTo);
}
