import { IsEmail, IsString, MaxLength, MinLength, ValidateNested, validateSync } from 'class-validator';
import { Type, plainToInstance } from 'class-transformer';
import { flattenValidationErrors } from './validation';

class Contact {
  @IsEmail({}, { message: 'must be a valid email address' })
  @MaxLength(254)
  email: string;
}

class Form {
  @MaxLength(2000)
  @MinLength(3)
  @IsString()
  description: string;

  @ValidateNested()
  @Type(() => Contact)
  contact: Contact;
}

const errorsOf = (input: object) => flattenValidationErrors(validateSync(plainToInstance(Form, input)));

describe('flattenValidationErrors', () => {
  it('should report the type rule, not a length rule, for a missing value, whatever the decorator order', () => {
    expect(errorsOf({ contact: {} })).toEqual([
      { field: 'description', message: 'must be a string' },
      { field: 'contact.email', message: 'must be a valid email address' },
    ]);
  });

  it('should report a length rule when the type is right', () => {
    expect(errorsOf({ description: 'x'.repeat(2001), contact: { email: 'a@b.de' } })).toEqual([
      { field: 'description', message: 'must be shorter than or equal to 2000 characters' },
    ]);
  });

  it('should name nested fields by their path and report nothing for valid input', () => {
    expect(errorsOf({ description: 'Einkauf', contact: { email: 'not-an-email' } })).toEqual([
      { field: 'contact.email', message: 'must be a valid email address' },
    ]);
    expect(errorsOf({ description: 'Einkauf', contact: { email: 'a@b.de' } })).toEqual([]);
  });
});
