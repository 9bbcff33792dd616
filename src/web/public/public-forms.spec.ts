import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { translator } from '../../i18n';
import { PublicVolunteerSignUpDto } from '../../volunteers/dto/create-volunteer.dto';
import type { FormValues } from './form-fields';
import {
  isoDayOf,
  readCallBackForm,
  readHelpRequestForm,
  readProviderForm,
  readVolunteerForm,
} from './public-forms';

const de = translator('de');

/** What a person posts on /volunteer, all fields filled well. */
const volunteerForm = (overrides: FormValues = {}): FormValues => ({
  lang: 'de',
  name: 'Jonas Beispiel',
  email: 'Jonas@Example.org',
  phone: '0170 1234567',
  postalCode: '22765',
  maxTravelKm: '3',
  languages: ['de', 'tr'],
  skills: ['shopping'],
  availability: ['2-afternoon'],
  consent: 'yes',
  ...overrides,
});

/** The same sign-up as a JSON client sends it to the API. */
const apiBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'Jonas Beispiel',
  email: 'jonas@example.org',
  phone: '0170 1234567',
  postalCode: '22765',
  maxTravelKm: 3,
  languages: [{ code: 'de', level: 'C2' }],
  skills: ['shopping'],
  availability: [{ weekday: 2, start: '13:00', end: '17:00' }],
  consent: { volunteerPool: true },
  ...overrides,
});

async function apiAccepts(body: Record<string, unknown>): Promise<boolean> {
  const errors = await validate(plainToInstance(PublicVolunteerSignUpDto, body), {
    whitelist: true,
    forbidNonWhitelisted: true,
  });
  return errors.length === 0;
}

describe('the volunteer sign-up form and the API', () => {
  it.each([
    ['maxTravelKm', '0.5', 0.5],
    ['maxTravelKm', '0,5', 0.5],
    ['maxTravelKm', '0', 0],
    ['maxTravelKm', '50', 50],
    ['maxTravelKm', '51', 51],
    ['maxTravelKm', 'weit', 'weit'],
    ['postalCode', '22765', '22765'],
    ['postalCode', '2276', '2276'],
    ['postalCode', '2276a', '2276a'],
    ['phone', '040 123456', '040 123456'],
    ['phone', '+49 (40) 123-456', '+49 (40) 123-456'],
    ['phone', 'ruf mich an', 'ruf mich an'],
    ['email', 'a@example.org', 'a@example.org'],
    ['email', 'keine-adresse', 'keine-adresse'],
    ['birthDate', '1961-04-12', '1961-04-12'],
    ['birthDate', '12.04.1961', '1961-04-12'],
    ['birthDate', '2026-02-31', '2026-02-31'],
    ['birthDate', '31.02.2026', '2026-02-31'],
  ])('should agree with the API whether %s %j is acceptable', async (field, typed, sent) => {
    const form = await readVolunteerForm(volunteerForm({ [field]: typed }), de);
    const api = await apiAccepts(apiBody({ [field]: sent }));
    expect({ field, typed, form: form.ok }).toEqual({ field, typed, form: api });
  });

  it('should take a radius of half a kilometre, as the API does (the old form refused it)', async () => {
    const form = await readVolunteerForm(volunteerForm({ maxTravelKm: '0,5' }), de);
    expect(form.ok && form.dto.maxTravelKm).toBe(0.5);
    expect(await apiAccepts(apiBody({ maxTravelKm: 0.5 }))).toBe(true);
  });

  it('should refuse a radius of 0 in both, with the form’s words next to the field', async () => {
    const form = await readVolunteerForm(volunteerForm({ maxTravelKm: '0' }), de);
    expect(form).toEqual({
      ok: false,
      problems: [{ field: 'maxTravelKm', message: 'Bitte eine Zahl von 0,5 bis 50.' }],
    });
    expect(await apiAccepts(apiBody({ maxTravelKm: 0 }))).toBe(false);
  });

  it('should build the API’s DTO from the ticks: lowercased email, language levels, weekly slots', async () => {
    const form = await readVolunteerForm(volunteerForm(), translator('tr'));
    expect(form.ok && form.dto).toMatchObject({
      email: 'jonas@example.org',
      languages: [
        { code: 'de', level: 'C2' },
        { code: 'tr', level: 'C1' },
      ],
      availability: [{ weekday: 2, start: '13:00', end: '17:00' }],
      consent: { volunteerPool: true },
    });
  });

  it('should refuse a sign-up without consent, at the consent box, in the page’s language', async () => {
    const form = await readVolunteerForm(volunteerForm({ consent: '' }), translator('en'));
    expect(form).toEqual({
      ok: false,
      problems: [
        { field: 'consent', message: 'Please agree. Without your consent we may not store your details.' },
      ],
    });
  });

  it.each(['languages', 'skills', 'availability'])(
    'should need at least one entry in %s, in the form and in the API alike',
    async (field) => {
      const form = await readVolunteerForm(volunteerForm({ [field]: [] }), de);
      expect(!form.ok && form.problems.map((problem) => problem.field)).toEqual([field]);
      expect(await apiAccepts(apiBody({ [field]: [] }))).toBe(false);
    },
  );

  it('should keep the page’s language for the volunteer’s emails, whichever of the seven it is', async () => {
    const form = await readVolunteerForm(volunteerForm(), translator('uk'));
    expect(form.ok && form.dto.locale).toBe('uk');
  });

  it('should refuse an availability choice that is not on the form', async () => {
    const form = await readVolunteerForm(volunteerForm({ availability: ['9-night'] }), de);
    expect(form.ok).toBe(false);
    expect(!form.ok && form.problems.map((problem) => problem.field)).toEqual(['availability']);
  });
});

