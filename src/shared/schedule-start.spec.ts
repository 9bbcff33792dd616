import { firstDateOf, firstStartOf } from './schedule-start';

describe('firstStartOf', () => {
  const askedAt = new Date('2026-12-03T10:00:00Z'); // Thursday

  it('is the date and start of a one-off, in Berlin time', () => {
    expect(
      firstStartOf(
        { kind: 'one-off', date: '2026-12-08', start: '09:00', end: '12:00' },
        askedAt,
      )?.toISOString(),
    ).toBe('2026-12-08T08:00:00.000Z');
  });

  it('is the first weekly slot on or after the day it was asked', () => {
    const schedule = {
      kind: 'weekly' as const,
      slots: [{ weekday: 2 as const, start: '09:00', end: '12:00' }],
    };
    expect(firstDateOf(schedule, askedAt)).toBe('2026-12-08');
  });

  it('takes the earliest slot of the first matching day, and a later `from` day', () => {
    const schedule = {
      kind: 'weekly' as const,
      from: '2026-12-14',
      slots: [
        { weekday: 1 as const, start: '14:00', end: '16:00' },
        { weekday: 1 as const, start: '08:30', end: '10:00' },
      ],
    };
    expect(firstStartOf(schedule, askedAt)?.toISOString()).toBe('2026-12-14T07:30:00.000Z');
  });

  it('ignores a `from` day in the past and an invalid schedule', () => {
    const weekly = {
      kind: 'weekly' as const,
      from: '2026-01-01',
      slots: [{ weekday: 4 as const, start: '18:00', end: '19:00' }],
    };
    expect(firstDateOf(weekly, askedAt)).toBe('2026-12-03');
    expect(firstStartOf({ kind: 'weekly', slots: [] }, askedAt)).toBeNull();
  });
});
