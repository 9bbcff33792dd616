import {
  LANGUAGE_LEVEL_FIT,
  normaliseWeights,
  rateAvailability,
  rateContinuity,
  rateDistance,
  rateFairness,
  rateLanguage,
  rateResponsiveness,
  rateSkills,
  scoreCandidate,
  totalScore,
  weighRatings,
  type CandidateRatings,
} from './score';
import { aRequest, aVolunteer, TEST_POLICY, TEST_SKILLS } from './test-fixtures';
import {
  CRITERIA,
  EMPTY_SKILL_TAXONOMY,
  type CandidateVolunteer,
  type Criterion,
  type CriterionScore,
  type MatchingPolicy,
  type ScoreBreakdown,
} from './types';
import { LANGUAGE_LEVELS, type LanguageLevel } from '../../shared/volunteer-profile';
import { type WeeklySlot } from '../../shared/schedule';

const policy = (overrides: Partial<MatchingPolicy> = {}): MatchingPolicy => ({
  ...TEST_POLICY,
  ...overrides,
});
const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
const EQUAL_WEIGHTS = Object.fromEntries(CRITERIA.map((c) => [c, 1])) as Record<Criterion, number>;

describe('normaliseWeights', () => {
  it('should scale the weights to sum 1 keeping their ratios', () => {
    const weights = normaliseWeights({
      skills: 7,
      distance: 5,
      availability: 3,
      language: 2,
      continuity: 1,
      fairness: 1,
      responsiveness: 1,
    });
    expect(weights.skills).toBeCloseTo(0.35, 12);
    expect(weights.distance).toBeCloseTo(0.25, 12);
    expect(weights.availability).toBeCloseTo(0.15, 12);
    expect(weights.language).toBeCloseTo(0.1, 12);
    expect(weights.responsiveness).toBeCloseTo(0.05, 12);
    expect(sum(Object.values(weights))).toBeCloseTo(1, 12);
  });

  it('should give criteria that do not apply weight 0 and spread theirs in proportion', () => {
    const weights = normaliseWeights(TEST_POLICY.weights, {
      language: false,
      continuity: false,
      responsiveness: false,
    });
    // 0.35 + 0.25 + 0.15 + 0.05 = 0.8 remain.
    expect(weights.skills).toBeCloseTo(0.35 / 0.8, 12);
    expect(weights.distance).toBeCloseTo(0.25 / 0.8, 12);
    expect(weights.availability).toBeCloseTo(0.15 / 0.8, 12);
    expect(weights.fairness).toBeCloseTo(0.05 / 0.8, 12);
    expect([weights.language, weights.continuity, weights.responsiveness]).toEqual([0, 0, 0]);
    expect(sum(Object.values(weights))).toBeCloseTo(1, 12);
  });

  it('should use equal weights when all are zero', () => {
    const zero = Object.fromEntries(CRITERIA.map((c) => [c, 0])) as Record<Criterion, number>;
    expect(normaliseWeights(zero)).toEqual(Object.fromEntries(CRITERIA.map((c) => [c, 1 / 7])));
  });

  it('should share equally among the applicable criteria when all their weights are zero', () => {
    const onlyLanguage = { ...Object.fromEntries(CRITERIA.map((c) => [c, 0])), language: 1 } as Record<
      Criterion,
      number
    >;
    const weights = normaliseWeights(onlyLanguage, { language: false, continuity: false });
    expect(weights.language).toBe(0);
    expect(weights.continuity).toBe(0);
    expect(weights.skills).toBe(1 / 5);
  });

  it('should count negative and non-numeric weights as zero', () => {
    const weights = normaliseWeights({
      ...TEST_POLICY.weights,
      skills: -1,
      distance: Number.NaN,
      availability: Number.POSITIVE_INFINITY,
    });
    expect([weights.skills, weights.distance, weights.availability]).toEqual([0, 0, 0]);
    expect(weights.language).toBeCloseTo(0.1 / 0.25, 12);
  });
});

