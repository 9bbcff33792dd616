import { berlinInstant, berlinWallClock } from '../../shared/berlin-time';
import {
  DEFAULT_QUIET_HOURS,
  earliestSendTime,
  firstAssignmentDate,
  followUpTime,
  nextDigestTime,
  parseQuietHours,
  reminderTime,
  type AssignmentSchedule,
  type SendPreferences,
} from './send-schedule';

const quiet: SendPreferences = { quietHours: DEFAULT_QUIET_HOURS };
const none: SendPreferences = { quietHours: null };
const at = (iso: string): Date => new Date(iso);

describe('berlinInstant', () => {
  it.each([
    ['a winter morning (CET, +1)', '2026-01-15', '10:00', '2026-01-15T09:00:00.000Z'],
    ['a summer morning (CEST, +2)', '2026-07-01', '10:00', '2026-07-01T08:00:00.000Z'],
    ['the last Sunday of March after the change', '2026-03-29', '08:00', '2026-03-29T06:00:00.000Z'],
    ['a time skipped in March (moves an hour on)', '2026-03-29', '02:30', '2026-03-29T01:30:00.000Z'],
    ['the last Sunday of October after the change', '2026-10-25', '08:00', '2026-10-25T07:00:00.000Z'],
    ['a time that happens twice in October (first one)', '2026-10-25', '02:30', '2026-10-25T00:30:00.000Z'],
    ['the last Sunday of March 2027', '2027-03-28', '10:00', '2027-03-28T08:00:00.000Z'],
    ['the last Sunday of October 2027', '2027-10-31', '10:00', '2027-10-31T09:00:00.000Z'],
  ])('should place %s', (_name, date, time, expected) => {
    expect(berlinInstant(date, time).toISOString()).toBe(expected);
  });

  it('should be the inverse of berlinWallClock every half hour through both DST weeks', () => {
    for (const start of ['2026-03-26T00:00:00Z', '2026-10-22T00:00:00Z']) {
      for (let step = 0; step < 7 * 48; step += 1) {
        const instant = new Date(Date.parse(start) + step * 1800_000);
        const wall = berlinWallClock(instant);
        const back = berlinInstant(wall.date, wall.time);
        // In the doubled October hour both instants read the same; the first one is returned.
        expect(instant.getTime() - back.getTime()).toBeGreaterThanOrEqual(0);
        expect(instant.getTime() - back.getTime()).toBeLessThanOrEqual(3600_000);
        expect(berlinWallClock(back)).toEqual(wall);
      }
    }
  });
});

describe('parseQuietHours', () => {
  it.each([
    ['21:00-08:00', { start: '21:00', end: '08:00' }],
    ['12:00-14:30', { start: '12:00', end: '14:30' }],
    [null, null],
    ['', null],
    ['21:00-21:00', null],
    ['25:00-08:00', null],
    ['9:00-10:00', null],
  ])('should read %p as %p', (stored, expected) => {
    expect(parseQuietHours(stored)).toEqual(expected);
  });
});

describe('earliestSendTime', () => {
  it.each([
    ['midday in winter', '2026-11-21T12:00:00Z', quiet, '2026-11-21T12:00:00.000Z'],
    ['21:30 in winter (evening part)', '2026-11-21T20:30:00Z', quiet, '2026-11-22T07:00:00.000Z'],
    ['exactly 21:00 (start is quiet)', '2026-11-21T20:00:00Z', quiet, '2026-11-22T07:00:00.000Z'],
    ['07:59 (morning part)', '2026-11-21T06:59:00Z', quiet, '2026-11-21T07:00:00.000Z'],
    ['exactly 08:00 (end is not quiet)', '2026-11-21T07:00:00Z', quiet, '2026-11-21T07:00:00.000Z'],
    ['20:59 (just before)', '2026-11-21T19:59:00Z', quiet, '2026-11-21T19:59:00.000Z'],
    ['21:30 in summer (CEST)', '2026-07-01T19:30:00Z', quiet, '2026-07-02T06:00:00.000Z'],
    ['Saturday night before the March change', '2026-03-28T21:00:00Z', quiet, '2026-03-29T06:00:00.000Z'],
    ['the March change night itself, 03:30 CEST', '2026-03-29T01:30:00Z', quiet, '2026-03-29T06:00:00.000Z'],
    ['Saturday night before the October change', '2026-10-24T20:00:00Z', quiet, '2026-10-25T07:00:00.000Z'],
    ['the doubled October hour', '2026-10-25T00:30:00Z', quiet, '2026-10-25T07:00:00.000Z'],
    ['the Friday before the October change', '2026-10-23T20:00:00Z', quiet, '2026-10-24T06:00:00.000Z'],
    ['no quiet hours at 23:00', '2026-11-21T22:00:00Z', none, '2026-11-21T22:00:00.000Z'],
    [
      'a daytime window (12:00-14:00) at 12:30',
      '2026-11-21T11:30:00Z',
      { quietHours: { start: '12:00', end: '14:00' } },
      '2026-11-21T13:00:00.000Z',
    ],
    [
      'a daytime window (12:00-14:00) at 22:00',
      '2026-11-21T21:00:00Z',
      { quietHours: { start: '12:00', end: '14:00' } },
      '2026-11-21T21:00:00.000Z',
    ],
  ])('should send a message asked for at %s at the right time', (_name, now, prefs, expected) => {
    expect(earliestSendTime(at(now), prefs).toISOString()).toBe(expected);
  });

  it('should never send earlier than asked and never inside quiet hours (every 10 minutes of a DST week)', () => {
    for (const start of ['2026-03-25T00:00:00Z', '2026-10-21T00:00:00Z']) {
      for (let step = 0; step < 7 * 144; step += 1) {
        const now = new Date(Date.parse(start) + step * 600_000);
        const send = earliestSendTime(now, quiet);
        const { minutes } = berlinWallClock(send);
        expect(send.getTime()).toBeGreaterThanOrEqual(now.getTime());
        expect(minutes >= 8 * 60 && minutes < 21 * 60).toBe(true);
        expect(send.getTime() - now.getTime()).toBeLessThanOrEqual(12 * 3600_000);
      }
    }
  });
});

