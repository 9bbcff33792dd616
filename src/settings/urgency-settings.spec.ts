import { berlinInstant } from '../shared/berlin-time';
import {
  DEFAULT_URGENCY_SETTINGS,
  overdueMinutes,
  validateUrgencySettings,
  type UrgencySettings,
} from './urgency-settings';

const officeHours: UrgencySettings = {
  ...DEFAULT_URGENCY_SETTINGS,
  openingHours: ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
};

describe('validateUrgencySettings', () => {
  it('should merge a partial change into the current settings', () => {
    const check = validateUrgencySettings(
      { thresholds: { high: { amount: 2 } }, openingHours: [{ weekday: 2, start: '09:00', end: '12:00' }] },
      DEFAULT_URGENCY_SETTINGS,
    );
    expect(check).toEqual({
      ok: true,
      settings: {
        thresholds: { ...DEFAULT_URGENCY_SETTINGS.thresholds, high: { amount: 2, unit: 'hours' } },
        openingHours: [{ weekday: 2, start: '09:00', end: '12:00' }],
      },
    });
  });

  it.each([
    [{ thresholds: { high: { amount: 0, unit: 'hours' } } }, 'thresholds.high.amount'],
    [{ thresholds: { normal: { amount: 2.5 } } }, 'thresholds.normal.amount'],
    [{ thresholds: { low: { amount: 61, unit: 'days' } } }, 'thresholds.low.amount'],
    [{ thresholds: { low: { amount: 1, unit: 'weeks' } } }, 'thresholds.low.unit'],
    [{ thresholds: { urgent: { amount: 1 } } }, 'thresholds.urgent'],
    [{ openingHours: [{ weekday: 8, start: '09:00', end: '17:00' }] }, 'openingHours'],
    [{ openingHours: [{ weekday: 1, start: '17:00', end: '09:00' }] }, 'openingHours'],
    [
      {
        openingHours: [
          { weekday: 1, start: '09:00', end: '13:00' },
          { weekday: 1, start: '12:00', end: '17:00' },
        ],
      },
      'openingHours',
    ],
    [{ colour: 'red' }, 'colour'],
  ])('should refuse %j naming %s', (input, field) => {
    const check = validateUrgencySettings(input, DEFAULT_URGENCY_SETTINGS);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.errors.map((error) => error.field)).toContain(field);
  });
});

describe('overdueMinutes', () => {
  const at = (date: string, time: string) => berlinInstant(date, time);

  it('should say by how much a high-urgency request is past 4 hours, in calendar time without opening hours', () => {
    expect(
      overdueMinutes(at('2026-12-08', '08:00'), at('2026-12-08', '13:30'), 'high', DEFAULT_URGENCY_SETTINGS),
    ).toBe(90);
    expect(
      overdueMinutes(at('2026-12-08', '08:00'), at('2026-12-08', '11:00'), 'high', DEFAULT_URGENCY_SETTINGS),
    ).toBeNull();
  });

  it('should count two working days of a normal request in opening hours only', () => {
    // Friday 16:00 → two working days (16 h: Fri 1 h, Mon 8 h, Tue 7 h) end on Tuesday 16:00.
    expect(
      overdueMinutes(at('2026-12-04', '16:00'), at('2026-12-08', '16:00'), 'normal', officeHours),
    ).toBeNull();
    expect(overdueMinutes(at('2026-12-04', '16:00'), at('2026-12-09', '10:00'), 'normal', officeHours)).toBe(
      120,
    );
  });
});
