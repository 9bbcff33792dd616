import {
  normaliseWeights,
  scoreAvailability,
  scoreCandidate,
  scoreDistance,
  scoreSkills,
  totalScore,
} from './score';
import { aRequest, aVolunteer, TEST_POLICY } from './test-fixtures';
import type { CriterionScore, ScoreBreakdown, WeeklySlot } from './types';

const HALF_KM = 3;

describe('normaliseWeights', () => {
  it('should scale the weights to sum 1 keeping their ratios', () => {
    const weights = normaliseWeights({ skills: 5, distance: 3, availability: 2 });
    expect(weights.skills).toBeCloseTo(0.5, 12);
    expect(weights.distance).toBeCloseTo(0.3, 12);
    expect(weights.availability).toBeCloseTo(0.2, 12);
  });

  it('should use equal weights when all are zero', () => {
    expect(normaliseWeights({ skills: 0, distance: 0, availability: 0 })).toEqual({
      skills: 1 / 3,
      distance: 1 / 3,
      availability: 1 / 3,
    });
  });

  it('should count negative and non-numeric weights as zero', () => {
    expect(normaliseWeights({ skills: -1, distance: Number.NaN, availability: 2 })).toEqual({
      skills: 0,
      distance: 0,
      availability: 1,
    });
  });
});

describe('scoreSkills', () => {
  it.each<[string, string[], string[], number, string, string]>([
    ['no skills needed', [], [], 1, 'keine besonderen Fähigkeiten nötig', 'no particular skills needed'],
    [
      'all skills',
      ['shopping', 'driving'],
      ['driving', 'shopping'],
      1,
      'Fähigkeiten: 2 von 2 (shopping, driving)',
      'Skills: 2 of 2 (shopping, driving)',
    ],
    [
      'two of three skills',
      ['shopping', 'driving', 'paperwork'],
      ['shopping', 'driving', 'tutoring'],
      2 / 3,
      'Fähigkeiten: 2 von 3 (shopping, driving)',
      'Skills: 2 of 3 (shopping, driving)',
    ],
    [
      'one of two skills',
      ['shopping', 'driving'],
      ['shopping'],
      0.5,
      'Fähigkeiten: 1 von 2 (shopping)',
      'Skills: 1 of 2 (shopping)',
    ],
    ['none of the skills', ['paperwork'], ['shopping'], 0, 'Fähigkeiten: 0 von 1', 'Skills: 0 of 1'],
    [
      'a skill asked for twice',
      ['shopping', 'shopping', 'driving'],
      ['shopping'],
      0.5,
      'Fähigkeiten: 1 von 2 (shopping)',
      'Skills: 1 of 2 (shopping)',
    ],
  ])('should score %s', (_, neededSkills, skills, fit, de, en) => {
    const score = scoreSkills(aRequest({ neededSkills }), aVolunteer({ skills }), 0.5);
    expect(score.fit).toBeCloseTo(fit, 12);
    expect(score.weight).toBe(0.5);
    expect(score.points).toBeCloseTo(fit * 50, 12);
    expect(score.explanation).toEqual({ de, en });
  });
});

