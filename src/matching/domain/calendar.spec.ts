import { addYears, agencyDate, formatDateDe, hasReachedAge } from './calendar';

describe('agencyDate', () => {
  it.each([
    ['2026-03-10T10:00:00Z', '2026-03-10'],
    ['2026-03-10T22:59:59Z', '2026-03-10'],
    ['2026-03-10T23:00:00Z', '2026-03-11'],
    ['2026-07-01T21:59:59Z', '2026-07-01'],
    ['2026-07-01T22:00:00Z', '2026-07-02'],
    // Around the switches: 29 March 2026 01:00 UTC and 25 October 2026 01:00 UTC.
    ['2026-03-28T22:59:59Z', '2026-03-28'],
    ['2026-03-28T23:00:00Z', '2026-03-29'],
    ['2026-03-29T21:59:59Z', '2026-03-29'],
    ['2026-03-29T22:00:00Z', '2026-03-30'],
    ['2026-10-24T21:59:59Z', '2026-10-24'],
    ['2026-10-24T22:00:00Z', '2026-10-25'],
    ['2026-10-25T22:59:59Z', '2026-10-25'],
    ['2026-10-25T23:00:00Z', '2026-10-26'],
    ['2026-12-31T23:00:00Z', '2027-01-01'],
  ])('should put %s on the Berlin date %s', (instant, date) => {
    expect(agencyDate(new Date(instant))).toBe(date);
  });

  it('should not depend on the process time zone', () => {
    const original = process.env.TZ;
    try {
      for (const zone of ['Pacific/Kiritimati', 'America/Adak', 'UTC']) {
        process.env.TZ = zone;
        expect(agencyDate(new Date('2026-03-10T23:30:00Z'))).toBe('2026-03-11');
      }
    } finally {
      if (original === undefined) {
        delete process.env.TZ;
      } else {
        process.env.TZ = original;
      }
    }
  });
});

describe('addYears / hasReachedAge', () => {
  it.each([
    ['2021-03-10', 5, '2026-03-10'],
    ['2020-02-29', 5, '2025-02-29'],
    ['0999-01-01', 1, '1000-01-01'],
  ])('should add to %s %p years as %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });

  it.each<[string, number, string, boolean]>([
    ['2008-03-10', 18, '2026-03-09', false],
    ['2008-03-10', 18, '2026-03-10', true],
    ['2008-02-29', 18, '2026-02-28', false],
    ['2008-02-29', 18, '2026-03-01', true],
    ['2004-02-29', 18, '2022-02-28', false],
    ['2004-02-29', 20, '2024-02-29', true],
  ])('should know whether someone born %s is %p on %s', (birthDate, age, today, expected) => {
    expect(hasReachedAge(birthDate, age, today)).toBe(expected);
  });
});

describe('formatDateDe', () => {
  it('should write the German date', () => {
    expect(formatDateDe('2026-11-30')).toBe('30.11.2026');
  });
});
