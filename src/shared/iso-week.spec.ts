import { isoWeekOf, mondayOf, mondayOfIsoWeek, mondayOfWeekParam, weekInstants } from './iso-week';

describe('ISO weeks', () => {
  it.each([
    ['2026-12-07', '2026-W50'],
    ['2026-12-13', '2026-W50'],
    ['2027-01-01', '2026-W53'],
    ['2026-01-01', '2026-W01'],
    ['2024-12-30', '2025-W01'],
  ])('should put %s in %s', (date, week) => {
    expect(isoWeekOf(date)).toBe(week);
  });

  it('should find the Monday of a week and of a day', () => {
    expect(mondayOfIsoWeek('2026-W50')).toBe('2026-12-07');
    expect(mondayOfIsoWeek('2026-W53')).toBe('2026-12-28');
    expect(mondayOf('2026-12-10')).toBe('2026-12-07');
    expect(mondayOfWeekParam({ from: '2026-12-10' })).toBe('2026-12-07');
  });

  it.each(['2025-W53', '2026-W00', '2026-W54', '2026-50', 'W50', ''])('should refuse %j', (week) => {
    expect(mondayOfIsoWeek(week)).toBeNull();
  });

  it('should refuse a date that does not exist', () => {
    expect(mondayOfWeekParam({ from: '2026-02-30' })).toBeNull();
  });

  it('should make the week of the autumn change 169 hours long', () => {
    const { start, end } = weekInstants('2026-10-19');
    expect(start.toISOString()).toBe('2026-10-18T22:00:00.000Z');
    expect(end.toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(169);
  });
});
