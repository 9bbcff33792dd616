import { checkOpportunityAction, checkOpportunityInput } from './opportunity-input';

const TODAY = '2026-12-04';
const valid = {
  title: 'Hausaufgabenhilfe',
  description: 'Zwei Helfende für den Hausaufgabenclub am Dienstag.',
  fieldsOfActivity: ['BIL'],
  postalCode: '22765',
  timePattern: { kind: 'weekly', slots: [{ weekday: 2, start: '15:00', end: '17:00' }] },
  places: 2,
};

const fieldsOf = (input: unknown): string[] => {
  const check = checkOpportunityInput(input, TODAY);
  return check.ok ? [] : check.problems.map((problem) => problem.field);
};

describe('checkOpportunityInput', () => {
  it('normalises a valid opportunity with defaults', () => {
    const check = checkOpportunityInput(
      {
        ...valid,
        title: '  Hausaufgabenhilfe ',
        hostOffers: ['insurance', 'induction'],
        contactEmail: 'Pia@Club.DE',
      },
      TODAY,
    );
    expect(check.ok).toBe(true);
    if (check.ok) {
      expect(check.fields.title).toBe('Hausaufgabenhilfe');
      expect(check.fields.remote).toBe(false);
      expect(check.fields.hostOffers).toEqual(['induction', 'insurance']);
      expect(check.fields.contactEmail).toBe('pia@club.de');
      expect(check.fields.languages).toEqual([]);
      expect(check.fields.minimumAge).toBeNull();
    }
  });

  it('needs title, description, a field, places and a time pattern', () => {
    expect(fieldsOf({})).toEqual(
      expect.arrayContaining([
        'title',
        'description',
        'fieldsOfActivity',
        'postalCode',
        'timePattern',
        'places',
      ]),
    );
  });

  it('needs a postal code unless remote, and drops the place when remote', () => {
    expect(fieldsOf({ ...valid, postalCode: undefined })).toEqual(['postalCode']);
    expect(fieldsOf({ ...valid, postalCode: '2276' })).toEqual(['postalCode']);
    const check = checkOpportunityInput({ ...valid, remote: true, streetAddress: 'Weg 1' }, TODAY);
    expect(check.ok && check.fields.postalCode === null && check.fields.streetAddress === null).toBe(true);
  });

  it.each([
    [{ places: 0 }, 'places'],
    [{ places: 1001 }, 'places'],
    [{ places: 1.5 }, 'places'],
    [{ minimumAge: 13 }, 'minimumAge'],
    [{ minimumAge: 100 }, 'minimumAge'],
    [{ minCommitmentMonths: 0 }, 'minCommitmentMonths'],
    [{ minCommitmentMonths: 61 }, 'minCommitmentMonths'],
    [{ title: 'ab' }, 'title'],
    [{ title: 'x'.repeat(121) }, 'title'],
    [{ description: 'kurz' }, 'description'],
    [{ languages: ['Deutsch'] }, 'languages'],
    [{ hostOffers: ['cake'] }, 'hostOffers'],
    [{ contactEmail: 'not-an-email' }, 'contactEmail'],
    [{ contactPhone: 'call me' }, 'contactPhone'],
    [{ remote: 'yes' }, 'remote'],
    [{ colour: 'red' }, 'colour'],
    [{ title: 'a\u0000b c' }, 'title'],
  ])('refuses %p naming %p', (change, field) => {
    expect(fieldsOf({ ...valid, ...change })).toEqual([field]);
  });

  it('checks weekly slots', () => {
    expect(fieldsOf({ ...valid, timePattern: { kind: 'weekly', slots: [] } })).toEqual(['timePattern.slots']);
    expect(
      fieldsOf({
        ...valid,
        timePattern: { kind: 'weekly', slots: [{ weekday: 8, start: '15:00', end: '17:00' }] },
      }),
    ).toEqual(['timePattern.slots.0.weekday']);
    expect(
      fieldsOf({
        ...valid,
        timePattern: { kind: 'weekly', slots: [{ weekday: 2, start: '17:00', end: '15:00' }] },
      }),
    ).toEqual(['timePattern.slots.0.end']);
  });

  it('checks flexible hours', () => {
    expect(fieldsOf({ ...valid, timePattern: { kind: 'flexible' } })).toEqual(['timePattern.hoursPerWeek']);
    expect(fieldsOf({ ...valid, timePattern: { kind: 'flexible', hoursPerWeek: 41 } })).toEqual([
      'timePattern.hoursPerWeek',
    ]);
    expect(fieldsOf({ ...valid, timePattern: { kind: 'flexible', hoursPerMonth: 4 } })).toEqual([]);
  });

  it('checks a one-off date: a real date, not in the past, start before end', () => {
    const oneOff = (date: string, start = '14:00', end = '18:00') => ({
      ...valid,
      timePattern: { kind: 'one-off', date, start, end },
    });
    expect(fieldsOf(oneOff('2026-12-04'))).toEqual([]);
    expect(fieldsOf(oneOff('2026-12-03'))).toEqual(['timePattern.date']);
    expect(fieldsOf(oneOff('2026-02-31'))).toEqual(['timePattern.date']);
    expect(fieldsOf(oneOff('2026-12-24', '18:00', '14:00'))).toEqual(['timePattern.end']);
    expect(fieldsOf({ ...valid, timePattern: { kind: 'sometimes' } })).toEqual(['timePattern.kind']);
  });

  it('refuses a body that is no object', () => {
    expect(fieldsOf(null)).toEqual(['']);
    expect(fieldsOf([])).toEqual(['']);
  });
});

describe('checkOpportunityAction', () => {
  it('follows the status rules', () => {
    expect(checkOpportunityAction('publish', 'draft', 'staff')).toBe('ok');
    expect(checkOpportunityAction('pause', 'draft', 'staff')).toBe('wrong-status');
    expect(checkOpportunityAction('approve', 'in-review', 'staff')).toBe('ok');
    expect(checkOpportunityAction('confirm', 'archived', 'staff')).toBe('wrong-status');
  });

  it('keeps archiving and reviewing with staff', () => {
    expect(checkOpportunityAction('archive', 'published', 'host')).toBe('forbidden');
    expect(checkOpportunityAction('approve', 'in-review', 'host')).toBe('forbidden');
    expect(checkOpportunityAction('reject', 'in-review', 'host')).toBe('forbidden');
    expect(checkOpportunityAction('pause', 'published', 'host')).toBe('ok');
  });
});
