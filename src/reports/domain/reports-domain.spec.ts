import { addMonths, monthsOf, parsePeriod } from './period';
import { protect, protectBreakdown, shownValue, suppressSecondary } from './small-numbers';
import { ageBandOf, median, percentile } from './statistics';

describe('report periods', () => {
  const today = '2026-12-04';
  it('defaults to this month and parses month, quarter, year and custom ranges', () => {
    expect(parsePeriod({}, today)).toEqual({
      period: { kind: 'month', from: '2026-12-01', to: '2026-12-31', label: '2026-12' },
    });
    expect(parsePeriod({ kind: 'month', month: '2024-02' }, today)).toMatchObject({
      period: { from: '2024-02-01', to: '2024-02-29' },
    });
    expect(parsePeriod({ kind: 'quarter', quarter: '2026-Q3' }, today)).toMatchObject({
      period: { from: '2026-07-01', to: '2026-09-30' },
    });
    expect(parsePeriod({ kind: 'year', year: '2025' }, today)).toMatchObject({
      period: { from: '2025-01-01', to: '2025-12-31' },
    });
    expect(parsePeriod({ kind: 'custom', from: '2026-01-31', to: '2026-02-02' }, today)).toMatchObject({
      period: { kind: 'custom', from: '2026-01-31', to: '2026-02-02' },
    });
  });
  it('names the field that is wrong', () => {
    expect(parsePeriod({ kind: 'week' }, today)).toEqual({ field: 'kind', problem: 'unknown' });
    expect(parsePeriod({ kind: 'month', month: '2026-13' }, today)).toEqual({
      field: 'month',
      problem: 'invalid',
    });
    expect(parsePeriod({ kind: 'quarter', quarter: '2026-Q5' }, today)).toEqual({
      field: 'quarter',
      problem: 'invalid',
    });
    expect(parsePeriod({ kind: 'year', year: '26' }, today)).toEqual({ field: 'year', problem: 'invalid' });
    expect(parsePeriod({ kind: 'custom', from: '2026-02-30', to: '2026-03-01' }, today)).toEqual({
      field: 'from',
      problem: 'invalid',
    });
    expect(parsePeriod({ kind: 'custom', from: '2026-03-02', to: '2026-03-01' }, today)).toEqual({
      field: 'to',
      problem: 'range',
    });
    expect(parsePeriod({ kind: 'custom', from: '2000-01-01', to: '2026-03-01' }, today)).toEqual({
      field: 'to',
      problem: 'range',
    });
  });
  it('lists the months a period touches and adds calendar months', () => {
    expect(monthsOf({ from: '2025-11-15', to: '2026-02-01' })).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(monthsOf({ from: '2026-01-01', to: '2026-01-31' })).toEqual(['2026-01']);
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2026-03-15', 12)).toBe('2027-03-15');
  });
});

describe('percentiles', () => {
  it('uses the nearest rank, so the result is a real value', () => {
    expect(percentile([], 50)).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2);
    expect(median([1, 2, 3])).toBe(2);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 90)).toBe(90);
    expect(percentile([10, 20, 30], 90)).toBe(30);
    expect(() => percentile([1], 0)).toThrow(RangeError);
  });
  it('puts ages into bands on a given day', () => {
    expect(ageBandOf(null, '2026-01-01')).toBe('not-given');
    expect(ageBandOf('2008-01-02', '2026-01-01')).toBe('under-18');
    expect(ageBandOf('2008-01-01', '2026-01-01')).toBe('18-29');
    expect(ageBandOf('1956-06-01', '2026-01-01')).toBe('50-69');
    expect(ageBandOf('1950-06-01', '2026-01-01')).toBe('70-plus');
  });
});

describe('small-number protection', () => {
  it('shows 1 and 2 as "< 3", and 0 and 3+ as they are', () => {
    expect([0, 1, 2, 3].map((v) => shownValue(protect(v)))).toEqual(['0', '< 3', '< 3', '3']);
  });
  it('hides the next smallest cell when one cell of a column is hidden and the total is shown', () => {
    const table = protectBreakdown(
      [
        { key: 'Ottensen', values: [2, 5] },
        { key: 'Altona-Altstadt', values: [4, 5] },
        { key: 'Bahrenfeld', values: [7, 0] },
      ],
      [13, 10],
    );
    expect(table.rows.map((row) => row.cells.map(shownValue))).toEqual([
      ['< 3', '5'],
      ['< 3', '5'],
      ['7', '0'],
    ]);
    expect(table.rows[1].cells[0].reason).toBe('secondary');
    expect(table.totals.map(shownValue)).toEqual(['13', '10']);
  });
  it('hides the total when no other cell can hide the single small one', () => {
    const total = protect(5);
    const cells = [protect(2), protect(0)];
    // 2 + 0 ≠ 5 cannot happen in a real table, but the rule must still never leave one hidden cell.
    expect(suppressSecondary([{ cells, total }])).toBe(1);
    expect(total.suppressed).toBe(true);
  });
  it('hides one more cell when the hidden small cells are all 2 (or all 1): the total would pin them', () => {
    // The genders of ten new volunteers: female 2, male 3, diverse 2, not given 3. 10 − 3 − 3 = 4
    // over two hidden cells of at most 2 each: both would be 2.
    const table = protectBreakdown(
      [
        { key: 'female', values: [2] },
        { key: 'male', values: [3] },
        { key: 'diverse', values: [2] },
        { key: 'not-given', values: [3] },
      ],
      [10],
    );
    expect(table.rows.map((row) => shownValue(row.cells[0]))).toEqual(['< 3', '< 3', '< 3', '3']);
    expect(table.rows[1].cells[0].reason).toBe('secondary');
    expect(table.totals.map(shownValue)).toEqual(['10']);
    const ones = [protect(1), protect(1), protect(0)];
    const total = protect(2);
    suppressSecondary([{ cells: ones, total }]);
    expect(total.suppressed).toBe(true);
  });
  it('leaves columns alone whose hidden cells the total cannot pin (1 and 2), or with none hidden', () => {
    const table = protectBreakdown(
      [
        { key: 'a', values: [1] },
        { key: 'b', values: [2] },
        { key: 'c', values: [9] },
      ],
      [12],
    );
    expect(table.rows.map((row) => shownValue(row.cells[0]))).toEqual(['< 3', '< 3', '9']);
  });
});
