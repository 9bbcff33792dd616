import { addYears, formatDateDe, hasReachedAge } from './calendar';

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
