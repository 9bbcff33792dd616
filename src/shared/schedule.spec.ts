import {
  coverage,
  covers,
  formatScheduleDe,
  formatScheduleEn,
  formatSlotDe,
  formatSlotEn,
  isValidClock,
  isValidDate,
  isValidSchedule,
  overlappingSlots,
  parseClock,
  requestedSlots,
  weekdayOf,
  type RequestSchedule,
  type WeeklySlot,
} from './schedule';

const weekly = (...slots: WeeklySlot[]): RequestSchedule => ({ kind: 'weekly', slots });
const slot = (weekday: WeeklySlot['weekday'], start: string, end: string): WeeklySlot => ({
  weekday,
  start,
  end,
});

describe('isValidClock / parseClock', () => {
  it.each([
    ['00:00', 0],
    ['09:30', 570],
    ['12:00', 720],
    ['23:59', 1439],
    ['24:00', 1440],
  ])('should read %p as %p minutes', (text, minutes) => {
    expect(isValidClock(text)).toBe(true);
    expect(parseClock(text)).toBe(minutes);
  });

  it.each(['9:00', '24:01', '25:00', '12:60', '12:3', '', 'ab:cd', ' 12:30', '12:30 ', '12.30'])(
    'should reject %p without throwing',
    (text) => {
      expect(isValidClock(text)).toBe(false);
      expect(parseClock(text)).toBeNull();
    },
  );
});

describe('weekdayOf', () => {
  it.each([
    ['2026-03-09', 1],
    ['2026-03-10', 2],
    ['2024-02-29', 4],
    ['2026-03-29', 7],
    ['2026-10-25', 7],
    ['0001-01-01', 1],
  ])('should give %p the ISO weekday %p', (date, weekday) => {
    expect(weekdayOf(date)).toBe(weekday);
  });

  it('should not depend on the process time zone', () => {
    const original = process.env.TZ;
    try {
      for (const zone of ['Pacific/Kiritimati', 'America/Adak', 'Europe/Berlin', 'UTC']) {
        process.env.TZ = zone;
        expect([weekdayOf('2026-03-29'), weekdayOf('2026-10-25'), weekdayOf('2026-03-09')]).toEqual([
          7, 7, 1,
        ]);
      }
    } finally {
      if (original === undefined) {
        delete process.env.TZ;
      } else {
        process.env.TZ = original;
      }
    }
  });

  it.each(['2026-02-29', '2026-02-30', '2026-13-01', '2026-3-9', 'tomorrow'])(
    'should treat %p as no calendar date',
    (date) => {
      expect(isValidDate(date)).toBe(false);
      expect(() => weekdayOf(date)).toThrow(RangeError);
    },
  );
});

describe('isValidSchedule', () => {
  it.each<[string, RequestSchedule]>([
    ['a one-off morning', { kind: 'one-off', date: '2026-03-29', start: '10:00', end: '12:00' }],
    ['a weekly slot', weekly(slot(2, '09:00', '12:00'))],
    ['an evening until midnight', weekly(slot(5, '18:00', '24:00'))],
  ])('should accept %s', (_, schedule) => {
    expect(isValidSchedule(schedule)).toBe(true);
  });

  it.each<[string, RequestSchedule]>([
    [
      'a one-off ending before it starts',
      { kind: 'one-off', date: '2026-03-29', start: '12:00', end: '10:00' },
    ],
    ['a one-off without duration', { kind: 'one-off', date: '2026-03-29', start: '10:00', end: '10:00' }],
    ['a one-off on no real date', { kind: 'one-off', date: '2026-02-30', start: '10:00', end: '12:00' }],
    ['a one-off with a bad time', { kind: 'one-off', date: '2026-03-29', start: '10', end: '12:00' }],
    ['a weekly schedule without slots', weekly()],
    ['a weekly schedule with one bad slot', weekly(slot(2, '09:00', '12:00'), slot(3, '14:00', '13:00'))],
    ['weekday 0', weekly({ weekday: 0 as WeeklySlot['weekday'], start: '09:00', end: '12:00' })],
    ['weekday 8', weekly({ weekday: 8 as WeeklySlot['weekday'], start: '09:00', end: '12:00' })],
  ])('should reject %s', (_, schedule) => {
    expect(isValidSchedule(schedule)).toBe(false);
  });
});

