import { checkHelpSeeker } from './help-seeker-edit';

describe('checkHelpSeeker', () => {
  const person = {
    phone: '040 123456',
    email: null,
    streetAddress: null,
    preferredContact: 'phone',
    accessibilityNeeds: [] as string[],
    contactPersonName: null as string | null,
    contactPersonRelationship: null as string | null,
    contactPersonPhone: null as string | null,
  };

  it('should accept a person without or with a complete contact person', () => {
    expect(checkHelpSeeker(person, false)).toBeNull();
    expect(
      checkHelpSeeker(
        {
          ...person,
          contactPersonName: 'Frauke',
          contactPersonRelationship: 'relative',
          contactPersonPhone: '040 1',
        },
        false,
      ),
    ).toBeNull();
  });

  it('should name the missing part of an incomplete contact person', () => {
    expect(
      checkHelpSeeker(
        { ...person, contactPersonName: 'Frauke', contactPersonRelationship: 'relative' },
        false,
      ),
    ).toMatchObject({ code: 'contact-person-incomplete', field: 'contactPersonPhone' });
  });

  it('should refuse accessibility needs without a health-data consent', () => {
    expect(checkHelpSeeker({ ...person, accessibilityNeeds: ['wheelchair'] }, false)).toMatchObject({
      code: 'health-consent-missing',
      field: 'accessibilityNeeds',
    });
    expect(checkHelpSeeker({ ...person, accessibilityNeeds: ['wheelchair'] }, true)).toBeNull();
  });

  it('should refuse a preferred contact way without its number or address', () => {
    expect(checkHelpSeeker({ ...person, preferredContact: 'post' }, false)).toMatchObject({
      code: 'contact-missing',
      field: 'streetAddress',
    });
  });
});