describe('rateSkills', () => {
  it.each<[string, string[], string[], string[], number, string, string]>([
    [
      'all needed skills',
      ['shopping', 'driving'],
      [],
      ['driving', 'shopping'],
      1,
      'vorhanden: Einkaufen, Fahrdienst',
      'has: Shopping, Driving',
    ],
    [
      'one of two needed skills',
      ['shopping', 'driving'],
      [],
      ['shopping'],
      0.5,
      'vorhanden: Einkaufen; fehlt: Fahrdienst',
      'has: Shopping; missing: Driving',
    ],
    [
      'two of three needed skills',
      ['shopping', 'driving', 'paperwork'],
      [],
      ['shopping', 'driving', 'tutoring'],
      2 / 3,
      'vorhanden: Einkaufen, Fahrdienst; fehlt: Papierkram',
      'has: Shopping, Driving; missing: Paperwork',
    ],
    [
      'none of the needed skills',
      ['paperwork'],
      [],
      ['shopping'],
      0,
      'fehlende Fähigkeiten: Papierkram',
      'missing skills: Paperwork',
    ],
    [
      'a needed skill asked for twice',
      ['shopping', 'shopping', 'driving'],
      [],
      ['shopping'],
      0.5,
      'vorhanden: Einkaufen; fehlt: Fahrdienst',
      'has: Shopping; missing: Driving',
    ],
    [
      'only the parent of the needed skill, for half',
      ['accompaniment.doctor'],
      [],
      ['accompaniment'],
      0.5,
      'vorhanden: Begleitung zum Arzt (teilweise: Begleitung)',
      'has: Accompaniment to the doctor (partly: Accompaniment)',
    ],
    [
      'a child of the needed skill, in full',
      ['accompaniment'],
      [],
      ['accompaniment.doctor'],
      1,
      'vorhanden: Begleitung (als Begleitung zum Arzt)',
      'has: Accompaniment (as Accompaniment to the doctor)',
    ],
    [
      'a sibling of the needed skill, not at all',
      ['accompaniment.doctor'],
      [],
      ['accompaniment.authority'],
      0,
      'fehlende Fähigkeiten: Begleitung zum Arzt',
      'missing skills: Accompaniment to the doctor',
    ],
    [
      'the skill itself rather than its parent',
      ['accompaniment.doctor'],
      [],
      ['accompaniment', 'accompaniment.doctor'],
      1,
      'vorhanden: Begleitung zum Arzt',
      'has: Accompaniment to the doctor',
    ],
    [
      'needed skills without the nice-to-have one, for 70 %',
      ['shopping'],
      ['driving'],
      ['shopping'],
      0.7,
      'vorhanden: Einkaufen',
      'has: Shopping',
    ],
    [
      'needed and nice-to-have skills',
      ['shopping'],
      ['driving'],
      ['shopping', 'driving'],
      1,
      'vorhanden: Einkaufen; gern gesehen: Fahrdienst',
      'has: Shopping; nice to have: Driving',
    ],
    [
      'only the nice-to-have skill',
      ['shopping'],
      ['driving'],
      ['driving'],
      0.3,
      'fehlende Fähigkeiten: Einkaufen; gern gesehen: Fahrdienst',
      'missing skills: Shopping; nice to have: Driving',
    ],
    [
      'none of the nice-to-have skills when nothing is needed',
      [],
      ['driving', 'paperwork'],
      [],
      0.7,
      'keine der gewünschten Fähigkeiten (Fahrdienst, Papierkram)',
      'none of the nice-to-have skills (Driving, Paperwork)',
    ],
    [
      'one of two nice-to-have skills when nothing is needed',
      [],
      ['driving', 'paperwork'],
      ['paperwork'],
      0.85,
      'gern gesehen: Papierkram',
      'nice to have: Paperwork',
    ],
    [
      'a skill both needed and nice to have, counted as needed',
      ['shopping'],
      ['shopping'],
      ['shopping'],
      1,
      'vorhanden: Einkaufen',
      'has: Shopping',
    ],
    [
      'a nice-to-have parent skill, for half of its share',
      [],
      ['accompaniment.doctor'],
      ['accompaniment'],
      0.85,
      'gern gesehen: Begleitung zum Arzt (teilweise: Begleitung)',
      'nice to have: Accompaniment to the doctor (partly: Accompaniment)',
    ],
    [
      'a skill missing from the taxonomy, by its key',
      ['tutoring'],
      [],
      ['tutoring'],
      1,
      'vorhanden: tutoring',
      'has: tutoring',
    ],
  ])('should rate %s', (_, neededSkills, niceToHaveSkills, skills, fit, de, en) => {
    const rating = rateSkills(
      aRequest({ neededSkills, niceToHaveSkills }),
      aVolunteer({ skills }),
      TEST_POLICY,
      TEST_SKILLS,
    );
    expect(rating.applicable).toBe(true);
    expect(rating.fit).toBeCloseTo(fit, 12);
    expect(rating.explanation).toEqual({ de, en });
  });

  it('should not apply when the request lists no skills', () => {
    expect(rateSkills(aRequest({ neededSkills: [] }), aVolunteer(), TEST_POLICY, TEST_SKILLS)).toEqual({
      applicable: false,
      fit: 0,
      explanation: { de: 'keine besonderen Fähigkeiten nötig', en: 'no particular skills needed' },
    });
  });

  it('should show keys and know no parents with the empty taxonomy', () => {
    const rating = rateSkills(
      aRequest({ neededSkills: ['accompaniment.doctor'] }),
      aVolunteer({ skills: ['accompaniment'] }),
      TEST_POLICY,
      EMPTY_SKILL_TAXONOMY,
    );
    expect(rating.fit).toBe(0);
    expect(rating.explanation.de).toBe('fehlende Fähigkeiten: accompaniment.doctor');
  });

  it.each([
    [0, 0],
    [0.25, 0.25],
    [1, 1],
  ])('should give a parent skill the credit %p of the policy', (parentSkillCredit, fit) => {
    const rating = rateSkills(
      aRequest({ neededSkills: ['accompaniment.doctor'] }),
      aVolunteer({ skills: ['accompaniment'] }),
      policy({ parentSkillCredit }),
      TEST_SKILLS,
    );
    expect(rating.fit).toBe(fit);
  });

  it.each([
    [0, 1],
    [0.5, 0.5],
  ])('should give nice-to-have skills the share %p of the policy', (niceToHaveShare, fit) => {
    const rating = rateSkills(
      aRequest({ neededSkills: ['shopping'], niceToHaveSkills: ['driving'] }),
      aVolunteer({ skills: ['shopping'] }),
      policy({ niceToHaveShare }),
      TEST_SKILLS,
    );
    expect(rating.fit).toBe(fit);
  });

  it('should survive a taxonomy with a parent cycle', () => {
    const cyclic = { a: { de: 'A', en: 'A', parent: 'b' }, b: { de: 'B', en: 'B', parent: 'a' } };
    const rating = rateSkills(
      aRequest({ neededSkills: ['a'] }),
      aVolunteer({ skills: ['b'] }),
      TEST_POLICY,
      cyclic,
    );
    expect(rating.fit).toBe(1);
  });
});

