import fc from 'fast-check';
import { checkEligibility } from './eligibility';
import { DEFAULT_MATCHING_POLICY, rankCandidates } from './rank-candidates';
import { aContext, aRequest, aVolunteer, kmNorthOf, REQUEST_LOCATION, TEST_POLICY } from './test-fixtures';
import {
  EXCLUSION_REASONS,
  LANGUAGE_LEVELS,
  VOLUNTEER_STATUSES,
  type CandidateVolunteer,
  type MatchableRequest,
  type MatchingPolicy,
  type RequestSchedule,
  type Weekday,
  type WeeklySlot,
} from './types';

const withPolicy = (policy: Partial<MatchingPolicy>) => aContext({ policy: { ...TEST_POLICY, ...policy } });
const ids = (result: { ranked: { volunteerId: string }[] }): string[] =>
  result.ranked.map((r) => r.volunteerId);

describe('DEFAULT_MATCHING_POLICY', () => {
  it('should weigh skills, distance and availability 50/30/20 and propose at most 5', () => {
    expect(DEFAULT_MATCHING_POLICY).toEqual({
      weights: { skills: 0.5, distance: 0.3, availability: 0.2 },
      certificateValidityYears: 5,
      maxProposals: 5,
      distanceHalfScoreKm: 3,
    });
  });

  it('should not be changeable by accident', () => {
    expect(Object.isFrozen(DEFAULT_MATCHING_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_MATCHING_POLICY.weights)).toBe(true);
  });
});

