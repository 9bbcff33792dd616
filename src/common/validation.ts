import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

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

/** Flattens nested class-validator errors to one message per field path, e.g. "schedule.date". */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const [first] = Object.entries(error.constraints ?? {}).sort(([a], [b]) => priorityOf(a) - priorityOf(b));
    // class-validator prefixes messages with the property name; the field is already named.
    const own = first
      ? [
          {
            field,
            message: first[1].startsWith(`${error.property} `)
              ? first[1].slice(error.property.length + 1)
              : first[1],
          },
        ]
      : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export class RequestValidationError extends BadRequestException {
  constructor(readonly fieldErrors: FieldError[]) {
    super({ message: 'The request has invalid fields.', errors: fieldErrors });
  }
}

/** Unknown fields are rejected, not silently dropped: a typo must not lose what the person typed. */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
});
