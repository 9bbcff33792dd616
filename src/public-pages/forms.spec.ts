import { parseDay, parseHelpRequestForm, parseProviderForm, parseVolunteerForm } from './forms';

const describe_ = (key: string) => `[${key}]`;
const options = { today: '2026-11-21', locale: 'de', describe: describe_ };

const fullForm = {
  category: 'shopping',
  description: 'Wocheneinkauf',
  date: '24.11.2026',
  timeOfDay: 'morning',
  postalCode: '22765',
  name: 'Erika Muster',
  phone: '040 123456',
  consent: 'yes',
};

describe('public forms', () => {
  it('should read German and ISO dates and refuse impossible ones', () => {
    expect(parseDay('24.12.2026')).toBe('2026-12-24');
    expect(parseDay('1.2.2027')).toBe('2027-02-01');
    expect(parseDay('2026-12-24')).toBe('2026-12-24');
    expect(parseDay('31.02.2026')).toBeNull();
    expect(parseDay('morgen')).toBeNull();
  });

  it('should turn the full form into the API shape, a one-off in the morning', () => {
    const parsed = parseHelpRequestForm(fullForm, { ...options, mode: 'full' });
    expect(parsed).toEqual({
      ok: true,
      value: {
        category: 'shopping',
        description: 'Wocheneinkauf',
        postalCode: '22765',
        schedule: { kind: 'one-off', date: '2026-11-24', start: '09:00', end: '12:00' },
        helpSeeker: {
          name: 'Erika Muster',
          phone: '040 123456',
          preferredContact: 'phone',
          preferredLanguage: 'de',
        },
        consent: { dataProcessing: true },
      },
    });
  });

  it('should make a weekly slot on the date’s weekday when asked', () => {
    const parsed = parseHelpRequestForm(
      { ...fullForm, weekly: 'yes', timeOfDay: 'afternoon' },
      { ...options, mode: 'full' },
    );
    expect(parsed.ok && parsed.value.schedule).toEqual({
      kind: 'weekly',
      slots: [{ weekday: 2, start: '13:00', end: '17:00' }],
    });
  });

  it('should name every field at fault with a message key, and refuse a past date', () => {
    const parsed = parseHelpRequestForm(
      { date: '01.01.2020', postalCode: '2276', phone: 'abc' },
      { ...options, mode: 'full' },
    );
    expect(parsed).toEqual({
      ok: false,
      errors: {
        category: 'error.category',
        description: 'error.description',
        date: 'error.date',
        timeOfDay: 'error.timeOfDay',
        postalCode: 'error.postalCode',
        name: 'error.name',
        phone: 'error.phone',
        consent: 'error.consent',
      },
    });
  });

  it('should refuse accessibility needs without explicit health consent (GDPR Art. 9)', () => {
    const without = parseHelpRequestForm(
      { ...fullForm, needs: ['wheelchair'] },
      { ...options, mode: 'full' },
    );
    expect(without).toEqual({ ok: false, errors: { healthConsent: 'error.healthConsent' } });
    const withConsent = parseHelpRequestForm(
      { ...fullForm, needs: ['wheelchair'], healthConsent: 'yes' },
      { ...options, mode: 'full' },
    );
    expect(withConsent.ok && withConsent.value.consent).toEqual({ dataProcessing: true, healthData: true });
  });

  it('should need only name, phone and postal code for a call-back', () => {
    const parsed = parseHelpRequestForm(
      { name: 'Ali Yilmaz', phone: '040 555', postalCode: '22765', consent: 'yes' },
      { ...options, mode: 'call-back', locale: 'tr' },
    );
    expect(parsed.ok && parsed.value).toMatchObject({
      category: 'other',
      description: '[callBack.description]',
      helpSeeker: { preferredLanguage: 'tr', preferredContact: 'phone' },
    });
    expect(
      parseHelpRequestForm(
        { name: 'Ali', postalCode: '22765', consent: 'yes' },
        { ...options, mode: 'call-back' },
      ),
    ).toEqual({ ok: false, errors: { phone: 'error.phone' } });
  });

  it('should read the volunteer sign-up: languages, availability slots and radius', () => {
    const parsed = parseVolunteerForm(
      {
        name: 'Jonas',
        email: 'Jonas@Example.org',
        postalCode: '22765',
        maxTravelKm: '2,5',
        languages: ['de', 'tr', 'xx'],
        skills: ['shopping'],
        availability: ['2-afternoon', '9-morning'],
        consent: 'yes',
      },
      'en',
    );
    expect(parsed.ok && parsed.value).toMatchObject({
      email: 'jonas@example.org',
      maxTravelKm: 2.5,
      languages: [
        { code: 'de', level: 'C2' },
        { code: 'tr', level: 'C1' },
      ],
      availability: [{ weekday: 2, start: '13:00', end: '17:00' }],
      locale: 'en',
    });
    expect(parseVolunteerForm({}, 'de')).toMatchObject({
      ok: false,
      errors: { email: 'error.email', maxTravelKm: 'error.radius', availability: 'error.availability' },
    });
  });

  it('should read the provider sign-up and name what is missing', () => {
    expect(parseProviderForm({ name: 'Treff', email: 'x' })).toMatchObject({
      ok: false,
      errors: { contactPerson: 'error.contactPerson', email: 'error.email', fields: 'error.fields' },
    });
  });
});
