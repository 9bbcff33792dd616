import { EXCLUSION_REASON_LABELS, summariseExclusions } from './exclusions';
import { DEFAULT_MATCHING_POLICY as FROM_INDEX } from './index';
import { DEFAULT_MATCHING_POLICY, explainVolunteer, rankCandidates } from './rank-candidates';
import {
  aContext,
  aRequest,
  aVolunteer,
  kmNorthOf,
  REQUEST_LOCATION,
  TEST_POLICY,
  withPolicy,
} from './test-fixtures';
import { CRITERIA, EXCLUSION_REASONS, type ExclusionReason } from './types';

const ids = (result: { ranked: { volunteerId: string }[] }): string[] =>
  result.ranked.map((r) => r.volunteerId);

describe('DEFAULT_MATCHING_POLICY', () => {
  it('should hold the documented defaults', () => {
    // TEST_POLICY spells the documented defaults out value by value.
    expect(TEST_POLICY).toEqual(DEFAULT_MATCHING_POLICY);
    expect(FROM_INDEX).toBe(DEFAULT_MATCHING_POLICY);
  });

  it('should have weights summing to 1 so points read as percentages', () => {
    const total = CRITERIA.reduce((sum, c) => sum + DEFAULT_MATCHING_POLICY.weights[c], 0);
    expect(total).toBeCloseTo(1, 12);
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
    expect(best.breakdown.skills.explanation.de).toBe('vorhanden: Einkaufen, Fahrdienst');
    expect(second.breakdown.skills.explanation.de).toBe('vorhanden: Einkaufen; fehlt: Fahrdienst');
  });

  it('should give a total of the points rounded to one decimal', () => {
    const [ranked] = rankCandidates(
      aRequest(),
      [aVolunteer({ district: null, skills: ['shopping'] })],
      aContext(),
    ).ranked;
    const points = CRITERIA.reduce((sum, c) => sum + ranked.breakdown[c].points, 0);
    // Skills, distance, availability and fairness apply: (0.35 × 0.5 + 0.25 × 0.9 + 0.15 + 0.05) / 0.8
    expect(ranked.score).toBe(Math.round(points * 10) / 10);
    expect(ranked.score).toBe(75);
  });

  it('should explain a proposal in the agency words', () => {
    const [ranked] = rankCandidates(
      aRequest({ neededSkills: ['accompaniment.doctor'], neededLanguage: null, preferredLanguage: 'tr' }),
      [
        aVolunteer({
          skills: ['accompaniment'],
          languages: [{ code: 'tr', level: 'native' }],
          home: kmNorthOf(REQUEST_LOCATION, 1.2),
          availability: [{ weekday: 2, start: '09:00', end: '12:00' }],
          openAssignments: 1,
          offersLast7Days: 2,
          helpedThisPersonBefore: 2,
          answerHistory: { offered: 10, answered: 9 },
        }),
      ],
      aContext(),
    ).ranked;
    const de = Object.fromEntries(CRITERIA.map((c) => [c, ranked.breakdown[c].explanation.de]));
    expect(de).toEqual({
      skills: 'vorhanden: Begleitung zum Arzt (teilweise: Begleitung)',
      distance: '1,2 km entfernt, gleicher Stadtteil',
      availability: 'Di 9–12 Uhr frei',
      language: 'spricht Türkisch (Muttersprache)',
      continuity: 'hat dieser Person schon 2-mal geholfen',
      fairness: '1 offener Einsatz, 2 Anfragen in den letzten 7 Tagen',
      responsiveness: 'antwortet auf 90 % der Anfragen',
    });
  });

  it('should never rank a closer volunteer below a farther one, all else equal', () => {
    const volunteers = [3.5, 0.2, 4.8, 1, 2, 0.7].map((km) =>
      aVolunteer({ id: `at-${km}`, home: kmNorthOf(REQUEST_LOCATION, km) }),
    );
    const ranked = rankCandidates(aRequest(), volunteers, withPolicy({ maxProposals: 10 })).ranked;
    expect(ids({ ranked })).toEqual(['at-0.2', 'at-0.7', 'at-1', 'at-2', 'at-3.5', 'at-4.8']);
    ranked.slice(1).forEach((r, i) => expect(r.score).toBeLessThanOrEqual(ranked[i].score));
  });

  it('should prefer the volunteer with fewer open assignments and recent offers, all else equal', () => {
    const volunteers = [
      aVolunteer({ id: 'busy', openAssignments: 1, offersLast7Days: 2 }),
      aVolunteer({ id: 'idle' }),
    ];
    expect(ids(rankCandidates(aRequest(), volunteers, aContext()))).toEqual(['idle', 'busy']);
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
        withPolicy({ weights: { ...TEST_POLICY.weights, distance: 0 } }),
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
    ])('should propose at most %p, here %p', (maxProposals, expected) => {
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
        aVolunteer({ id: 'holiday', awayUntil: '2026-11-30' }),
        aVolunteer({ id: 'declined', askedForThisRequest: 'declined' }),
        aVolunteer({ id: 'many-offers', offersLast7Days: 3 }),
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
        ['holiday', 'away'],
        ['declined', 'already-asked'],
        ['many-offers', 'weekly-offer-cap'],
      ]);
      expect(result.excluded[1].explanation).toEqual({
        de: 'spricht kein Türkisch',
        en: 'does not speak Turkish',
      });
      expect(result.excluded[6].explanation.de).toBe('bis 30.11.2026 abwesend');
      expect(result.exclusionCounts).toEqual({
        'not-active': 2,
        away: 1,
        blocked: 0,
        'already-asked': 1,
        'under-minimum-age': 0,
        'language-missing': 1,
        'certificate-missing': 0,
        'certificate-expired': 1,
        'outside-radius': 1,
        'not-available': 0,
        'double-booked': 0,
        'at-capacity': 1,
        'weekly-offer-cap': 1,
      });
    });
  });
});

