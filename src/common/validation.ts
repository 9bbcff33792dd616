import { type ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * When a field breaks several rules, the most basic one says best what to fix: "must be an email
 * address" helps, "must be at most 254 characters" for a missing value does not.
 */
const CONSTRAINT_PRIORITY = [
  'whitelistValidation',
  'isDefined',
  'isObject',
  'isNotEmpty',
  'isString',
  'isBoolean',
  'isInt',
  'isNumber',
  'isArray',
  'isEmail',
  'isDateString',
  'matches',
  'isIn',
  'equals',
];
const priorityOf = (constraint: string): number => {
  const index = CONSTRAINT_PRIORITY.indexOf(constraint);
  return index === -1 ? CONSTRAINT_PRIORITY.length : index;
};

/** Words for one broken rule of one field; the default is class-validator's English message. */
export type DescribeConstraint = (
  error: ValidationError,
  constraint: string,
  defaultMessage: string,
) => string;

// class-validator prefixes messages with the property name; the field is already named.
const englishMessage: DescribeConstraint = (error, _constraint, message) =>
  message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message;

/**
 * Flattens nested class-validator errors to one message per field path, e.g. "schedule.date": the
 * API answers in English, a form passes `describe` to answer in the reader's language.
 */
export function flattenValidationErrors(
  errors: ValidationError[],
  parent = '',
  describe: DescribeConstraint = englishMessage,
): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const [first] = Object.entries(error.constraints ?? {}).sort(([a], [b]) => priorityOf(a) - priorityOf(b));
    const own = first ? [{ field, message: describe(error, first[0], first[1]) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field, describe)];
  });
}

export class RequestValidationError extends BadRequestException {
  constructor(readonly fieldErrors: FieldError[]) {
    super({ message: 'The request has invalid fields.', errors: fieldErrors });
  }
}

/**
 * A validator that cannot read its input throws instead of failing (validator's isEmail runs
 * encodeURI, which throws on a lone UTF-16 surrogate such as "\ud800"): that is bad input, a 400.
 */
class UnicodeSafeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return (await super.transform(value, metadata)) as unknown;
    } catch (error) {
      if (error instanceof URIError) {
        throw new RequestValidationError([
          { field: '', message: 'must be valid Unicode text (a lone surrogate cannot be read)' },
        ]);
      }
      throw error;
    }
  }
}

/** Unknown fields are rejected, not silently dropped: a typo must not lose what the person typed. */
export const validationPipe = new UnicodeSafeValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
});
