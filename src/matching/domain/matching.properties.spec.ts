/*
 * Properties of the whole engine, checked on generated agencies with fast-check. The generators
 * lean towards eligible volunteers so that every property has proposals to look at.
 */
import fc from 'fast-check';
import { checkEligibility } from './eligibility';
import { explainVolunteer, rankCandidates } from './rank-candidates';
import { coverage, covers, weekdayOf } from '../../shared/schedule';
import { aRequest, aVolunteer, kmNorthOf, REQUEST_LOCATION, TEST_POLICY, TEST_SKILLS } from './test-fixtures';
import {
  CRITERIA,
  PRIOR_ASK_OUTCOMES,
  type CandidateVolunteer,
  type Criterion,
  type MatchableRequest,
  type MatchingPolicy,
  type RankingContext,
} from './types';
import { LANGUAGE_LEVELS, VOLUNTEER_STATUSES } from '../../shared/volunteer-profile';
import { type RequestSchedule, type Weekday, type WeeklySlot } from '../../shared/schedule';

const clock = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const isoDate = (d: Date): string => d.toISOString().slice(0, 10);
const dateBetween = (min: string, max: string) =>
  fc
    .date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true })
    .map(isoDate);

const weekday = fc.constantFrom<Weekday>(1, 2, 3, 4, 5, 6, 7);
const slot: fc.Arbitrary<WeeklySlot> = fc
  .record({
    weekday,
    startQuarter: fc.integer({ min: 0, max: 90 }),
    quarters: fc.integer({ min: 1, max: 40 }),
  })
  .map(({ weekday: day, startQuarter, quarters }) => ({
    weekday: day,
    start: clock(startQuarter * 15),
    end: clock(Math.min(96, startQuarter + quarters) * 15),
  }));
const language = fc.constantFrom('de', 'tr', 'ar', 'kmr', 'ckb');
const skills = fc.subarray(Object.keys(TEST_SKILLS));
const district = fc.constantFrom(null, 'Altona-Altstadt', 'Ottensen');
/** Hamburg-Altona and around. */
const near = fc.record({
  lat: fc.double({ min: 53.53, max: 53.6, noNaN: true }),
  lon: fc.double({ min: 9.88, max: 10.0, noNaN: true }),
});
const now = fc.date({
  min: new Date('2026-01-01T00:00:00Z'),
  max: new Date('2030-12-31T23:59:59Z'),
  noInvalidDate: true,
});

const schedule: fc.Arbitrary<RequestSchedule> = fc.oneof(
  fc
    .tuple(dateBetween('2026-01-01', '2030-12-31'), slot)
    .map(([d, s]): RequestSchedule => ({ kind: 'one-off', date: d, start: s.start, end: s.end })),
  fc.array(slot, { minLength: 1, maxLength: 2 }).map((slots): RequestSchedule => ({ kind: 'weekly', slots })),
);

const request: fc.Arbitrary<MatchableRequest> = fc.record({
  id: fc.constant('request'),
  neededSkills: skills,
  niceToHaveSkills: skills,
  neededLanguage: fc.option(language, { nil: null, freq: 2 }),
  preferredLanguage: fc.option(language, { nil: null, freq: 2 }),
  requiresCertificate: fc.boolean(),
  minimumAge: fc.constantFrom(null, null, 16, 18),
  location: near,
  district,
  schedule,
});

const wholeDays = fc
  .uniqueArray(weekday, { minLength: 2, maxLength: 7 })
  .map((days) => days.map((d): WeeklySlot => ({ weekday: d, start: '00:00', end: '24:00' })));
const ALL_WEEK: WeeklySlot[] = ([1, 2, 3, 4, 5, 6, 7] as Weekday[]).map((d) => ({
  weekday: d,
  start: '00:00',
  end: '24:00',
}));
const mostly = <T>(usual: T, other: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.oneof({ arbitrary: fc.constant(usual), weight: 8 }, { arbitrary: other, weight: 1 });

const volunteerFields: fc.Arbitrary<Omit<CandidateVolunteer, 'id'>> = fc.record({
  status: mostly('active' as const, fc.constantFrom(...VOLUNTEER_STATUSES)),
  languages: fc.array(fc.record({ code: language, level: fc.constantFrom(...LANGUAGE_LEVELS) }), {
    minLength: 1,
    maxLength: 4,
  }),
  skills,
  home: near,
  district,
  maxTravelKm: fc.integer({ min: 0, max: 30 }),
  availability: fc
    .tuple(wholeDays, fc.array(slot, { maxLength: 3 }))
    .map(([days, slots]) => [...days, ...slots]),
  maxOpenAssignments: fc.integer({ min: 0, max: 4 }),
  openAssignments: fc.integer({ min: 0, max: 2 }),
  certificateInspectedOn: fc.option(dateBetween('2019-01-01', '2030-12-31'), { nil: null, freq: 4 }),
  birthDate: fc.option(dateBetween('1940-01-01', '2014-12-31'), { nil: null, freq: 6 }),
  awayUntil: mostly(null, dateBetween('2025-06-01', '2031-06-01')),
  maxOffersPerWeek: fc.integer({ min: 0, max: 5 }),
  offersLast7Days: fc.integer({ min: 0, max: 2 }),
  answerHistory: fc
    .record({
      offered: fc.integer({ min: 0, max: 20 }),
      answeredShare: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ offered, answeredShare }) => ({ offered, answered: Math.round(offered * answeredShare) })),
  helpedThisPersonBefore: mostly(0, fc.integer({ min: 0, max: 4 })),
  askedForThisRequest: mostly(null, fc.constantFrom(...PRIOR_ASK_OUTCOMES)),
  blockedForThisRequest: mostly(false, fc.constant(true)),
});