describe('coverage / covers', () => {
  it.each<[string, WeeklySlot[], RequestSchedule, number]>([
    ['an exact fit', [slot(2, '09:00', '12:00')], weekly(slot(2, '09:00', '12:00')), 1],
    ['a wider slot', [slot(2, '08:00', '13:00')], weekly(slot(2, '09:00', '12:00')), 1],
    ['half the time', [slot(2, '10:30', '13:00')], weekly(slot(2, '09:00', '12:00')), 0.5],
    ['the wrong weekday', [slot(3, '09:00', '12:00')], weekly(slot(2, '09:00', '12:00')), 0],
    ['no availability at all', [], weekly(slot(2, '09:00', '12:00')), 0],
    ['slots that only touch', [slot(2, '12:00', '14:00')], weekly(slot(2, '09:00', '12:00')), 0],
    [
      'two adjacent slots',
      [slot(2, '09:00', '10:30'), slot(2, '10:30', '12:00')],
      weekly(slot(2, '09:00', '12:00')),
      1,
    ],
    [
      'overlapping slots counted once',
      [slot(2, '09:00', '11:00'), slot(2, '10:00', '11:00'), slot(2, '09:30', '10:30')],
      weekly(slot(2, '09:00', '12:00')),
      2 / 3,
    ],
    [
      'the total over all requested slots',
      [slot(2, '08:00', '13:00')],
      weekly(slot(2, '09:00', '12:00'), slot(4, '14:00', '16:00')),
      180 / 300,
    ],
    [
      'overlapping requested slots counted once',
      [slot(2, '09:00', '11:00')],
      weekly(slot(2, '09:00', '11:00'), slot(2, '10:00', '12:00')),
      2 / 3,
    ],
    [
      'an invalid volunteer slot ignored',
      [slot(2, '12:00', '09:00'), slot(2, '09:00', '10:30')],
      weekly(slot(2, '09:00', '12:00')),
      0.5,
    ],
    [
      'a one-off date on its weekday',
      [slot(2, '09:00', '12:00')],
      { kind: 'one-off', date: '2026-03-10', start: '09:00', end: '12:00' },
      1,
    ],
    ['an invalid request', [slot(2, '00:00', '24:00')], weekly(), 0],
  ])('should compute the share for %s', (_, availability, schedule, expected) => {
    expect(coverage(availability, schedule)).toBeCloseTo(expected, 12);
    expect(covers(availability, schedule)).toBe(expected === 1);
  });

  it.each(['2026-03-29', '2026-10-25'])(
    'should cover the DST Sunday %p with a Sunday slot in wall-clock time',
    (date) => {
      const sunday = [slot(7, '00:00', '24:00')];
      expect(weekdayOf(date)).toBe(7);
      // 01:30–03:30 spans the hour that is skipped or repeated; wall-clock minutes need no conversion.
      const acrossTheSwitch: RequestSchedule = { kind: 'one-off', date, start: '01:30', end: '03:30' };
      expect(covers(sunday, acrossTheSwitch)).toBe(true);
      expect(
        covers([slot(7, '10:00', '12:00')], { kind: 'one-off', date, start: '10:00', end: '12:00' }),
      ).toBe(true);
      expect(covers([slot(6, '00:00', '24:00')], acrossTheSwitch)).toBe(false);
    },
  );
});

describe('requestedSlots / overlappingSlots', () => {
  it('should turn a one-off date into a slot on its weekday', () => {
    expect(requestedSlots({ kind: 'one-off', date: '2026-03-29', start: '10:00', end: '12:00' })).toEqual([
      slot(7, '10:00', '12:00'),
    ]);
  });

  it('should list only the volunteer slots that overlap the request, in week order', () => {
    const availability = [
      slot(4, '14:00', '15:00'),
      slot(2, '11:00', '13:00'),
      slot(2, '12:00', '14:00'),
      slot(2, '08:00', '09:30'),
    ];
    expect(
      overlappingSlots(availability, weekly(slot(2, '09:00', '12:00'), slot(4, '14:30', '16:00'))),
    ).toEqual([slot(2, '08:00', '09:30'), slot(2, '11:00', '13:00'), slot(4, '14:00', '15:00')]);
  });
});

describe('formatSlotDe / formatSlotEn', () => {
  it.each<[WeeklySlot, string, string]>([
    [slot(2, '09:00', '12:00'), 'Di 9–12 Uhr', 'Tue 9am–12pm'],
    [slot(2, '09:30', '12:00'), 'Di 9:30–12 Uhr', 'Tue 9:30am–12pm'],
    [slot(7, '14:00', '16:45'), 'So 14–16:45 Uhr', 'Sun 2pm–4:45pm'],
    [slot(1, '00:00', '24:00'), 'Mo 0–24 Uhr', 'Mon 12am–12am'],
    [slot(6, '12:05', '13:00'), 'Sa 12:05–13 Uhr', 'Sat 12:05pm–1pm'],
  ])('should say %p in agency words', (weeklySlot, de, en) => {
    expect(formatSlotDe(weeklySlot)).toBe(de);
    expect(formatSlotEn(weeklySlot)).toBe(en);
  });

  it('should format a one-off schedule with its date', () => {
    const schedule: RequestSchedule = { kind: 'one-off', date: '2026-03-29', start: '10:00', end: '12:30' };
    expect(formatScheduleDe(schedule)).toBe('So 29.03.2026 10–12:30 Uhr');
    expect(formatScheduleEn(schedule)).toBe('Sun 2026-03-29 10am–12:30pm');
  });

  it('should format a weekly schedule as its slots', () => {
    const schedule = weekly(slot(2, '09:00', '12:00'), slot(4, '14:00', '16:00'));
    expect(formatScheduleDe(schedule)).toBe('Di 9–12 Uhr, Do 14–16 Uhr');
    expect(formatScheduleEn(schedule)).toBe('Tue 9am–12pm, Thu 2pm–4pm');
  });
});