describe('rateDistance', () => {
  const otherDistrict = aVolunteer({ district: 'Wedding' });

  it('should fit fully on the spot and half at the half-score distance', () => {
    expect(rateDistance(aRequest(), otherDistrict, 0, TEST_POLICY).fit).toBe(1);
    expect(rateDistance(aRequest(), otherDistrict, 3, TEST_POLICY).fit).toBe(0.5);
    expect(rateDistance(aRequest(), otherDistrict, 6, TEST_POLICY).fit).toBeCloseTo(9 / 45, 12);
    expect(rateDistance(aRequest(), otherDistrict, 5, policy({ distanceHalfScoreKm: 5 })).fit).toBe(0.5);
  });

  it('should say the distance with one decimal', () => {
    expect(rateDistance(aRequest(), otherDistrict, 1.23, TEST_POLICY).explanation).toEqual({
      de: '1,2 km entfernt',
      en: '1.2 km away',
    });
  });

  it('should add the bonus of the policy and say so for the same district', () => {
    const rating = rateDistance(
      aRequest({ district: 'Mitte' }),
      aVolunteer({ district: 'Mitte' }),
      3,
      TEST_POLICY,
    );
    expect(rating.fit).toBeCloseTo(0.6, 12);
    expect(rating.explanation).toEqual({
      de: '3,0 km entfernt, gleicher Stadtteil',
      en: '3.0 km away, same district',
    });
    expect(rateDistance(aRequest(), aVolunteer(), 3, policy({ sameDistrictBonus: 0.25 })).fit).toBe(0.75);
    expect(rateDistance(aRequest(), aVolunteer(), 3, policy({ sameDistrictBonus: 0 })).fit).toBe(0.5);
  });

  it('should cap the fit at 1 with the district bonus', () => {
    expect(rateDistance(aRequest(), aVolunteer(), 0.2, TEST_POLICY).fit).toBe(1);
  });

  it.each<[string | null, string | null]>([
    [null, null],
    ['Mitte', null],
    [null, 'Mitte'],
    ['Mitte', 'Wedding'],
  ])('should give no bonus when the districts are %p and %p', (requestDistrict, volunteerDistrict) => {
    const rating = rateDistance(
      aRequest({ district: requestDistrict }),
      aVolunteer({ district: volunteerDistrict }),
      3,
      TEST_POLICY,
    );
    expect(rating.fit).toBe(0.5);
    expect(rating.explanation.de).toBe('3,0 km entfernt');
  });

  it('should fall strictly with distance outside the same district', () => {
    const fits = [0, 0.5, 1, 2, 3, 5, 10, 20, 50].map(
      (km) => rateDistance(aRequest(), otherDistrict, km, TEST_POLICY).fit,
    );
    fits.slice(1).forEach((fit, i) => expect(fit).toBeLessThan(fits[i]));
  });
});

