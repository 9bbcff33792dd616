import { berlinInstant } from './berlin-time';
import type { WeeklySlot } from './schedule';
import { workingDayMinutes, workingMinutesBetween } from './working-time';

const MO_FR_9_17: WeeklySlot[] = ([1, 2, 3, 4, 5] as const).map((weekday) => ({
  weekday,
  start: '09:00',
  end: '17:00',
}));
const at = (date: string, time: string) => berlinInstant(date, time);

describe('workingMinutesBetween', () => {
  it('should count calendar minutes when no opening hours are set', () => {
    expect(workingMinutesBetween(at('2026-12-04', '16:00'), at('2026-12-07', '10:00'), [])).toBe(66 * 60);
  });

  it('should skip the weekend (Fri 16:00 to Mon 10:00 is two working hours)', () => {
    expect(workingMinutesBetween(at('2026-12-04', '16:00'), at('2026-12-07', '10:00'), MO_FR_9_17)).toBe(120);
  });

  it('should count only the open part across midnight (Mon 22:00 to Tue 10:00 is one hour)', () => {
    expect(workingMinutesBetween(at('2026-12-07', '22:00'), at('2026-12-08', '10:00'), MO_FR_9_17)).toBe(60);
  });

  it('should count inside one day and nothing outside opening hours', () => {
    expect(workingMinutesBetween(at('2026-12-08', '10:15'), at('2026-12-08', '11:00'), MO_FR_9_17)).toBe(45);
    expect(workingMinutesBetween(at('2026-12-08', '18:00'), at('2026-12-08', '23:00'), MO_FR_9_17)).toBe(0);
    expect(workingMinutesBetween(at('2026-12-05', '08:00'), at('2026-12-06', '20:00'), MO_FR_9_17)).toBe(0);
  });

  it('should keep 9–17 at eight hours over the spring DST change', () => {
    // Fri 27 March 2026 09:00 to Mon 30 March 17:00: two full days, the clocks changed on Sunday.
    expect(workingMinutesBetween(at('2026-03-27', '09:00'), at('2026-03-30', '17:00'), MO_FR_9_17)).toBe(
      16 * 60,
    );
  });

  it('should follow the wall clock on the night of a change (Sunday 00–06 is five real hours in spring, seven in autumn)', () => {
    const sundayNight: WeeklySlot[] = [{ weekday: 7, start: '00:00', end: '06:00' }];
    expect(workingMinutesBetween(at('2026-03-28', '12:00'), at('2026-03-30', '12:00'), sundayNight)).toBe(
      5 * 60,
    );
    expect(workingMinutesBetween(at('2026-10-24', '12:00'), at('2026-10-26', '12:00'), sundayNight)).toBe(
      7 * 60,
    );
    expect(workingMinutesBetween(at('2026-03-28', '12:00'), at('2026-03-30', '12:00'), [])).toBe(47 * 60);
  });

  it('should count a slot running until midnight', () => {
    const evening: WeeklySlot[] = [{ weekday: 2, start: '18:00', end: '24:00' }];
    expect(workingMinutesBetween(at('2026-12-08', '20:00'), at('2026-12-09', '08:00'), evening)).toBe(4 * 60);
  });

  it('should be zero when the end is not after the start', () => {
    expect(workingMinutesBetween(at('2026-12-08', '10:00'), at('2026-12-08', '09:00'), [])).toBe(0);
    expect(workingMinutesBetween(at('2026-12-08', '10:00'), at('2026-12-08', '10:00'), MO_FR_9_17)).toBe(0);
  });
});

describe('workingDayMinutes', () => {
  it('should be the average opening day, or a calendar day without opening hours', () => {
    expect(workingDayMinutes(MO_FR_9_17)).toBe(480);
    expect(workingDayMinutes([])).toBe(1440);
    expect(
      workingDayMinutes([
        { weekday: 1, start: '09:00', end: '12:00' },
        { weekday: 1, start: '13:00', end: '17:00' },
        { weekday: 3, start: '09:00', end: '12:00' },
      ]),
    ).toBe(300);
  });
});