describe('nextDigestTime', () => {
  it.each([
    ['in the morning: today at 17:00', '2026-11-21T10:00:00Z', none, '2026-11-21T16:00:00.000Z'],
    ['after 17:00: tomorrow at 17:00', '2026-11-21T16:30:00Z', none, '2026-11-22T16:00:00.000Z'],
    ['exactly 17:00: tomorrow', '2026-11-21T16:00:00Z', none, '2026-11-22T16:00:00.000Z'],
    ['in summer', '2026-07-01T09:00:00Z', none, '2026-07-01T15:00:00.000Z'],
    ['across the October change', '2026-10-24T16:00:00Z', none, '2026-10-25T16:00:00.000Z'],
    [
      'with quiet hours over 17:00',
      '2026-11-21T10:00:00Z',
      { quietHours: { start: '16:00', end: '18:30' } },
      '2026-11-21T17:30:00.000Z',
    ],
  ])('should batch offers %s', (_name, now, prefs, expected) => {
    expect(nextDigestTime(at(now), prefs).toISOString()).toBe(expected);
  });
});

describe('reminder and follow-up', () => {
  const oneOff = (date: string): AssignmentSchedule => ({
    kind: 'one-off',
    date,
    start: '10:00',
    end: '11:30',
  });
  const mondays: AssignmentSchedule = {
    kind: 'weekly',
    slots: [{ weekday: 1, start: '15:00', end: '16:30' }],
  };

  it.each([
    [
      'a winter one-off',
      oneOff('2026-12-03'),
      '2026-11-21T12:00:00Z',
      '2026-12-02T09:00:00.000Z',
      '2026-12-04T09:00:00.000Z',
    ],
    [
      'a one-off on the March change Sunday',
      oneOff('2026-03-29'),
      '2026-03-20T12:00:00Z',
      '2026-03-28T09:00:00.000Z',
      '2026-03-30T08:00:00.000Z',
    ],
    [
      'a one-off the day after the March change',
      oneOff('2026-03-30'),
      '2026-03-20T12:00:00Z',
      '2026-03-29T08:00:00.000Z',
      '2026-03-31T08:00:00.000Z',
    ],
    [
      'a one-off the day after the October change',
      oneOff('2026-10-26'),
      '2026-10-20T12:00:00Z',
      '2026-10-25T09:00:00.000Z',
      '2026-10-27T09:00:00.000Z',
    ],
    [
      'accepted after the reminder time',
      oneOff('2026-11-22'),
      '2026-11-21T12:00:00Z',
      null,
      '2026-11-23T09:00:00.000Z',
    ],
    [
      'weekly on Mondays, accepted on a Wednesday',
      mondays,
      '2026-11-18T12:00:00Z',
      '2026-11-22T09:00:00.000Z',
      '2026-12-21T09:00:00.000Z',
    ],
  ])('should schedule %s', (_name, schedule, acceptedAt, reminder, followUp) => {
    expect(reminderTime(schedule, at(acceptedAt), quiet)?.toISOString() ?? null).toBe(reminder);
    expect(followUpTime(schedule, at(acceptedAt), quiet)?.toISOString() ?? null).toBe(followUp);
  });

  it('should start a weekly assignment on the next matching day, never today', () => {
    // 2026-11-23 is a Monday.
    expect(firstAssignmentDate(mondays, at('2026-11-23T08:00:00Z'))).toBe('2026-11-30');
    expect(firstAssignmentDate({ kind: 'weekly', slots: [] }, at('2026-11-23T08:00:00Z'))).toBeNull();
  });

  it('should follow up at once (outside quiet hours) when the date already lies in the past', () => {
    expect(followUpTime(oneOff('2026-11-01'), at('2026-11-21T12:00:00Z'), quiet)?.toISOString()).toBe(
      '2026-11-21T12:00:00.000Z',
    );
  });
});
