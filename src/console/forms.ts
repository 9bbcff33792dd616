import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors, type FieldError } from '../common/validation';
import { DomainError } from '../common/domain-error';

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