describe('rateAvailability', () => {
  const tuesday = (start: string, end: string): WeeklySlot => ({ weekday: 2, start, end });

  it('should fit fully and name the free slot', () => {
    const rating = rateAvailability(aRequest(), aVolunteer({ availability: [tuesday('09:00', '12:00')] }));
    expect(rating).toEqual({
      applicable: true,
      fit: 1,
      explanation: { de: 'Di 9–12 Uhr frei', en: 'Tue 9am–12pm free' },
    });
  });

  it('should list at most two overlapping slots and leave out the others', () => {
    const availability: WeeklySlot[] = [
      tuesday('11:00', '12:00'),
      { weekday: 5, start: '09:00', end: '12:00' },
      tuesday('10:00', '11:00'),
      tuesday('09:00', '10:00'),
    ];
    expect(rateAvailability(aRequest(), aVolunteer({ availability })).explanation).toEqual({
      de: 'Di 9–10 Uhr, Di 10–11 Uhr … frei',
      en: 'Tue 9am–10am, Tue 10am–11am … free',
    });
  });

  it('should give the covered share when only part of the time is free', () => {
    const rating = rateAvailability(aRequest(), aVolunteer({ availability: [tuesday('10:30', '13:00')] }));
    expect(rating.fit).toBe(0.5);
    expect(rating.explanation).toEqual({
      de: 'Di 10:30–13 Uhr frei (deckt 50 % ab)',
      en: 'Tue 10:30am–1pm free (covers 50%)',
    });
  });

  it('should rate 0 when nothing overlaps', () => {
    const rating = rateAvailability(aRequest(), aVolunteer({ availability: [tuesday('13:00', '15:00')] }));
    expect(rating.fit).toBe(0);
    expect(rating.explanation).toEqual({
      de: 'zur gewünschten Zeit nicht frei',
      en: 'not free at the requested time',
    });
  });
});

