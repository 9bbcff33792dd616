import {
  calendarPeriodsOf,
  chunked,
  closedPeriodsSince,
  closedPeriodsTouching,
  dayRanges,
  monthsAmong,
  periodSpans,
  wholeMonths,
  readPlan,
} from './rollup-plan';

describe('report rollup plan', () => {
  it('names the month, quarter and year of a day', () => {
    expect(calendarPeriodsOf('2024-02-29')).toEqual([
      { from: '2024-02-01', to: '2024-02-29' },
      { from: '2024-01-01', to: '2024-03-31' },
      { from: '2024-01-01', to: '2024-12-31' },
    ]);
    expect(calendarPeriodsOf('2025-12-31')[1]).toEqual({ from: '2025-10-01', to: '2025-12-31' });
  });

  it('recomputes only periods that have ended before today, each once', () => {
    const periods = closedPeriodsTouching(['2026-11-30', '2026-11-02', '2026-12-01'], '2026-12-04');
    // November is closed; Q4 and 2026 are not; December is not.
    expect(periods).toEqual([{ from: '2026-11-01', to: '2026-11-30' }]);
    expect(closedPeriodsTouching(['2025-12-31'], '2026-01-01')).toHaveLength(3);
    expect(closedPeriodsSince('2025-11-15', '2026-01-02')).toEqual([
      { from: '2025-01-01', to: '2025-12-31' },
      { from: '2025-10-01', to: '2025-12-31' },
      { from: '2025-11-01', to: '2025-11-30' },
      { from: '2025-12-01', to: '2025-12-31' },
    ]);
    expect(closedPeriodsSince('2026-12-04', '2026-12-04')).toEqual([]);
  });

  it('merges days into ranges and cuts long ranges', () => {
    expect(dayRanges(['2025-03-01', '2025-02-28', '2025-02-28', '2025-03-05'])).toEqual([
      { from: '2025-02-28', until: '2025-03-02' },
      { from: '2025-03-05', until: '2025-03-06' },
    ]);
    expect(chunked({ from: '2025-01-01', until: '2025-01-08' }, 3)).toEqual([
      { from: '2025-01-01', until: '2025-01-04' },
      { from: '2025-01-04', until: '2025-01-07' },
      { from: '2025-01-07', until: '2025-01-08' },
    ]);
  });

  it('reads the rollup up to where it reaches, and everything live when a day is dirty', () => {
    expect(readPlan('2026-11-01', '2026-12-01', { coveredUntil: '2026-12-04', dirty: false })).toEqual({
      rolledUntil: '2026-12-01',
    });
    expect(readPlan('2026-12-01', '2027-01-01', { coveredUntil: '2026-12-04', dirty: false })).toEqual({
      rolledUntil: '2026-12-04',
    });
    expect(readPlan('2026-11-01', '2026-12-01', { coveredUntil: '2026-12-04', dirty: true })).toBeNull();
    expect(readPlan('2026-12-05', '2027-01-01', { coveredUntil: '2026-12-04', dirty: false })).toBeNull();
    expect(readPlan('2026-11-01', '2026-12-01', { coveredUntil: null, dirty: false })).toBeNull();
  });

  it('groups closed periods into spans of history that the grouped queries read once', () => {
    const backfill = periodSpans(closedPeriodsSince('2024-11-15', '2026-03-02'));
    expect(backfill).toHaveLength(1);
    expect(backfill[0].span).toEqual({ from: '2024-01-01', until: '2026-03-01' });
    // 2024, Q4 2024, Nov and Dec 2024; 2025 with its 4 quarters and 12 months; Jan and Feb 2026 (Q1 is open).
    expect(backfill[0].periods).toHaveLength(4 + 17 + 2);
    // A late edit in March 2024 and the recent days of a run on 2 March 2026: two spans.
    const late = periodSpans(closedPeriodsTouching(['2024-03-10', '2026-02-28', '2026-03-01'], '2026-03-02'));
    expect(late.map((each) => each.span)).toEqual([
      { from: '2024-01-01', until: '2025-01-01' },
      { from: '2026-02-01', until: '2026-03-01' },
    ]);
    expect(late[0].periods).toEqual([
      { from: '2024-01-01', to: '2024-03-31' },
      { from: '2024-01-01', to: '2024-12-31' },
      { from: '2024-03-01', to: '2024-03-31' },
    ]);
    // Touching periods share a span; an empty list has none.
    expect(
      periodSpans([
        { from: '2025-02-01', to: '2025-02-28' },
        { from: '2025-01-01', to: '2025-01-31' },
      ]).map((each) => each.span),
    ).toEqual([{ from: '2025-01-01', until: '2025-03-01' }]);
    expect(periodSpans([])).toEqual([]);
  });

  it('reads whole months from the monthly sums and only the edges by day', () => {
    expect(wholeMonths('2025-01-15', '2025-03-11')).toEqual({
      monthsFrom: '2025-02-01',
      monthsUntil: '2025-03-01',
    });
    expect(wholeMonths('2025-01-01', '2026-01-01')).toEqual({
      monthsFrom: '2025-01-01',
      monthsUntil: '2026-01-01',
    });
    expect(wholeMonths('2025-11-15', '2026-02-01')).toEqual({
      monthsFrom: '2025-12-01',
      monthsUntil: '2026-02-01',
    });
    // No whole month: all days are edges.
    expect(wholeMonths('2025-01-15', '2025-02-15')).toEqual({
      monthsFrom: '2025-02-15',
      monthsUntil: '2025-02-15',
    });
    expect(wholeMonths('2026-12-01', '2026-12-04')).toEqual({
      monthsFrom: '2026-12-04',
      monthsUntil: '2026-12-04',
    });
    expect(monthsAmong(closedPeriodsSince('2025-11-15', '2026-01-02'))).toEqual(['2025-11-01', '2025-12-01']);
  });
});
