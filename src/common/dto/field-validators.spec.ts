import { isPlausibleBirthDate } from './field-validators';

describe('isPlausibleBirthDate', () => {
  const today = '2026-12-04';

  it.each([
    ['1961-04-12', true],
    ['2012-12-04', true], // 14 today
    ['2012-12-05', false], // 14 tomorrow
    ['1916-12-05', true], // 109
    ['1916-12-04', false], // 110 today
    ['2027-01-01', false], // the future
    ['1980-02-30', false], // no such day
    ['12.04.1961', false], // not ISO (the form turns German dates into ISO first)
    ['', false],
  ])('%s → %s', (date, expected) => {
    expect(isPlausibleBirthDate(date, today)).toBe(expected);
  });

  it('should refuse anything that is not a string', () => {
    expect(isPlausibleBirthDate(19610412, today)).toBe(false);
    expect(isPlausibleBirthDate(null, today)).toBe(false);
  });
});