describe('rateLanguage', () => {
  it.each<[LanguageLevel, number, string, string]>([
    ['native', 1, 'spricht Arabisch (Muttersprache)', 'speaks Arabic (native)'],
    ['C2', 1, 'spricht Arabisch (C2)', 'speaks Arabic (C2)'],
    ['C1', 0.9, 'spricht Arabisch (C1)', 'speaks Arabic (C1)'],
    ['B2', 0.75, 'spricht Arabisch (B2)', 'speaks Arabic (B2)'],
    ['B1', 0.5, 'spricht Arabisch (B1)', 'speaks Arabic (B1)'],
    ['A2', 0.25, 'spricht Arabisch (A2)', 'speaks Arabic (A2)'],
    ['A1', 0.1, 'spricht Arabisch (A1)', 'speaks Arabic (A1)'],
  ])('should rate the preferred language at level %s with %p', (level, fit, de, en) => {
    const volunteer = aVolunteer({
      languages: [
        { code: 'tr', level: 'B2' },
        { code: 'ar', level },
      ],
    });
    expect(rateLanguage(aRequest({ preferredLanguage: 'ar' }), volunteer)).toEqual({
      applicable: true,
      fit,
      explanation: { de, en },
    });
  });

  it('should have a fit for every level, rising with the level', () => {
    const fits = LANGUAGE_LEVELS.map((level) => LANGUAGE_LEVEL_FIT[level]);
    fits.slice(1).forEach((fit, i) => expect(fit).toBeGreaterThanOrEqual(fits[i]));
  });

  it('should say "spricht Türkisch (Muttersprache)" when Turkish is preferred but not required', () => {
    const rating = rateLanguage(
      aRequest({ neededLanguage: null, preferredLanguage: 'tr' }),
      aVolunteer({ languages: [{ code: 'tr', level: 'native' }] }),
    );
    expect(rating.explanation).toEqual({
      de: 'spricht Türkisch (Muttersprache)',
      en: 'speaks Turkish (native)',
    });
  });

  it('should take the best level when a language is listed twice', () => {
    const volunteer = aVolunteer({
      languages: [
        { code: 'ar', level: 'A2' },
        { code: 'ar', level: 'C1' },
      ],
    });
    expect(rateLanguage(aRequest({ preferredLanguage: 'ar' }), volunteer).fit).toBe(0.9);
  });

  it('should rate 0 and say so when the volunteer does not speak it', () => {
    expect(rateLanguage(aRequest({ preferredLanguage: 'ar' }), aVolunteer())).toEqual({
      applicable: true,
      fit: 0,
      explanation: {
        de: 'spricht kein Arabisch (Wunschsprache)',
        en: 'does not speak Arabic (preferred language)',
      },
    });
    expect(rateLanguage(aRequest({ preferredLanguage: 'wo' }), aVolunteer()).explanation).toEqual({
      de: 'spricht die Wunschsprache nicht (wo)',
      en: 'does not speak the preferred language (wo)',
    });
  });

  it('should name a language without a built-in name by its code', () => {
    const volunteer = aVolunteer({ languages: [{ code: 'wo', level: 'B1' }] });
    expect(rateLanguage(aRequest({ preferredLanguage: 'wo' }), volunteer).explanation.de).toBe(
      'spricht wo (B1)',
    );
  });

  it.each([
    ['without a preferred language', null, 'keine Wunschsprache angegeben', 'no preferred language given'],
    [
      'when the preferred language is the needed one',
      'tr',
      'keine Wunschsprache über die benötigte hinaus',
      'no preferred language beyond the needed one',
    ],
  ])('should not apply %s', (_, preferredLanguage, de, en) => {
    expect(rateLanguage(aRequest({ preferredLanguage }), aVolunteer())).toEqual({
      applicable: false,
      fit: 0,
      explanation: { de, en },
    });
  });
});

describe('rateContinuity', () => {
  it.each<[number, boolean, number, string, string]>([
    [0, false, 0, 'hat dieser Person noch nicht geholfen', 'has not helped this person before'],
    [-1, false, 0, 'hat dieser Person noch nicht geholfen', 'has not helped this person before'],
    [Number.NaN, false, 0, 'hat dieser Person noch nicht geholfen', 'has not helped this person before'],
    [1, true, 1, 'hat dieser Person schon einmal geholfen', 'has helped this person once before'],
    [2, true, 1, 'hat dieser Person schon 2-mal geholfen', 'has helped this person 2 times before'],
    [7, true, 1, 'hat dieser Person schon 7-mal geholfen', 'has helped this person 7 times before'],
  ])('should rate %p earlier assignments', (helpedThisPersonBefore, applicable, fit, de, en) => {
    expect(rateContinuity(aVolunteer({ helpedThisPersonBefore }))).toEqual({
      applicable,
      fit,
      explanation: { de, en },
    });
  });
});

