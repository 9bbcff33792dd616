/**
 * An expected failure with a stable code and no HTTP status; one exception filter maps codes to
 * HTTP. `field` names the input the error is about, so clients can show it next to that field.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super('not-found', `${entity} ${id} was not found`);
  }
}

/** The action does not fit the record's current state, e.g. approving an already declined match. */
export class ConflictError extends DomainError {
  constructor(message: string) {
    super('conflict', message);
  }
}

export class UnknownPostalCodeError extends DomainError {
  constructor(postalCode: string, field = 'postalCode') {
    super('unknown-postal-code', `postal code ${postalCode} is unknown`, field);
  }
}
