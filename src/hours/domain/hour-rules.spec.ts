import {
  checkHourInput,
  formatMinutes,
  latestOccurrence,
  parseTarget,
  proofPeriod,
  targetValue,
  totalsByYear,
} from './hour-rules';
import { DEFAULT_HOURS_SETTINGS, thresholdMet, validateHoursSettings } from './hours-settings';

const ID = '0d7e5f1c-1111-4222-8333-944455556666';
const TODAY = '2026-12-04';

describe('hour rules', () => {
  const good = { workedOn: '2026-12-01', minutes: 90, activity: ' Einkauf ', target: 'general' };

  it('should accept a day in the past, free minutes and a trimmed activity', () => {
    expect(checkHourInput(good, TODAY)).toEqual({
      ok: true,
      value: { workedOn: '2026-12-01', minutes: 90, activity: 'Einkauf', target: { kind: 'general' } },
    });
    expect(checkHourInput({ ...good, minutes: 7, workedOn: TODAY }, TODAY).ok).toBe(true);
    expect(checkHourInput({ ...good, minutes: 1440, activity: undefined }, TODAY).ok).toBe(true);
  });

  it('should name every broken field', () => {
    const check = checkHourInput(
      { workedOn: '2026-02-30', minutes: 0, activity: 'x'.repeat(201), target: 'match:nope' },
      TODAY,
    );
    expect(check).toEqual({
      ok: false,
      problems: [
        { field: 'workedOn', code: 'date-invalid' },
        { field: 'minutes', code: 'minutes-invalid' },
        { field: 'activity', code: 'activity-too-long' },
        { field: 'target', code: 'target-invalid' },
      ],
    });
  });

  it('should refuse the future, days older than 400 days, more than a day and fractions', () => {
    const problems = (input: Record<string, unknown>) => {
      const check = checkHourInput({ ...good, ...input }, TODAY);
      return check.ok ? [] : check.problems.map((problem) => problem.code);
    };
    expect(problems({ workedOn: '2026-12-05' })).toEqual(['date-future']);
    expect(problems({ workedOn: '2025-10-29' })).toEqual(['date-too-old']);
    expect(problems({ workedOn: '2025-10-30' })).toEqual([]);
    expect(problems({ minutes: 1441 })).toEqual(['minutes-invalid']);
    expect(problems({ minutes: 1.5 })).toEqual(['minutes-invalid']);
    expect(problems({ minutes: '60' })).toEqual(['minutes-invalid']);
  });

  it('should read targets in one spelling only', () => {
    expect(parseTarget(`match:${ID}`)).toEqual({ kind: 'match', id: ID });
    expect(parseTarget(`placement:${ID}`)).toEqual({ kind: 'placement', id: ID });
    expect(parseTarget('general')).toEqual({ kind: 'general' });
    expect(parseTarget(`match:${ID}:x`)).toBeNull();
    expect(parseTarget(`other:${ID}`)).toBeNull();
    expect(parseTarget(`match:${ID.toUpperCase()}`)).toBeNull();
    expect(parseTarget(undefined)).toBeNull();
    expect(targetValue({ kind: 'placement', id: ID })).toBe(`placement:${ID}`);
  });

  it('should find the latest weekly day on or before today, not before the start', () => {
    // 2026-12-04 is a Friday (5); Tuesday (2) was 2026-12-01.
    expect(latestOccurrence([2], TODAY, null)).toBe('2026-12-01');
    expect(latestOccurrence([5], TODAY, null)).toBe(TODAY);
    expect(latestOccurrence([2, 4], TODAY, null)).toBe('2026-12-03');
    expect(latestOccurrence([2], TODAY, '2026-12-02')).toBeNull();
    expect(latestOccurrence([], TODAY, null)).toBeNull();
  });

  it('should total approved minutes per year and key, newest year first', () => {
    expect(
      totalsByYear([
        { workedOn: '2025-12-31', minutes: 30, key: 'general' },
        { workedOn: '2026-01-01', minutes: 60, key: 'category:shopping' },
        { workedOn: '2026-03-01', minutes: 45, key: 'category:shopping' },
        { workedOn: '2026-03-02', minutes: 120, key: 'general' },
      ]),
    ).toEqual([
      {
        year: 2026,
        minutes: 225,
        byKey: [
          { key: 'general', minutes: 120 },
          { key: 'category:shopping', minutes: 105 },
        ],
      },
      { year: 2025, minutes: 30, byKey: [{ key: 'general', minutes: 30 }] },
    ]);
    expect(formatMinutes(125)).toBe('2:05');
  });

  it('should take a year or a period of at most five years for the proof', () => {
    expect(proofPeriod({}, TODAY)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(proofPeriod({ year: '2025' }, TODAY)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(proofPeriod({ from: '2026-03-01', to: '2026-06-30' }, TODAY)).toEqual({
      from: '2026-03-01',
      to: '2026-06-30',
    });
    expect(proofPeriod({ year: '20x5' }, TODAY)).toBeNull();
    expect(proofPeriod({ from: '2026-06-30', to: '2026-03-01' }, TODAY)).toBeNull();
    expect(proofPeriod({ from: '2016-01-01', to: '2026-01-01' }, TODAY)).toBeNull();
    expect(proofPeriod({ from: '2026-01-01' }, TODAY)).toBeNull();
  });
});

describe('hours settings', () => {
  it('should merge valid changes and name bad fields', () => {
    expect(validateHoursSettings({ hoursPerYear: 80 }, DEFAULT_HOURS_SETTINGS)).toEqual({
      ok: true,
      settings: { ...DEFAULT_HOURS_SETTINGS, hoursPerYear: 80 },
    });
    const check = validateHoursSettings(
      { hoursPerYear: -1, cardName: 3, other: true },
      DEFAULT_HOURS_SETTINGS,
    );
    expect(check.ok ? [] : check.errors.map((error) => error.field)).toEqual([
      'hoursPerYear',
      'cardName',
      'other',
    ]);
    expect(validateHoursSettings([], DEFAULT_HOURS_SETTINGS).ok).toBe(false);
  });

  it('should state the threshold only when there is one', () => {
    expect(thresholdMet({ cardName: 'Karte', hoursPerYear: 100 }, 6000)).toBe(true);
    expect(thresholdMet({ cardName: 'Karte', hoursPerYear: 100 }, 5999)).toBe(false);
    expect(thresholdMet({ cardName: 'Karte', hoursPerYear: 0 }, 6000)).toBeNull();
    expect(thresholdMet({ cardName: '', hoursPerYear: 100 }, 6000)).toBeNull();
  });
});
