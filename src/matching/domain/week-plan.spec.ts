import type { RequestSchedule } from '../../shared/schedule';
import { clashCount, weekPlan, type WeekAssignment } from './week-plan';

const assignment = (
  matchId: string,
  volunteerId: string,
  schedule: RequestSchedule,
  firstDate: string | null = null,
  lastDate: string | null = null,
): WeekAssignment => ({ matchId, volunteerId, schedule, firstDate, lastDate });

const oneOff = (date: string, start: string, end: string): RequestSchedule => ({
  kind: 'one-off',
  date,
  start,
  end,
});

const summary = (assignments: WeekAssignment[], monday: string) =>
  weekPlan(assignments, monday).flatMap((day) =>
    day.occurrences.map(
      (o) => `${o.date} ${o.start}-${o.end} ${o.assignment.matchId}${o.clashesWith.length ? ' clash' : ''}`,
    ),
  );

describe('weekPlan', () => {
  const monday = '2026-12-07';

  it('should give seven days from Monday even when empty', () => {
    const days = weekPlan([], monday);
    expect(days.map((day) => day.date)).toEqual([
      '2026-12-07',
      '2026-12-08',
      '2026-12-09',
      '2026-12-10',
      '2026-12-11',
      '2026-12-12',
      '2026-12-13',
    ]);
  });

  it('should place a one-off on its date and leave out one-offs outside the week', () => {
    expect(
      summary(
        [
          assignment('in', 'v1', oneOff('2026-12-09', '10:00', '11:00'), '2026-12-09'),
          assignment('before', 'v1', oneOff('2026-12-06', '10:00', '11:00'), '2026-12-06'),
          assignment('after', 'v1', oneOff('2026-12-14', '10:00', '11:00'), '2026-12-14'),
        ],
        monday,
      ),
    ).toEqual(['2026-12-09 10:00-11:00 in']);
  });

  it('should start weekly help on its first date in mid-week', () => {
    const weekly: RequestSchedule = {
      kind: 'weekly',
      from: '2026-12-09',
      slots: [
        { weekday: 1, start: '09:00', end: '10:00' },
        { weekday: 4, start: '14:00', end: '16:00' },
      ],
    };
    // Monday is before the first date (Thursday 10.12.), so only Thursday counts this week.
    expect(summary([assignment('w', 'v1', weekly, '2026-12-10')], monday)).toEqual([
      '2026-12-10 14:00-16:00 w',
    ]);
    // The week after: both slots.
    expect(summary([assignment('w', 'v1', weekly, '2026-12-10')], '2026-12-14')).toEqual([
      '2026-12-14 09:00-10:00 w',
      '2026-12-17 14:00-16:00 w',
    ]);
  });

  it('should end weekly help on the day its request was closed', () => {
    const weekly: RequestSchedule = {
      kind: 'weekly',
      slots: [
        { weekday: 1, start: '09:00', end: '10:00' },
        { weekday: 5, start: '09:00', end: '10:00' },
      ],
    };
    expect(summary([assignment('w', 'v1', weekly, '2026-11-02', '2026-12-09')], monday)).toEqual([
      '2026-12-07 09:00-10:00 w',
    ]);
  });

  it('should keep wall-clock times in the week clocks go back', () => {
    const weekly: RequestSchedule = { kind: 'weekly', slots: [{ weekday: 7, start: '02:00', end: '03:30' }] };
    // 25.10.2026 is the last Sunday of October: 02:00–03:00 happens twice, the slot stays as agreed.
    expect(summary([assignment('w', 'v1', weekly, '2026-10-01')], '2026-10-19')).toEqual([
      '2026-10-25 02:00-03:30 w',
    ]);
    // And in spring (29.03.2026): the day still has its slot.
    expect(summary([assignment('w', 'v1', weekly, '2026-03-01')], '2026-03-23')).toEqual([
      '2026-03-29 02:00-03:30 w',
    ]);
  });

  it('should mark overlapping times of the same volunteer as a clash, not touching ones or other volunteers', () => {
    const weekly: RequestSchedule = { kind: 'weekly', slots: [{ weekday: 3, start: '09:00', end: '12:00' }] };
    const days = weekPlan(
      [
        assignment('weekly', 'v1', weekly, '2026-11-04'),
        assignment('overlap', 'v1', oneOff('2026-12-09', '11:30', '13:00'), '2026-12-09'),
        assignment('touching', 'v1', oneOff('2026-12-09', '13:00', '14:00'), '2026-12-09'),
        assignment('other', 'v2', oneOff('2026-12-09', '10:00', '11:00'), '2026-12-09'),
      ],
      monday,
    );
    const wednesday = days[2].occurrences;
    expect(wednesday.map((o) => [o.assignment.matchId, o.clashesWith])).toEqual([
      ['weekly', ['overlap']],
      ['other', []],
      ['overlap', ['weekly']],
      ['touching', []],
    ]);
    expect(clashCount(days)).toBe(2);
  });

  it('should treat a slot until midnight as ending at 24:00', () => {
    const days = weekPlan(
      [
        assignment('late', 'v1', oneOff('2026-12-12', '18:00', '24:00'), '2026-12-12'),
        assignment('later', 'v1', oneOff('2026-12-12', '23:00', '23:30'), '2026-12-12'),
      ],
      monday,
    );
    expect(clashCount(days)).toBe(2);
  });
});