const volunteers = (minLength: number, maxLength: number) =>
  fc
    .array(volunteerFields, { minLength, maxLength, size: 'max' })
    .map((list) => list.map((v, i): CandidateVolunteer => ({ ...v, id: `v-${String(i).padStart(2, '0')}` })));

const weights: fc.Arbitrary<Record<Criterion, number>> = fc
  .tuple(...CRITERIA.map(() => fc.oneof(fc.constant(0), fc.double({ min: 0, max: 10, noNaN: true }))))
  .filter((ws) => ws.some((w) => w > 0))
  .map((ws) => Object.fromEntries(CRITERIA.map((c, i) => [c, ws[i]])) as Record<Criterion, number>);

const context = (instant: Date, policy: Partial<MatchingPolicy> = {}): RankingContext => ({
  now: instant,
  policy: { ...TEST_POLICY, ...policy },
  skills: TEST_SKILLS,
});

describe('matching properties', () => {
  it('(a) should never propose a volunteer who breaks a hard rule', () => {
    // Counted so the property cannot pass by never proposing anyone.
    let proposed = 0;
    fc.assert(
      fc.property(
        request,
        volunteers(5, 25),
        now,
        fc.integer({ min: 0, max: 8 }),
        (req, candidates, at, maxProposals) => {
          const ctx = context(at, { maxProposals });
          const result = rankCandidates(req, candidates, ctx);
          proposed += result.ranked.length;
          const byId = new Map(candidates.map((v) => [v.id, v]));
          const eligible = candidates.filter((v) => checkEligibility(req, v, ctx).eligible);

          expect(result.ranked).toHaveLength(Math.min(maxProposals, eligible.length));
          expect(result.excluded).toHaveLength(candidates.length - eligible.length);
          expect(Object.values(result.exclusionCounts).reduce((a, b) => a + b, 0)).toBe(
            result.excluded.length,
          );
          for (const exclusion of result.excluded) {
            const again = checkEligibility(req, byId.get(exclusion.volunteerId)!, ctx);
            expect(again.eligible ? null : again.reason).toBe(exclusion.reason);
          }
          for (const ranked of result.ranked) {
            const candidate = byId.get(ranked.volunteerId)!;
            expect(checkEligibility(req, candidate, ctx).eligible).toBe(true);
            expect(ranked.score).toBeGreaterThanOrEqual(0);
            expect(ranked.score).toBeLessThanOrEqual(100);
            const applicable = CRITERIA.filter((c) => ranked.breakdown[c].applicable);
            expect(applicable.reduce((sum, c) => sum + ranked.breakdown[c].weight, 0)).toBeCloseTo(1, 9);
            for (const c of CRITERIA) {
              const part = ranked.breakdown[c];
              expect(part.fit).toBeGreaterThanOrEqual(0);
              expect(part.fit).toBeLessThanOrEqual(1);
              if (!part.applicable) {
                expect([part.weight, part.points]).toEqual([0, 0]);
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(proposed).toBeGreaterThan(80);
  });

  it('(b) should never score a closer volunteer lower, all else equal', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        request,
        volunteerFields,
        now,
        fc.double({ min: 0, max: 30, noNaN: true }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        (req, fields, at, a, b) => {
          const ctx = context(at);
          const [nearKm, farKm] = a <= b ? [a, b] : [b, a];
          // Only the radius is left to chance, so that most pairs can be compared.
          const passesTheOtherRules: CandidateVolunteer = {
            ...fields,
            id: 'v',
            status: 'active',
            awayUntil: null,
            blockedForThisRequest: false,
            askedForThisRequest: null,
            birthDate: '1970-01-01',
            languages: [...fields.languages, { code: req.neededLanguage ?? 'de', level: 'B1' }],
            certificateInspectedOn: isoDate(at),
            availability: ALL_WEEK,
            maxOpenAssignments: fields.openAssignments + 1,
            maxOffersPerWeek: fields.offersLast7Days + 1,
          };
          const place = (km: number): CandidateVolunteer => ({
            ...passesTheOtherRules,
            home: kmNorthOf(req.location, km),
          });
          const closer = explainVolunteer(req, place(nearKm), ctx);
          const farther = explainVolunteer(req, place(farKm), ctx);
          if (farther.eligible) {
            compared += 1;
            expect(closer.eligible).toBe(true);
            expect(closer.eligible && closer.candidate.score).toBeGreaterThanOrEqual(farther.candidate.score);
          }
        },
      ),
      { numRuns: 500 },
    );
    expect(compared).toBeGreaterThan(200);
  });

  it('(c) should rank the same way whatever order the candidates come in', () => {
    const shuffled = volunteers(2, 30).chain((list) =>
      fc.tuple(
        fc.constant(list),
        fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
      ),
    );
    fc.assert(
      fc.property(
        request,
        shuffled,
        now,
        fc.integer({ min: 1, max: 30 }),
        (req, [list, permuted], at, maxProposals) => {
          const ctx = context(at, { maxProposals });
          const first = rankCandidates(req, list, ctx);
          const second = rankCandidates(req, permuted, ctx);
          expect(second.ranked).toEqual(first.ranked);
          expect(second.exclusionCounts).toEqual(first.exclusionCounts);
          // And again: nothing is remembered between runs.
          expect(rankCandidates(req, list, ctx)).toEqual(first);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('should propose exactly the best of all explained volunteers, each with its full explanation', () => {
    fc.assert(
      fc.property(
        request,
        volunteers(1, 30),
        now,
        fc.integer({ min: 1, max: 30 }),
        (req, list, at, maxProposals) => {
          const ctx = context(at, { maxProposals });
          const { ranked } = rankCandidates(req, list, ctx);
          // The slow way: every volunteer explained in full, then sorted as the ranking documents.
          const everyone = list
            .map((volunteer) => explainVolunteer(req, volunteer, ctx))
            .flatMap((explained) => (explained.eligible ? [explained.candidate] : []))
            .sort(
              (a, b) =>
                b.score - a.score ||
                a.distanceKm - b.distanceKm ||
                (a.volunteerId < b.volunteerId ? -1 : a.volunteerId > b.volunteerId ? 1 : 0),
            );
          expect(ranked).toEqual(everyone.slice(0, maxProposals));
          for (const proposal of ranked) {
            expect(proposal.breakdown.distance.explanation.de).not.toBe('');
            expect(proposal.breakdown.availability.explanation.en).not.toBe('');
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('(c) should order ties by distance, then id', () => {
    // Identical volunteers at a few distances: many equal scores.
    const clones = fc
      .array(fc.constantFrom(0.5, 1, 1.5), { minLength: 3, maxLength: 15 })
      .map((kms) => kms.map((km, i) => aVolunteer({ id: `v-${i}`, home: kmNorthOf(REQUEST_LOCATION, km) })));
    fc.assert(
      fc.property(clones, (list) => {
        const ranked = rankCandidates(
          aRequest(),
          list,
          context(new Date('2026-03-10T10:00:00Z'), { maxProposals: 20 }),
        ).ranked;
        ranked.slice(1).forEach((r, i) => {
          const p = ranked[i];
          const inOrder =
            p.score > r.score ||
            (p.score === r.score &&
              (p.distanceKm < r.distanceKm ||
                (p.distanceKm === r.distanceKm && p.volunteerId < r.volunteerId)));
          expect(inOrder).toBe(true);
        });
      }),
    );
  });

  describe('(d) DST weeks', () => {
    const YEARS = [2026, 2027, 2028, 2029, 2030];
    /** Last Sunday of a month (1-based), found by walking back from the month's last day. */
    const lastSunday = (year: number, month: number): Date => {
      const day = new Date(Date.UTC(year, month, 0));
      while (day.getUTCDay() !== 0) {
        day.setUTCDate(day.getUTCDate() - 1);
      }
      return day;
    };
    const berlinOffsetHours = (instant: Date): number => {
      const wall = new Intl.DateTimeFormat('en-US', {
        timeZone: 'Europe/Berlin',
        hour: 'numeric',
        hourCycle: 'h23',
      }).format(instant);
      return (Number(wall) - instant.getUTCHours() + 24) % 24;
    };

    it.each(YEARS.flatMap((year) => [[year, 3] as const, [year, 10] as const]))(
      'should pick the real switch day for %p-%p',
      (year, month) => {
        const sunday = lastSunday(year, month);
        const before = new Date(sunday.getTime() + 0.5 * 3600_000); // 00:30 UTC, before 01:00 UTC
        const after = new Date(sunday.getTime() + 1.5 * 3600_000); // 01:30 UTC
        expect([berlinOffsetHours(before), berlinOffsetHours(after)]).toEqual(month === 3 ? [1, 2] : [2, 1]);
      },
    );

    const around = fc.record({
      year: fc.constantFrom(...YEARS),
      month: fc.constantFrom(3, 10),
      offset: fc.integer({ min: -3, max: 3 }),
      startQuarter: fc.integer({ min: 0, max: 95 }),
      quarters: fc.integer({ min: 1, max: 96 }),
    });

    it('should cover one-off requests on and around the switch days exactly by the weekday slot', () => {
      fc.assert(
        fc.property(around, ({ year, month, offset, startQuarter, quarters }) => {
          const day = lastSunday(year, month);
          day.setUTCDate(day.getUTCDate() + offset);
          const date = isoDate(day);
          const expectedWeekday = ((((6 + offset) % 7) + 7) % 7) + 1;
          const startMin = startQuarter * 15;
          const endMin = Math.min(96, startQuarter + quarters) * 15;
          const oneOff: RequestSchedule = {
            kind: 'one-off',
            date,
            start: clock(startMin),
            end: clock(endMin),
          };

          expect(weekdayOf(date)).toBe(expectedWeekday);
          const exact: WeeklySlot = {
            weekday: expectedWeekday as Weekday,
            start: clock(startMin),
            end: clock(endMin),
          };
          expect(coverage([exact], oneOff)).toBe(1);
          for (const other of [1, 2, 3, 4, 5, 6, 7] as Weekday[]) {
            if (other !== expectedWeekday) {
              expect(coverage([{ ...exact, weekday: other }], oneOff)).toBe(0);
            }
          }
          // No hour is added or lost: a slot one hour later covers exactly the wall-clock overlap.
          if (endMin + 60 <= 1440) {
            const later: WeeklySlot = { ...exact, start: clock(startMin + 60), end: clock(endMin + 60) };
            const overlap = Math.max(0, endMin - (startMin + 60));
            expect(coverage([later], oneOff)).toBe(overlap / (endMin - startMin));
          }
        }),
        { numRuns: 500 },
      );
    });

    it.each(YEARS)('should let a Sunday 2–4 slot cover 2:30–3:30 on the March switch day of %p', (year) => {
      const date = isoDate(lastSunday(year, 3));
      const request: RequestSchedule = { kind: 'one-off', date, start: '02:30', end: '03:30' };
      const sundayNight: WeeklySlot[] = [{ weekday: 7, start: '02:00', end: '04:00' }];
      expect(covers(sundayNight, request)).toBe(true);
      // Not shifted by the missing hour either way.
      expect(covers([{ weekday: 7, start: '03:00', end: '05:00' }], request)).toBe(false);
      expect(covers([{ weekday: 7, start: '01:00', end: '03:00' }], request)).toBe(false);
      const ctx = context(new Date(`${year}-03-01T10:00:00Z`));
      const result = checkEligibility(
        aRequest({ schedule: request }),
        aVolunteer({ availability: sundayNight, certificateInspectedOn: `${year - 1}-01-01` }),
        ctx,
      );
      expect(result.eligible).toBe(true);
    });
  });

  it('(e) should not change any score when all weights are doubled', () => {
    fc.assert(
      fc.property(request, volunteers(1, 15), now, weights, (req, candidates, at, ws) => {
        const doubled = Object.fromEntries(CRITERIA.map((c) => [c, ws[c] * 2])) as Record<Criterion, number>;
        const once = rankCandidates(req, candidates, context(at, { weights: ws, maxProposals: 20 }));
        const twice = rankCandidates(req, candidates, context(at, { weights: doubled, maxProposals: 20 }));
        expect(twice.ranked.map((r) => [r.volunteerId, r.score])).toEqual(
          once.ranked.map((r) => [r.volunteerId, r.score]),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('should never let a criterion that does not apply lower the score', () => {
    // Responsiveness without history lies between the same volunteer answering none and all offers.
    fc.assert(
      fc.property(request, volunteerFields, now, weights, (req, fields, at, ws) => {
        const ctx = context(at, { weights: ws });
        const score = (offered: number, answered: number) => {
          const result = explainVolunteer(
            req,
            { ...fields, id: 'v', answerHistory: { offered, answered } },
            ctx,
          );
          return result.eligible ? result.candidate.score : null;
        };
        const unknown = score(0, 0);
        if (unknown !== null) {
          expect(score(10, 0)!).toBeLessThanOrEqual(unknown);
          expect(score(10, 10)!).toBeGreaterThanOrEqual(unknown);
        }
      }),
      { numRuns: 300 },
    );
  });
});