describe('rateFairness', () => {
  it.each<[number, number, number, string, string]>([
    [
      0,
      0,
      1,
      'keine offenen Einsätze, keine Anfragen in den letzten 7 Tagen',
      'no open assignments, no offers in the last 7 days',
    ],
    [
      1,
      1,
      0.7,
      '1 offener Einsatz, 1 Anfrage in den letzten 7 Tagen',
      '1 open assignment, 1 offer in the last 7 days',
    ],
    [
      3,
      2,
      0.2,
      '3 offene Einsätze, 2 Anfragen in den letzten 7 Tagen',
      '3 open assignments, 2 offers in the last 7 days',
    ],
    [
      0,
      4,
      0.6,
      'keine offenen Einsätze, 4 Anfragen in den letzten 7 Tagen',
      'no open assignments, 4 offers in the last 7 days',
    ],
    [
      4,
      3,
      0,
      '4 offene Einsätze, 3 Anfragen in den letzten 7 Tagen',
      '4 open assignments, 3 offers in the last 7 days',
    ],
    [
      6,
      0,
      0,
      '6 offene Einsätze, keine Anfragen in den letzten 7 Tagen',
      '6 open assignments, no offers in the last 7 days',
    ],
  ])(
    'should rate %p open assignments and %p recent offers',
    (openAssignments, offersLast7Days, fit, de, en) => {
      const rating = rateFairness(aVolunteer({ openAssignments, offersLast7Days }), TEST_POLICY);
      expect(rating.applicable).toBe(true);
      expect(rating.fit).toBeCloseTo(fit, 12);
      expect(rating.explanation).toEqual({ de, en });
    },
  );

  it('should follow the penalties of the policy', () => {
    const volunteer = aVolunteer({ openAssignments: 1, offersLast7Days: 2 });
    expect(
      rateFairness(volunteer, policy({ fairnessOpenAssignmentPenalty: 0.5, fairnessRecentOfferPenalty: 0 }))
        .fit,
    ).toBe(0.5);
    expect(
      rateFairness(volunteer, policy({ fairnessOpenAssignmentPenalty: 0, fairnessRecentOfferPenalty: 0.25 }))
        .fit,
    ).toBe(0.5);
  });
});

describe('rateResponsiveness', () => {
  const rate = (offered: number, answered: number, overrides: Partial<MatchingPolicy> = {}) =>
    rateResponsiveness(aVolunteer({ answerHistory: { offered, answered } }), policy(overrides));

  it.each<[number, number, number, string, string]>([
    [10, 9, 0.9, 'antwortet auf 90 % der Anfragen', 'answers 90% of offers'],
    [3, 3, 1, 'antwortet auf 100 % der Anfragen', 'answers 100% of offers'],
    [3, 2, 2 / 3, 'antwortet auf 66 % der Anfragen', 'answers 66% of offers'],
    [4, 0, 0, 'antwortet auf 0 % der Anfragen', 'answers 0% of offers'],
    [4, 6, 1, 'antwortet auf 100 % der Anfragen', 'answers 100% of offers'],
  ])('should rate %p offers with %p answers', (offered, answered, fit, de, en) => {
    const rating = rate(offered, answered);
    expect(rating.applicable).toBe(true);
    expect(rating.fit).toBeCloseTo(fit, 12);
    expect(rating.explanation).toEqual({ de, en });
  });

  it.each<[number, string, string]>([
    [0, 'noch keine Antworthistorie', 'no answer history yet'],
    [1, 'erst 1 Anfrage, noch keine Antwortquote', 'only 1 offer so far, no answer rate yet'],
    [2, 'erst 2 Anfragen, noch keine Antwortquote', 'only 2 offers so far, no answer rate yet'],
  ])('should not apply with %p offers', (offered, de, en) => {
    expect(rate(offered, 0)).toEqual({ applicable: false, fit: 0, explanation: { de, en } });
  });

  it('should follow the minimum of the policy', () => {
    expect(rate(5, 5, { responsivenessMinOffers: 6 }).applicable).toBe(false);
    expect(rate(1, 0, { responsivenessMinOffers: 1 }).applicable).toBe(true);
  });
});

