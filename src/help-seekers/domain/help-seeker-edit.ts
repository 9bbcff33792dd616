/*
 * The rules of a help-seeker edit that do not need a database: the contact person is complete or
 * absent, and accessibility needs (health data, Art. 9 GDPR) need a recorded explicit consent.
 */

export const EDITABLE_HELP_SEEKER_FIELDS = [
  'name',
  'salutation',
  'phone',
  'email',
  'preferredContact',
  'preferredLanguage',
  'streetAddress',
  'postalCode',
  'accessibilityNeeds',
  'priorityGroups',
  'contactPersonName',
  'contactPersonRelationship',
  'contactPersonPhone',
] as const;
export type EditableHelpSeekerField = (typeof EDITABLE_HELP_SEEKER_FIELDS)[number];

export const CONTACT_PERSON_FIELDS = [
  'contactPersonName',
  'contactPersonRelationship',
  'contactPersonPhone',
] as const;

export interface SeekerRuleProblem {
  code: 'contact-person-incomplete' | 'health-consent-missing' | 'contact-missing';
  field: string;
  message: string;
}

/**
 * Checks the person as it would be after the edit. `consented`: a health-data consent is on record
 * (and not withdrawn) or recorded with this edit.
 */
export function checkHelpSeeker(
  after: {
    phone: string | null;
    email: string | null;
    streetAddress: string | null;
    preferredContact: string;
    accessibilityNeeds: string[];
    contactPersonName: string | null;
    contactPersonRelationship: string | null;
    contactPersonPhone: string | null;
  },
  consented: boolean,
): SeekerRuleProblem | null {
  const present = CONTACT_PERSON_FIELDS.filter((field) => (after[field] ?? '') !== '');
  if (present.length > 0 && present.length < CONTACT_PERSON_FIELDS.length) {
    const missing = CONTACT_PERSON_FIELDS.find((field) => !present.includes(field)) ?? 'contactPersonName';
    return {
      code: 'contact-person-incomplete',
      field: missing,
      message: 'a contact person needs a name, a relationship and a phone number (or none of them)',
    };
  }
  if (after.accessibilityNeeds.length > 0 && !consented) {
    return {
      code: 'health-consent-missing',
      field: 'accessibilityNeeds',
      message: 'accessibility needs can only be stored with explicit consent to health data',
    };
  }
  const channel = { phone: after.phone, email: after.email, post: after.streetAddress }[
    after.preferredContact as 'phone' | 'email' | 'post'
  ];
  if (!channel) {
    return {
      code: 'contact-missing',
      field: after.preferredContact === 'post' ? 'streetAddress' : after.preferredContact,
      message: 'the preferred way of contact needs its phone number, email or street address',
    };
  }
  return null;
}
