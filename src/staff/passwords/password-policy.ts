import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isCommonPassword } from './common-passwords';

/** Shortest password a staff member may set. */
export const MIN_PASSWORD_LENGTH = 12;

/** A new staff password: at least 12 characters, not only whitespace, not a well-known password. */
export function isAcceptablePassword(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    [...value].length >= MIN_PASSWORD_LENGTH &&
    value.trim() !== '' &&
    !isCommonPassword(value)
  );
}

/** The rule as a class-validator decorator; its message is `validation.isAcceptablePassword`. */
export function IsAcceptablePassword(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isAcceptablePassword',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `must be at least ${MIN_PASSWORD_LENGTH} characters, not only spaces, and not a well-known password`,
        ...options,
      },
      validator: { validate: isAcceptablePassword },
    });
}
