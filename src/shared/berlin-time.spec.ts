import {
  addDays,
  berlinDateOf,
  berlinInstant,
  berlinWallClock,
  clockMinutes,
  isoWeekday,
} from './berlin-time';

describe('berlinDateOf', () => {
  it.each([
    ['2026-03-10T10:00:00Z', '2026-03-10'],
    ['2026-03-10T22:59:59Z', '2026-03-10'],
    ['2026-03-10T23:00:00Z', '2026-03-11'],
    ['2026-07-01T21:59:59Z', '2026-07-01'],
    ['2026-07-01T22:00:00Z', '2026-07-02'],
    // Around the switches: 29 March 2026 01:00 UTC and 25 October 2026 01:00 UTC.
    ['2026-03-28T22:59:59Z', '2026-03-28'],
    ['2026-03-28T23:00:00Z', '2026-03-29'],
    ['2026-03-29T21:59:59Z', '2026-03-29'],
    ['2026-03-29T22:00:00Z', '2026-03-30'],
    ['2026-10-24T21:59:59Z', '2026-10-24'],
    ['2026-10-24T22:00:00Z', '2026-10-25'],
    ['2026-10-25T22:59:59Z', '2026-10-25'],
    ['2026-10-25T23:00:00Z', '2026-10-26'],
    ['2026-12-31T23:00:00Z', '2027-01-01'],
  ])('should put %s on the Berlin date %s', (instant, date) => {
    expect(berlinDateOf(new Date(instant))).toBe(date);
  });

  it('should not depend on the process time zone', () => {
    const original = process.env.TZ;
    try {
      for (const zone of ['Pacific/Kiritimati', 'America/Adak', 'UTC']) {
        process.env.TZ = zone;
        expect(berlinDateOf(new Date('2026-03-10T23:30:00Z'))).toBe('2026-03-11');
      }
    } finally {
      if (original === undefined) {
        delete process.env.TZ;
      } else {
        process.env.TZ = original;
      }
    }
  });
});

describe('berlinWallClock', () => {
  it.each([
    ['2026-01-15T11:30:00Z', '2026-01-15', '12:30', 750],
    ['2026-07-15T11:30:00Z', '2026-07-15', '13:30', 810],
    ['2026-03-29T00:59:00Z', '2026-03-29', '01:59', 119],
    ['2026-03-29T01:00:00Z', '2026-03-29', '03:00', 180],
    ['2026-12-31T23:30:00Z', '2027-01-01', '00:30', 30],
  ])('should read %s as %s %s in Berlin', (instant, date, time, minutes) => {
    expect(berlinWallClock(new Date(instant))).toEqual({ date, time, minutes });
  });
});

describe('berlinInstant', () => {
  it.each([
    ['2026-01-15', '12:30', '2026-01-15T11:30:00.000Z'],
    ['2026-07-15', '13:30', '2026-07-15T11:30:00.000Z'],
    // Skipped in spring: 02:30 does not exist and means 03:30 summer time.
    ['2026-03-29', '02:30', '2026-03-29T01:30:00.000Z'],
    // Twice in autumn: the first 02:30 (summer time) is meant.
    ['2026-10-25', '02:30', '2026-10-25T00:30:00.000Z'],
  ])('should place %s %s at %s', (date, time, instant) => {
    expect(berlinInstant(date, time).toISOString()).toBe(instant);
  });

  it('should round-trip with berlinWallClock outside the changes', () => {
    for (const instant of ['2026-02-01T06:15:00Z', '2026-08-01T20:45:00Z']) {
      const clock = berlinWallClock(new Date(instant));
      expect(berlinInstant(clock.date, clock.time).toISOString()).toBe(new Date(instant).toISOString());
    }
  });
});

describe('calendar arithmetic', () => {
  it('should add days across months, years and the DST change', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('should give ISO weekdays and parse clock times', () => {
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-29')).toBe(7);
    expect(clockMinutes('09:30')).toBe(570);
    expect(clockMinutes('24:00')).toBeNull();
    expect(clockMinutes('9:30')).toBeNull();
  });
});