describe('the help request forms', () => {
  const helpForm = (overrides: FormValues = {}): FormValues => ({
    category: 'shopping',
    description: 'Wocheneinkauf',
    date: '24.12.2099',
    timeOfDay: 'morning',
    postalCode: '22765',
    name: 'Erika Muster',
    phone: '040 123456',
    consent: 'yes',
    ...overrides,
  });

  it('should turn a German date and a part of day into a one-off schedule', async () => {
    const form = await readHelpRequestForm(helpForm(), 'full', de);
    expect(form.ok && form.dto).toMatchObject({
      schedule: { kind: 'one-off', date: '2099-12-24', start: '09:00', end: '12:00' },
      helpSeeker: {
        name: 'Erika Muster',
        phone: '040 123456',
        preferredContact: 'phone',
        preferredLanguage: 'de',
      },
      consent: { dataProcessing: true },
    });
  });

  it('should make a weekly slot on that weekday when "every week" is ticked', async () => {
    const form = await readHelpRequestForm(helpForm({ weekly: 'yes' }), 'full', de);
    // 24 December 2099 is a Thursday.
    expect(form.ok && form.dto.schedule).toMatchObject({
      kind: 'weekly',
      slots: [{ weekday: 4, start: '09:00', end: '12:00' }],
    });
  });

  it('should name each broken field in the form’s order, with the form’s words', async () => {
    const form = await readHelpRequestForm(
      helpForm({ category: '', date: '31.02.2099', postalCode: '2276', phone: '', consent: '' }),
      'full',
      de,
    );
    expect(!form.ok && form.problems.map((problem) => problem.field)).toEqual([
      'category',
      'date',
      'postalCode',
      'phone',
      'consent',
    ]);
    expect(!form.ok && form.problems.find((problem) => problem.field === 'phone')?.message).toBe(
      'Bitte geben Sie eine Telefonnummer oder eine E-Mail-Adresse an, damit wir Sie erreichen.',
    );
  });

  it('should accept an email address instead of a phone number on the full form only', async () => {
    const values = helpForm({ phone: '', email: 'erika@example.org' });
    const full = await readHelpRequestForm(values, 'full', de);
    expect(full.ok && full.dto.helpSeeker.preferredContact).toBe('email');
    const easy = await readHelpRequestForm(values, 'easy', de);
    expect(!easy.ok && easy.problems.map((problem) => problem.field)).toContain('phone');
  });

  it('should ask a call-back for name, phone and postal code only: no category, no invented schedule', async () => {
    const form = await readCallBackForm(
      { name: 'Call Me', phone: '040 999', postalCode: '22765', consent: 'yes', description: 'Einkauf' },
      translator('en'),
    );
    expect(form.ok && form.dto).toEqual({
      name: 'Call Me',
      phone: '040 999',
      postalCode: '22765',
      note: 'Einkauf',
      preferredLanguage: 'en',
      consent: { dataProcessing: true },
    });
    const bad = await readCallBackForm({ name: 'C', phone: 'abc', postalCode: '1' }, de);
    expect(!bad.ok && bad.problems.map((problem) => problem.field)).toEqual([
      'name',
      'phone',
      'postalCode',
      'consent',
    ]);
  });

  const questions = { atHome: ['visiting'], language: ['interpreting'] };

  it('should ask the language for language mediation only, and require it there', async () => {
    const interpreting = helpForm({ category: 'interpreting', neededLanguage: '' });
    const missing = await readHelpRequestForm(interpreting, 'full', de, questions);
    expect(!missing.ok && missing.problems[0]).toEqual({
      field: 'neededLanguage',
      message: de.t('public.error.neededLanguage'),
    });
    const given = await readHelpRequestForm({ ...interpreting, neededLanguage: 'ar' }, 'full', de, questions);
    expect(given.ok && given.dto.neededLanguage).toBe('ar');
    const shopping = await readHelpRequestForm(
      helpForm({ category: 'shopping', neededLanguage: 'ar' }),
      'full',
      de,
      questions,
    );
    expect(shopping.ok && shopping.dto.neededLanguage).toBeUndefined();
  });

  it('should keep the street for help at home only', async () => {
    const visiting = await readHelpRequestForm(
      helpForm({ category: 'visiting', streetAddress: 'Große Bergstraße 189' }),
      'full',
      de,
      questions,
    );
    expect(visiting.ok && visiting.dto.helpSeeker.streetAddress).toBe('Große Bergstraße 189');
    const walk = await readHelpRequestForm(
      helpForm({ category: 'walk', streetAddress: 'Große Bergstraße 189' }),
      'full',
      de,
      questions,
    );
    expect(walk.ok && walk.dto.helpSeeker.streetAddress).toBeUndefined();
  });
});

describe('the provider sign-up form', () => {
  it('should need the consent tick besides the API’s own rules', async () => {
    const form = await readProviderForm(
      {
        name: 'Seniorentreff',
        contactPerson: 'Aylin Demir',
        email: 'treff@example.org',
        streetAddress: 'Bahrenfelder Straße 12',
        postalCode: '22765',
        fields: ['SEN'],
      },
      de,
    );
    expect(!form.ok && form.problems.map((problem) => problem.field)).toEqual(['consent']);
  });
});

describe('isoDayOf', () => {
  it.each([
    ['24.12.2026', '2026-12-24'],
    ['1.2.2027', '2027-02-01'],
    ['24/12/2026', '2026-12-24'],
    ['2026-12-24', '2026-12-24'],
    ['morgen', 'morgen'],
  ])('should read %s as %s', (typed, iso) => {
    expect(isoDayOf(typed)).toBe(iso);
  });
});