describe('scoreCandidate / weighRatings / totalScore', () => {
  const score = (volunteer: Partial<CandidateVolunteer>, p: MatchingPolicy = TEST_POLICY): ScoreBreakdown =>
    scoreCandidate(aRequest(), aVolunteer(volunteer), 1, p, TEST_SKILLS);

  it('should list every criterion, applicable or not, with an explanation', () => {
    const breakdown = score({});
    expect(Object.keys(breakdown)).toEqual([...CRITERIA]);
    expect(breakdown.responsiveness).toEqual({
      applicable: false,
      fit: 0,
      weight: 0,
      points: 0,
      explanation: { de: 'noch keine Antworthistorie', en: 'no answer history yet' },
    });
    for (const criterion of CRITERIA) {
      expect(breakdown[criterion].explanation.de).not.toBe('');
      expect(breakdown[criterion].explanation.en).not.toBe('');
    }
  });

  it('should give the applicable criteria weights summing to 1', () => {
    const breakdown = score({ answerHistory: { offered: 10, answered: 5 } });
    const applicable = CRITERIA.filter((c) => breakdown[c].applicable);
    expect(applicable).toEqual(['skills', 'distance', 'availability', 'fairness', 'responsiveness']);
    expect(sum(applicable.map((c) => breakdown[c].weight))).toBeCloseTo(1, 12);
    expect(breakdown.skills.weight).toBeCloseTo(0.35 / 0.85, 12);
  });

  it('should reach 100 for a perfect fit', () => {
    expect(totalScore(score({}))).toBe(100);
  });

  it('should give a worked example', () => {
    const breakdown = scoreCandidate(
      aRequest(),
      aVolunteer({
        district: null,
        skills: ['shopping'],
        openAssignments: 1,
        answerHistory: { offered: 10, answered: 9 },
      }),
      1,
      TEST_POLICY,
      TEST_SKILLS,
    );
    // (0.35 × 0.5 + 0.25 × 0.9 + 0.15 × 1 + 0.05 × 0.8 + 0.05 × 0.9) / 0.85 = 0.635 / 0.85
    expect(totalScore(breakdown)).toBe(74.7);
    expect(breakdown.fairness.explanation.de).toBe(
      '1 offener Einsatz, keine Anfragen in den letzten 7 Tagen',
    );
  });

  it('should not lower the score for a criterion that does not apply', () => {
    const newcomer = totalScore(score({ skills: ['shopping'] }));
    const reliable = totalScore(
      score({ skills: ['shopping'], answerHistory: { offered: 10, answered: 10 } }),
    );
    const unreliable = totalScore(
      score({ skills: ['shopping'], answerHistory: { offered: 10, answered: 0 } }),
    );
    expect(unreliable).toBeLessThan(newcomer);
    expect(reliable).toBeGreaterThan(newcomer);
  });

  it('should raise the score of someone who helped this person before', () => {
    const stranger = totalScore(score({ skills: ['shopping'] }));
    const familiar = totalScore(score({ skills: ['shopping'], helpedThisPersonBefore: 2 }));
    expect(familiar).toBeGreaterThan(stranger);
  });

  it('should weigh the preferred language when the request has one', () => {
    const request = aRequest({ preferredLanguage: 'ar' });
    const speaks = scoreCandidate(
      request,
      aVolunteer({
        languages: [
          { code: 'tr', level: 'B2' },
          { code: 'ar', level: 'native' },
        ],
      }),
      1,
      TEST_POLICY,
      TEST_SKILLS,
    );
    const doesNot = scoreCandidate(request, aVolunteer(), 1, TEST_POLICY, TEST_SKILLS);
    expect(totalScore(speaks)).toBe(100);
    // Language has 0.1 of the 0.9 applicable weight.
    expect(totalScore(doesNot)).toBeCloseTo(100 - 100 / 9, 0);
  });

  it('should only depend on the ratios of the weights', () => {
    const doubled = Object.fromEntries(CRITERIA.map((c) => [c, TEST_POLICY.weights[c] * 2])) as Record<
      Criterion,
      number
    >;
    const volunteer = {
      skills: ['shopping'],
      openAssignments: 1,
      answerHistory: { offered: 5, answered: 4 },
    };
    expect(totalScore(score(volunteer, policy({ weights: doubled })))).toBe(totalScore(score(volunteer)));
  });

  it('should give each criterion the same share with equal weights', () => {
    const ratings = Object.fromEntries(
      CRITERIA.map((c) => [c, { applicable: true, fit: 1, explanation: { de: c, en: c } }]),
    ) as CandidateRatings;
    const breakdown = weighRatings(ratings, EQUAL_WEIGHTS);
    for (const criterion of CRITERIA) {
      expect(breakdown[criterion].weight).toBeCloseTo(1 / 7, 12);
      expect(breakdown[criterion].points).toBeCloseTo(100 / 7, 12);
    }
    expect(totalScore(breakdown)).toBe(100);
  });

  it('should sum the points, round to one decimal and stay within 0–100', () => {
    const part = (points: number): CriterionScore => ({
      applicable: true,
      fit: 0,
      weight: 0,
      points,
      explanation: { de: '', en: '' },
    });
    const breakdown = (...points: number[]): ScoreBreakdown =>
      Object.fromEntries(CRITERIA.map((c, i) => [c, part(points[i] ?? 0)])) as ScoreBreakdown;
    expect(totalScore(breakdown(33.333, 20.04, 10))).toBe(63.4);
    expect(totalScore(breakdown(60, 40.0000001))).toBe(100);
    expect(totalScore(breakdown(-0.00001))).toBe(0);
  });
});
