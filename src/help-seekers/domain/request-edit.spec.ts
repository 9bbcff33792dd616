import { changesEligibility, EDITABLE_REQUEST_FIELDS, fieldChanges } from './request-edit';

describe('request edit', () => {
  const before = {
    category: 'shopping',
    description: 'Einkauf',
    neededSkills: ['shopping'],
    schedule: { kind: 'weekly', slots: [{ weekday: 2, start: '09:00', end: '11:00' }] },
    streetAddress: null,
  };

  it('should report only the fields whose value differs, with old and new values', () => {
    const changes = fieldChanges(
      before,
      {
        category: 'shopping',
        description: 'Einkauf und Apotheke',
        neededSkills: ['shopping'],
        // the same schedule, keys in another order: no change
        schedule: { slots: [{ end: '11:00', start: '09:00', weekday: 2 }], kind: 'weekly' },
        streetAddress: 'Am Felde 3',
      },
      EDITABLE_REQUEST_FIELDS,
    );
    expect(changes.changed).toEqual(['description', 'streetAddress']);
    expect(changes.before).toEqual({ description: 'Einkauf', streetAddress: null });
    expect(changes.after).toEqual({ description: 'Einkauf und Apotheke', streetAddress: 'Am Felde 3' });
  });

  it('should treat an absent field as unchanged and null as a change to empty', () => {
    expect(fieldChanges(before, { neededSkills: undefined }, EDITABLE_REQUEST_FIELDS).changed).toEqual([]);
    expect(
      fieldChanges({ neededLanguage: 'tr' }, { neededLanguage: null }, EDITABLE_REQUEST_FIELDS).after,
    ).toEqual({ neededLanguage: null });
  });

  it('should say which changes can alter who fits', () => {
    expect(changesEligibility(['description', 'urgency', 'streetAddress', 'volunteerSummary'])).toBe(false);
    for (const field of [
      'category',
      'neededSkills',
      'neededLanguage',
      'requiresCertificate',
      'schedule',
      'postalCode',
    ]) {
      expect(changesEligibility(['description', field])).toBe(true);
    }
  });
});