describe('rankCandidates', () => {
  it('should propose eligible volunteers best first with their breakdown', () => {
    const result = rankCandidates(
      aRequest(),
      [
        aVolunteer({ id: 'one-skill', skills: ['shopping'] }),
        aVolunteer({ id: 'both-skills' }),
        aVolunteer({ id: 'paused', status: 'paused' }),
      ],
      aContext(),
    );
    expect(ids(result)).toEqual(['both-skills', 'one-skill']);
    const [best, second] = result.ranked;
    expect(best.score).toBeGreaterThan(second.score);
    expect(best.distanceKm).toBeCloseTo(1, 9);
    expect(best.breakdown.skills.explanation.de).toBe('Fähigkeiten: 2 von 2 (shopping, driving)');
  });

  it('should give a total of the points rounded to one decimal', () => {
    const [ranked] = rankCandidates(
      aRequest(),
      [aVolunteer({ district: null, skills: ['shopping'] })],
      aContext(),
    ).ranked;
    const { skills, distance, availability } = ranked.breakdown;
    // 0.5 × 0.5 + 0.3 × 9/10 + 0.2 × 1 → 72.0
    expect(ranked.score).toBe(Math.round((skills.points + distance.points + availability.points) * 10) / 10);
    expect(ranked.score).toBe(72);
  });

  it('should never rank a closer volunteer below a farther one, all else equal', () => {
    const volunteers = [3.5, 0.2, 4.8, 1, 2, 0.7].map((km) =>
      aVolunteer({ id: `at-${km}`, home: kmNorthOf(REQUEST_LOCATION, km) }),
    );
    const ranked = rankCandidates(aRequest(), volunteers, withPolicy({ maxProposals: 10 })).ranked;
    expect(ids({ ranked })).toEqual(['at-0.2', 'at-0.7', 'at-1', 'at-2', 'at-3.5', 'at-4.8']);
    ranked.slice(1).forEach((r, i) => expect(r.score).toBeLessThanOrEqual(ranked[i].score));
  });

  describe('tie-break', () => {
    it('should put the closer volunteer first when scores are equal', () => {
      const volunteers = [
        aVolunteer({ id: 'far', home: kmNorthOf(REQUEST_LOCATION, 4) }),
        aVolunteer({ id: 'near', home: kmNorthOf(REQUEST_LOCATION, 2) }),
      ];
      const result = rankCandidates(
        aRequest(),
        volunteers,
        withPolicy({ weights: { skills: 1, distance: 0, availability: 1 } }),
      );
      expect(result.ranked.map((r) => r.score)).toEqual([100, 100]);
      expect(ids(result)).toEqual(['near', 'far']);
    });

    it('should order by volunteer id when score and distance are equal', () => {
      const volunteers = ['v-b', 'v-10', 'v-a', 'V-c', 'v-2'].map((id) => aVolunteer({ id }));
      expect(ids(rankCandidates(aRequest(), volunteers, aContext()))).toEqual([
        'V-c',
        'v-10',
        'v-2',
        'v-a',
        'v-b',
      ]);
    });

    it('should give the same order whatever order the candidates come in', () => {
      const volunteers = Array.from({ length: 12 }, (_, i) =>
        aVolunteer({
          id: `v-${i}`,
          home: kmNorthOf(REQUEST_LOCATION, i % 3),
          skills: i % 2 ? ['shopping'] : ['driving'],
        }),
      );
      const ctx = withPolicy({ maxProposals: 12 });
      const expected = ids(rankCandidates(aRequest(), volunteers, ctx));
      expect(ids(rankCandidates(aRequest(), [...volunteers].reverse(), ctx))).toEqual(expected);
      expect(
        ids(rankCandidates(aRequest(), [...volunteers.slice(5), ...volunteers.slice(0, 5)], ctx)),
      ).toEqual(expected);
    });
  });

  describe('maxProposals', () => {
    const eight = Array.from({ length: 8 }, (_, i) =>
      aVolunteer({ id: `v-${i}`, home: kmNorthOf(REQUEST_LOCATION, i * 0.5) }),
    );

    it.each([
      [5, 5],
      [3, 3],
      [0, 0],
      [20, 8],
    ])('should propose at most %p when allowed %p', (maxProposals, expected) => {
      const result = rankCandidates(aRequest(), eight, withPolicy({ maxProposals }));
      expect(result.ranked).toHaveLength(expected);
      expect(ids(result)).toEqual(eight.slice(0, expected).map((v) => v.id));
    });

    it('should not list eligible volunteers beyond the limit as excluded', () => {
      const result = rankCandidates(aRequest(), eight, withPolicy({ maxProposals: 2 }));
      expect(result.excluded).toEqual([]);
    });
  });

  describe('exclusions', () => {
    it('should report every reason with 0 when nobody is excluded', () => {
      const result = rankCandidates(aRequest(), [], aContext());
      expect(result).toEqual({
        ranked: [],
        excluded: [],
        exclusionCounts: Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])),
      });
    });

    it('should count and explain every excluded volunteer', () => {
      const volunteers = [
        aVolunteer({ id: 'paused-1', status: 'paused' }),
        aVolunteer({ id: 'ok' }),
        aVolunteer({ id: 'arabic', languages: [{ code: 'ar', level: 'native' }] }),
        aVolunteer({ id: 'pending', status: 'pending' }),
        aVolunteer({ id: 'far', home: kmNorthOf(REQUEST_LOCATION, 20) }),
        aVolunteer({ id: 'busy', openAssignments: 2 }),
        aVolunteer({ id: 'old-certificate', certificateInspectedOn: '2015-05-05' }),
      ];
      const result = rankCandidates(aRequest(), volunteers, aContext());
      expect(ids(result)).toEqual(['ok']);
      expect(result.excluded.map((e) => [e.volunteerId, e.reason])).toEqual([
        ['paused-1', 'not-active'],
        ['arabic', 'language-missing'],
        ['pending', 'not-active'],
        ['far', 'outside-radius'],
        ['busy', 'at-capacity'],
        ['old-certificate', 'certificate-expired'],
      ]);
      expect(result.excluded[1].explanation).toEqual({
        de: 'spricht kein Türkisch',
        en: 'does not speak Turkish',
      });
      expect(result.exclusionCounts).toEqual({
        'not-active': 2,
        'language-missing': 1,
        'certificate-missing': 0,
        'certificate-expired': 1,
        'outside-radius': 1,
        'not-available': 0,
        'at-capacity': 1,
      });
    });
  });

  describe('properties', () => {
    const clock = (minutes: number): string =>
      `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
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
    const date = fc
      .date({
        min: new Date('2018-01-01T00:00:00Z'),
        max: new Date('2026-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    const language = fc.constantFrom('de', 'tr', 'ar', 'kmr', 'ckb');
    const skills = fc.subarray(['shopping', 'driving', 'tutoring', 'paperwork']);
    const district = fc.constantFrom(null, 'Mitte', 'Wedding');
    const near = fc.record({
      lat: fc.double({ min: 52.45, max: 52.59, noNaN: true }),
      lon: fc.double({ min: 13.3, max: 13.5, noNaN: true }),
    });

    const schedule: fc.Arbitrary<RequestSchedule> = fc.oneof(
      fc
        .tuple(date, slot)
        .map(([d, s]): RequestSchedule => ({ kind: 'one-off', date: d, start: s.start, end: s.end })),
      fc
        .array(slot, { minLength: 1, maxLength: 2 })
        .map((slots): RequestSchedule => ({ kind: 'weekly', slots })),
    );
    const request: fc.Arbitrary<MatchableRequest> = fc.record({
      id: fc.constant('request'),
      neededSkills: skills,
      neededLanguage: fc.option(language, { nil: null, freq: 2 }),
      requiresCertificate: fc.boolean(),
      location: near,
      district,
      schedule,
    });
    const wholeDays = fc
      .uniqueArray(weekday, { minLength: 2, maxLength: 7 })
      .map((days) => days.map((d): WeeklySlot => ({ weekday: d, start: '00:00', end: '24:00' })));
    // Skewed towards eligible volunteers so that the property has proposals to check.
    const volunteer: fc.Arbitrary<Omit<CandidateVolunteer, 'id'>> = fc.record({
      status: fc.oneof(
        { arbitrary: fc.constant('active' as const), weight: 3 },
        { arbitrary: fc.constantFrom(...VOLUNTEER_STATUSES), weight: 1 },
      ),
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
      maxOpenAssignments: fc.integer({ min: 0, max: 3 }),
      openAssignments: fc.integer({ min: 0, max: 1 }),
      certificateInspectedOn: fc.option(date, { nil: null, freq: 4 }),
    });
    const volunteers = fc
      .array(volunteer, { minLength: 5, maxLength: 25, size: 'max' })
      .map((list) =>
        list.map((v, i): CandidateVolunteer => ({ ...v, id: `v-${String(i).padStart(2, '0')}` })),
      );

    it('should never propose a volunteer who breaks a hard rule', () => {
      // Counted so the property cannot pass by never proposing anyone.
      let proposed = 0;
      fc.assert(
        fc.property(request, volunteers, fc.integer({ min: 0, max: 8 }), (req, candidates, maxProposals) => {
          const ctx = withPolicy({ maxProposals });
          const result = rankCandidates(req, candidates, ctx);
          proposed += result.ranked.length;
          const byId = new Map(candidates.map((v) => [v.id, v]));
          const eligible = candidates.filter((v) => checkEligibility(req, v, ctx).eligible);

          expect(result.ranked.length).toBeLessThanOrEqual(maxProposals);
          expect(result.ranked).toHaveLength(Math.min(maxProposals, eligible.length));
          expect(result.excluded).toHaveLength(candidates.length - eligible.length);
          expect(Object.values(result.exclusionCounts).reduce((a, b) => a + b, 0)).toBe(
            result.excluded.length,
          );
          for (const ranked of result.ranked) {
            const candidate = byId.get(ranked.volunteerId);
            expect(candidate && checkEligibility(req, candidate, ctx).eligible).toBe(true);
            expect(ranked.score).toBeGreaterThanOrEqual(0);
            expect(ranked.score).toBeLessThanOrEqual(100);
          }
        }),
        { numRuns: 300 },
      );
      expect(proposed).toBeGreaterThan(50);
    });
  });
});