describe('explainVolunteer', () => {
  it('should give the score and breakdown exactly as the ranking does', () => {
    const volunteers = [
      aVolunteer({ id: 'a', skills: ['shopping'], answerHistory: { offered: 4, answered: 3 } }),
      aVolunteer({ id: 'b', home: kmNorthOf(REQUEST_LOCATION, 3) }),
    ];
    const { ranked } = rankCandidates(aRequest(), volunteers, aContext());
    for (const volunteer of volunteers) {
      const explained = explainVolunteer(aRequest(), volunteer, aContext());
      expect(explained).toEqual({
        eligible: true,
        candidate: ranked.find((r) => r.volunteerId === volunteer.id),
      });
    }
  });

  it('should explain an eligible volunteer left out by the proposal limit', () => {
    const volunteers = [
      aVolunteer({ id: 'near' }),
      aVolunteer({ id: 'farther', home: kmNorthOf(REQUEST_LOCATION, 4) }),
    ];
    const ctx = withPolicy({ maxProposals: 1 });
    expect(ids(rankCandidates(aRequest(), volunteers, ctx))).toEqual(['near']);
    const explained = explainVolunteer(aRequest(), volunteers[1], ctx);
    expect(explained.eligible && explained.candidate.breakdown.distance.explanation.de).toBe(
      '4,0 km entfernt, gleicher Stadtteil',
    );
  });

  it.each<[string, Parameters<typeof aVolunteer>[0], ExclusionReason, string]>([
    ['blocked', { blockedForThisRequest: true }, 'blocked', 'für diese Person gesperrt'],
    ['declined', { askedForThisRequest: 'declined' }, 'already-asked', 'hat diese Anfrage schon abgelehnt'],
    [
      'over the weekly cap',
      { offersLast7Days: 3 },
      'weekly-offer-cap',
      'schon 3 Anfragen diese Woche (Grenze 3)',
    ],
  ])('should give the rule that excludes a volunteer who is %s', (_, volunteer, reason, de) => {
    const explained = explainVolunteer(aRequest(), aVolunteer(volunteer), aContext());
    expect(explained).toEqual({ eligible: false, reason, explanation: { de, en: expect.any(String) } });
  });

  it('should say "unter 18 Jahre" for a minor where 18 is the minimum', () => {
    expect(
      explainVolunteer(aRequest({ minimumAge: 18 }), aVolunteer({ birthDate: '2010-01-01' }), aContext()),
    ).toEqual({
      eligible: false,
      reason: 'under-minimum-age',
      explanation: { de: 'unter 18 Jahre', en: 'under 18 years old' },
    });
  });
});

describe('EXCLUSION_REASON_LABELS / summariseExclusions', () => {
  it('should have a distinct label in both languages for every reason', () => {
    expect(Object.keys(EXCLUSION_REASON_LABELS)).toEqual([...EXCLUSION_REASONS]);
    const de = EXCLUSION_REASONS.map((r) => EXCLUSION_REASON_LABELS[r].de);
    const en = EXCLUSION_REASONS.map((r) => EXCLUSION_REASON_LABELS[r].en);
    expect(new Set(de).size).toBe(EXCLUSION_REASONS.length);
    expect(new Set(en).size).toBe(EXCLUSION_REASONS.length);
    expect(EXCLUSION_REASON_LABELS['language-missing']).toEqual({
      de: 'spricht die benötigte Sprache nicht',
      en: 'does not speak the needed language',
    });
  });

  it('should be frozen', () => {
    expect(Object.isFrozen(EXCLUSION_REASON_LABELS)).toBe(true);
    expect(Object.isFrozen(EXCLUSION_REASON_LABELS.away)).toBe(true);
  });

  it('should list the rules that excluded anyone, in rule order, in words', () => {
    const result = rankCandidates(
      aRequest(),
      [
        aVolunteer({ id: 'a', offersLast7Days: 5 }),
        aVolunteer({ id: 'b', languages: [] }),
        aVolunteer({ id: 'c', languages: [{ code: 'de', level: 'native' }] }),
        aVolunteer({ id: 'd', status: 'paused' }),
        aVolunteer({ id: 'e' }),
      ],
      aContext(),
    );
    expect(summariseExclusions(result)).toEqual([
      {
        reason: 'not-active',
        count: 1,
        label: { de: 'ist nicht aktiv', en: 'is not active' },
        text: { de: '1 × ist nicht aktiv', en: '1 × is not active' },
      },
      {
        reason: 'language-missing',
        count: 2,
        label: EXCLUSION_REASON_LABELS['language-missing'],
        text: {
          de: '2 × spricht die benötigte Sprache nicht',
          en: '2 × does not speak the needed language',
        },
      },
      {
        reason: 'weekly-offer-cap',
        count: 1,
        label: EXCLUSION_REASON_LABELS['weekly-offer-cap'],
        text: {
          de: '1 × hat diese Woche schon genug Anfragen',
          en: '1 × already had enough offers this week',
        },
      },
    ]);
  });

  it('should read a stored summary from before the new rules', () => {
    const stored = { exclusionCounts: { 'not-active': 0, 'outside-radius': 3 } };
    expect(summariseExclusions(stored).map((line) => line.text.de)).toEqual(['3 × wohnt zu weit weg']);
  });
});
