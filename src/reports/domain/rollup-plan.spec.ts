import {
  calendarPeriodsOf,
  chunked,
  closedPeriodsSince,
  closedPeriodsTouching,
  dayRanges,
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
});
