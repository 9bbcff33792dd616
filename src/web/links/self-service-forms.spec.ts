import { translator } from '../../i18n';
import { readPreferencesForm, readProfileForm } from './self-service-forms';

const de = translator('de');

const profileForm = {
  phone: '040 123456',
  postalCode: '22765',
  maxTravelKm: '3',
  languages: ['de', 'tr'],
  skills: 'shopping',
  availability: ['2-morning', '5-afternoon'],
};

const settingsForm = {
  offerDelivery: 'daily-digest',
  maxOffersPerWeek: '2',
  awayUntil: '',
  quietStart: '22:00',
  quietEnd: '07:30',
  locale: 'de',
};

describe('the self-service forms, read through the API DTOs', () => {
  it('should turn the profile form into the profile the service saves', async () => {
    await expect(readProfileForm(profileForm, de)).resolves.toEqual({
      ok: true,
      dto: {
        phone: '040 123456',
        postalCode: '22765',
        maxTravelKm: 3,
        languageCodes: ['de', 'tr'],
        skills: ['shopping'],
        availability: [
          { weekday: 2, start: '09:00', end: '12:00' },
          { weekday: 5, start: '13:00', end: '17:00' },
        ],
      },
    });
  });

  it('should accept the 0.5 km radius that staff may set through the API, written with a comma', async () => {
    const read = await readProfileForm({ ...profileForm, maxTravelKm: '0,5' }, de);
    expect(read.ok && read.dto.maxTravelKm).toBe(0.5);
  });

  it('should name each broken profile field once, in the reader language', async () => {
    const read = await readProfileForm(
      { ...profileForm, postalCode: '123', maxTravelKm: '80', availability: ['9-night'], phone: '' },
      de,
    );
    expect(read.ok).toBe(false);
    const problems = read.ok ? [] : read.problems;
    expect(problems.map((problem) => problem.field).sort()).toEqual([
      'availability',
      'maxTravelKm',
      'postalCode',
    ]);
    expect(problems.find((problem) => problem.field === 'postalCode')?.message).toContain('5 Ziffern');
  });

  it('should refuse a profile without a language, a skill or a time', async () => {
    const read = await readProfileForm({ ...profileForm, languages: [], skills: [], availability: [] }, de);
    expect(read.ok ? [] : read.problems.map((problem) => problem.field).sort()).toEqual([
      'availability',
      'languageCodes',
      'skills',
    ]);
  });

  it.each(['de', 'en', 'tr', 'ar', 'uk', 'ru', 'fa'])('should accept %s as the language', async (locale) => {
    const read = await readPreferencesForm({ ...settingsForm, locale }, de);
    expect(read.ok && read.dto.locale).toBe(locale);
  });

  it('should turn the settings form into stored preferences, quiet hours as one window', async () => {
    await expect(readPreferencesForm(settingsForm, de)).resolves.toEqual({
      ok: true,
      dto: {
        offerDelivery: 'daily-digest',
        maxOffersPerWeek: 2,
        awayUntil: null,
        quietHours: '22:00-07:30',
        locale: 'de',
      },
    });
  });

  it.each([
    ['an unknown language', { locale: 'xx' }, 'locale'],
    ['no language', { locale: '' }, 'locale'],
    ['no number a week', { maxOffersPerWeek: '' }, 'maxOffersPerWeek'],
    ['an unknown delivery', { offerDelivery: 'weekly' }, 'offerDelivery'],
    ['no delivery', { offerDelivery: '' }, 'offerDelivery'],
    ['more than 30 a week', { maxOffersPerWeek: '31' }, 'maxOffersPerWeek'],
    ['a date that does not exist', { awayUntil: '2026-02-30' }, 'awayUntil'],
    ['only a start of the quiet hours', { quietEnd: '' }, 'quietHours'],
    ['quiet hours that start when they end', { quietEnd: '22:00' }, 'quietHours'],
  ])('should refuse %s, naming the field', async (_case, change, field) => {
    const read = await readPreferencesForm({ ...settingsForm, ...change }, de);
    expect(read.ok ? [] : read.problems.map((problem) => problem.field)).toEqual([field]);
  });
});
