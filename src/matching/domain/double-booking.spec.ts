import fc from 'fast-check';
import { checkEligibility } from './eligibility';
import { firstClash, schedulesClash } from './double-booking';
import { aContext, aRequest, aVolunteer } from './test-fixtures';
import type { RequestSchedule, Weekday } from '../../shared/schedule';

const TODAY = '2026-03-10'; // a Tuesday
const weekly = (weekday: Weekday, start: string, end: string, from?: string): RequestSchedule => ({
  kind: 'weekly',
  slots: [{ weekday, start, end }],
  ...(from ? { from } : {}),
});
const oneOff = (date: string, start: string, end: string): RequestSchedule => ({
  kind: 'one-off',
  date,
  start,
  end,
});

describe('schedulesClash', () => {
  it.each<[string, RequestSchedule, RequestSchedule, boolean]>([
    ['weekly vs weekly, overlapping hours', weekly(2, '09:00', '12:00'), weekly(2, '11:00', '13:00'), true],
    ['weekly vs weekly, adjacent hours', weekly(2, '09:00', '12:00'), weekly(2, '12:00', '14:00'), false],
    ['weekly vs weekly, other weekday', weekly(2, '09:00', '12:00'), weekly(3, '09:00', '12:00'), false],
    ['one-off on the weekly slot', oneOff('2026-03-17', '10:00', '11:00'), weekly(2, '09:00', '12:00'), true],
    [
      'one-off before the weekly help starts',
      oneOff('2026-03-17', '10:00', '11:00'),
      weekly(2, '09:00', '12:00', '2026-03-24'),
      false,
    ],
    [
      'one-off on the first weekly day',
      oneOff('2026-03-24', '10:00', '11:00'),
      weekly(2, '09:00', '12:00', '2026-03-24'),
      true,
    ],
    [
      'one-off vs one-off, same date and time',
      oneOff('2026-03-17', '10:00', '11:00'),
      oneOff('2026-03-17', '10:30', '12:00'),
      true,
    ],
    [
      'one-off vs one-off, another date',
      oneOff('2026-03-18', '10:00', '11:00'),
      oneOff('2026-03-17', '10:00', '11:00'),
      false,
    ],
    [
      'one-off vs one-off, adjacent',
      oneOff('2026-03-17', '10:00', '11:00'),
      oneOff('2026-03-17', '11:00', '12:00'),
      false,
    ],
    [
      'weekly help falling on a one-off assignment',
      weekly(2, '09:00', '12:00'),
      oneOff('2026-03-17', '11:00', '12:30'),
      true,
    ],
    [
      'weekly help vs a one-off assignment in the past',
      weekly(2, '09:00', '12:00'),
      oneOff('2026-03-03', '11:00', '12:30'),
      false,
    ],
    [
      'weekly help starting after a one-off assignment',
      weekly(2, '09:00', '12:00', '2026-03-24'),
      oneOff('2026-03-17', '11:00', '12:30'),
      false,
    ],
    ['an invalid busy schedule', weekly(2, '09:00', '12:00'), weekly(2, '13:00', '12:00'), false],
  ])('%s', (_, wanted, busy, clash) => {
    expect(schedulesClash(wanted, busy, TODAY)).toBe(clash);
  });

  it('firstClash names the clashing assignment and ignores a missing list', () => {
    const busy = [weekly(3, '09:00', '12:00'), weekly(2, '08:00', '09:30')];
    expect(firstClash(weekly(2, '09:00', '12:00'), busy, TODAY)).toBe(busy[1]);
    expect(firstClash(weekly(2, '09:00', '12:00'), undefined, TODAY)).toBeNull();
  });

  it('excludes with its own code and says which assignment clashes', () => {
    const result = checkEligibility(
      aRequest(),
      aVolunteer({ busySchedules: [weekly(2, '11:30', '13:00')] }),
      aContext({ now: new Date('2026-03-10T08:00:00Z') }),
    );
    expect(result).toEqual({
      eligible: false,
      reason: 'double-booked',
      explanation: {
        de: 'hat zur selben Zeit schon einen Einsatz: Di 11:30–13 Uhr',
        en: 'already has an assignment at that time: Tue 11:30am–1pm',
      },
    });
  });

  describe('properties', () => {
    const minutes = fc.integer({ min: 0, max: 95 }).map((q) => q * 15);
    const clock = (m: number) =>
      `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const range = fc.tuple(minutes, fc.integer({ min: 1, max: 16 })).map(([start, quarters]) => ({
      start: clock(start),
      end: clock(Math.min(1440, start + quarters * 15)),
    }));
    const day = fc
      .integer({ min: 0, max: 60 })
      .map((d) => new Date(Date.UTC(2026, 2, 10 + d)).toISOString().slice(0, 10));
    const schedule: fc.Arbitrary<RequestSchedule> = fc.oneof(
      fc.tuple(day, range).map(([date, r]) => ({ kind: 'one-off' as const, date, ...r })),
      fc
        .tuple(fc.constantFrom<Weekday>(1, 2, 3, 4, 5, 6, 7), range)
        .map(([weekday, r]) => ({ kind: 'weekly' as const, slots: [{ weekday, ...r }] })),
    );

    it('is symmetric between two upcoming schedules', () => {
      fc.assert(
        fc.property(schedule, schedule, (a, b) => {
          expect(schedulesClash(a, b, TODAY)).toBe(schedulesClash(b, a, TODAY));
        }),
      );
    });

    it('a schedule clashes with itself, and never with one that ends when it starts', () => {
      fc.assert(
        fc.property(schedule, (a) => {
          expect(schedulesClash(a, a, TODAY)).toBe(true);
          const start = a.kind === 'one-off' ? a.start : a.slots[0].start;
          const before: RequestSchedule =
            a.kind === 'one-off'
              ? { ...a, start: '00:00', end: start }
              : { kind: 'weekly', slots: [{ ...a.slots[0], start: '00:00', end: start }] };
          if (start !== '00:00') {
            expect(schedulesClash(a, before, TODAY)).toBe(false);
          }
        }),
      );
    });

    it('an eligible volunteer with a clashing assignment is excluded as double-booked, nothing else changes', () => {
      fc.assert(
        fc.property(schedule, schedule, (wanted, busy) => {
          const request = aRequest({ schedule: wanted });
          const free = aVolunteer({
            availability: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
              weekday: weekday as Weekday,
              start: '00:00',
              end: '24:00',
            })),
          });
          const ctx = aContext({ now: new Date('2026-03-10T08:00:00Z') });
          expect(checkEligibility(request, free, ctx).eligible).toBe(true);
          const result = checkEligibility(request, { ...free, busySchedules: [busy] }, ctx);
          expect(result.eligible ? 'eligible' : result.reason).toBe(
            schedulesClash(wanted, busy, TODAY) ? 'double-booked' : 'eligible',
          );
        }),
      );
    });
  });
});