describe('scoreDistance', () => {
  const otherDistrict = aVolunteer({ district: 'Wedding' });

  it('should fit fully on the spot and half at the half-score distance', () => {
    expect(scoreDistance(aRequest(), otherDistrict, 0, HALF_KM, 0.3).fit).toBe(1);
    expect(scoreDistance(aRequest(), otherDistrict, HALF_KM, HALF_KM, 0.3).fit).toBe(0.5);
    expect(scoreDistance(aRequest(), otherDistrict, 6, HALF_KM, 0.3).fit).toBeCloseTo(9 / 45, 12);
  });

  it('should give points as fit × weight × 100', () => {
    const score = scoreDistance(aRequest(), otherDistrict, HALF_KM, HALF_KM, 0.3);
    expect(score.points).toBeCloseTo(15, 12);
  });

  it('should say the distance with one decimal', () => {
    expect(scoreDistance(aRequest(), otherDistrict, 1.23, HALF_KM, 0.3).explanation).toEqual({
      de: '1,2 km entfernt',
      en: '1.2 km away',
    });
  });

  it('should add a small bonus and say so for the same district', () => {
    const score = scoreDistance(
      aRequest({ district: 'Mitte' }),
      aVolunteer({ district: 'Mitte' }),
      HALF_KM,
      HALF_KM,
      0.3,
    );
    expect(score.fit).toBeCloseTo(0.6, 12);
    expect(score.explanation).toEqual({
      de: '3,0 km entfernt, gleicher Stadtteil',
      en: '3.0 km away, same district',
    });
  });

  it('should cap the fit at 1 with the district bonus', () => {
    expect(scoreDistance(aRequest(), aVolunteer(), 0.2, HALF_KM, 0.3).fit).toBe(1);
  });

  it.each<[string | null, string | null]>([
    [null, null],
    ['Mitte', null],
    [null, 'Mitte'],
    ['Mitte', 'Wedding'],
  ])('should give no bonus when the districts are %p and %p', (requestDistrict, volunteerDistrict) => {
    const score = scoreDistance(
      aRequest({ district: requestDistrict }),
      aVolunteer({ district: volunteerDistrict }),
      HALF_KM,
      HALF_KM,
      0.3,
    );
    expect(score.fit).toBe(0.5);
    expect(score.explanation.de).toBe('3,0 km entfernt');
  });

  it.each([
    ['in another district', 'Wedding'],
    ['in the same district', 'Mitte'],
  ])('should never score a closer volunteer lower %s', (_, district) => {
    const distances = Array.from({ length: 200 }, (__, i) => i * 0.25);
    const fits = distances.map(
      (km) => scoreDistance(aRequest(), aVolunteer({ district }), km, HALF_KM, 0.3).fit,
    );
    fits.slice(1).forEach((fit, i) => expect(fit).toBeLessThanOrEqual(fits[i]));
  });

  it('should fall strictly with distance outside the same district', () => {
    const fits = [0, 0.5, 1, 2, 3, 5, 10, 20, 50].map(
      (km) => scoreDistance(aRequest(), otherDistrict, km, HALF_KM, 0.3).fit,
    );
    fits.slice(1).forEach((fit, i) => expect(fit).toBeLessThan(fits[i]));
  });
});

describe('scoreAvailability', () => {
  const tuesday = (start: string, end: string): WeeklySlot => ({ weekday: 2, start, end });

  it('should fit fully and name the free slot', () => {
    const score = scoreAvailability(
      aRequest(),
      aVolunteer({ availability: [tuesday('09:00', '12:00')] }),
      0.2,
    );
    expect(score.fit).toBe(1);
    expect(score.points).toBeCloseTo(20, 12);
    expect(score.explanation).toEqual({ de: 'Di 9–12 Uhr frei', en: 'Tue 9am–12pm free' });
  });

  it('should list at most two overlapping slots and leave out the others', () => {
    const availability: WeeklySlot[] = [
      tuesday('11:00', '12:00'),
      { weekday: 5, start: '09:00', end: '12:00' },
      tuesday('10:00', '11:00'),
      tuesday('09:00', '10:00'),
    ];
    expect(scoreAvailability(aRequest(), aVolunteer({ availability }), 0.2).explanation).toEqual({
      de: 'Di 9–10 Uhr, Di 10–11 Uhr … frei',
      en: 'Tue 9am–10am, Tue 10am–11am … free',
    });
  });

  it('should give the covered share when only part of the time is free', () => {
    const score = scoreAvailability(
      aRequest(),
      aVolunteer({ availability: [tuesday('10:30', '13:00')] }),
      0.2,
    );
    expect(score.fit).toBe(0.5);
    expect(score.explanation).toEqual({
      de: 'Di 10:30–13 Uhr frei (deckt 50 % ab)',
      en: 'Tue 10:30am–1pm free (covers 50%)',
    });
  });

  it('should score 0 when nothing overlaps', () => {
    const score = scoreAvailability(
      aRequest(),
      aVolunteer({ availability: [tuesday('13:00', '15:00')] }),
      0.2,
    );
    expect(score.fit).toBe(0);
    expect(score.points).toBe(0);
    expect(score.explanation).toEqual({
      de: 'zur gewünschten Zeit nicht frei',
      en: 'not free at the requested time',
    });
  });
});

describe('scoreCandidate / totalScore', () => {
  it('should use normalised policy weights for every criterion', () => {
    const breakdown = scoreCandidate(aRequest(), aVolunteer(), 1, {
      ...TEST_POLICY,
      weights: { skills: 2, distance: 1, availability: 1 },
    });
    expect([breakdown.skills.weight, breakdown.distance.weight, breakdown.availability.weight]).toEqual([
      0.5, 0.25, 0.25,
    ]);
  });

  it('should reach 100 for a perfect fit', () => {
    expect(totalScore(scoreCandidate(aRequest(), aVolunteer(), 0, TEST_POLICY))).toBe(100);
  });

  it('should sum the points and round to one decimal', () => {
    const part = (points: number): CriterionScore => ({
      fit: 0,
      weight: 0,
      points,
      explanation: { de: '', en: '' },
    });
    const breakdown: ScoreBreakdown = { skills: part(33.333), distance: part(20.04), availability: part(10) };
    expect(totalScore(breakdown)).toBe(63.4);
  });
});
