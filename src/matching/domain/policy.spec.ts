import { DEFAULT_MATCHING_POLICY, validateMatchingPolicy } from './policy';
import { CRITERIA, type MatchingPolicy } from './types';

type Input = Record<string, unknown>;
const withFields = (fields: Input): Input => ({ ...DEFAULT_MATCHING_POLICY, ...fields });
const withWeights = (weights: Input): Input =>
  withFields({ weights: { ...DEFAULT_MATCHING_POLICY.weights, ...weights } });
const errorsOf = (input: unknown) => {
  const result = validateMatchingPolicy(input);
  return result.ok ? [] : result.errors;
};

describe('validateMatchingPolicy', () => {
  it('should accept the default policy and return a frozen copy', () => {
    const result = validateMatchingPolicy(DEFAULT_MATCHING_POLICY);
    expect(result).toEqual({ ok: true, policy: DEFAULT_MATCHING_POLICY });
    if (result.ok) {
      expect(result.policy).not.toBe(DEFAULT_MATCHING_POLICY);
      expect(Object.isFrozen(result.policy)).toBe(true);
      expect(Object.isFrozen(result.policy.weights)).toBe(true);
    }
  });

  it('should accept a policy read from JSON', () => {
    const parsed: unknown = JSON.parse(JSON.stringify(DEFAULT_MATCHING_POLICY));
    expect(validateMatchingPolicy(parsed).ok).toBe(true);
  });

  it.each<[string, Input]>([
    ['weights that do not sum to 1', withWeights({ skills: 7, distance: 5 })],
    ['some weights at 0', withWeights({ continuity: 0, fairness: 0, responsiveness: 0 })],
    ['1 proposal', withFields({ maxProposals: 1 })],
    ['20 proposals', withFields({ maxProposals: 20 })],
    ['certificates valid 1 year', withFields({ certificateValidityYears: 1 })],
    ['certificates valid 10 years', withFields({ certificateValidityYears: 10 })],
    ['half score at 0.5 km', withFields({ distanceHalfScoreKm: 0.5 })],
    ['half score at 50 km', withFields({ distanceHalfScoreKm: 50 })],
    ['no district bonus', withFields({ sameDistrictBonus: 0 })],
    ['no parent credit', withFields({ parentSkillCredit: 0 })],
    ['full parent credit', withFields({ parentSkillCredit: 1 })],
    ['nice-to-have skills ignored', withFields({ niceToHaveShare: 0 })],
    ['nice-to-have skills at half', withFields({ niceToHaveShare: 0.5 })],
    [
      'no fairness penalties',
      withFields({ fairnessOpenAssignmentPenalty: 0, fairnessRecentOfferPenalty: 0 }),
    ],
    [
      'full fairness penalties',
      withFields({ fairnessOpenAssignmentPenalty: 1, fairnessRecentOfferPenalty: 1 }),
    ],
    ['responsiveness from the first offer', withFields({ responsivenessMinOffers: 1 })],
  ])('should accept %s', (_, input) => {
    expect(errorsOf(input)).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['an array', [DEFAULT_MATCHING_POLICY]],
    ['a string', '{"maxProposals":5}'],
    ['a number', 5],
  ])('should reject %s as a whole', (_, input) => {
    expect(errorsOf(input)).toEqual([{ field: '', message: 'must be an object' }]);
  });

  it.each<[string, Input, string, string]>([
    ['a negative weight', withWeights({ skills: -0.1 }), 'weights.skills', 'must be a number of 0 or more'],
    [
      'a weight that is not a number',
      withWeights({ distance: Number.NaN }),
      'weights.distance',
      'must be a number of 0 or more',
    ],
    [
      'an infinite weight',
      withWeights({ language: Infinity }),
      'weights.language',
      'must be a number of 0 or more',
    ],
    [
      'a weight given as text',
      withWeights({ fairness: '0.05' }),
      'weights.fairness',
      'must be a number of 0 or more',
    ],
    ['a missing weight', withWeights({ continuity: undefined }), 'weights.continuity', 'is missing'],
    [
      'a misspelt criterion',
      withWeights({ distanse: 0.2 }),
      'weights.distanse',
      expect.stringContaining('is not a criterion'),
    ],
    [
      'weights that are not an object',
      withFields({ weights: [1, 2, 3] }),
      'weights',
      expect.stringContaining('must be an object'),
    ],
    [
      'no weights',
      withFields({ weights: undefined }),
      'weights',
      expect.stringContaining('must be an object'),
    ],
    [
      'all weights 0',
      withFields({ weights: Object.fromEntries(CRITERIA.map((c) => [c, 0])) }),
      'weights',
      'at least one weight must be more than 0',
    ],
    ['0 proposals', withFields({ maxProposals: 0 }), 'maxProposals', 'must be a whole number from 1 to 20'],
    ['21 proposals', withFields({ maxProposals: 21 }), 'maxProposals', 'must be a whole number from 1 to 20'],
    [
      '2.5 proposals',
      withFields({ maxProposals: 2.5 }),
      'maxProposals',
      'must be a whole number from 1 to 20',
    ],
    [
      'proposals as text',
      withFields({ maxProposals: '5' }),
      'maxProposals',
      'must be a whole number from 1 to 20',
    ],
    [
      'certificates valid 0 years',
      withFields({ certificateValidityYears: 0 }),
      'certificateValidityYears',
      'must be a whole number from 1 to 10',
    ],
    [
      'certificates valid 11 years',
      withFields({ certificateValidityYears: 11 }),
      'certificateValidityYears',
      'must be a whole number from 1 to 10',
    ],
    [
      'half score at 0.4 km',
      withFields({ distanceHalfScoreKm: 0.4 }),
      'distanceHalfScoreKm',
      'must be a number from 0.5 to 50',
    ],
    [
      'half score at 51 km',
      withFields({ distanceHalfScoreKm: 51 }),
      'distanceHalfScoreKm',
      'must be a number from 0.5 to 50',
    ],
    [
      'a district bonus above 1',
      withFields({ sameDistrictBonus: 1.5 }),
      'sameDistrictBonus',
      'must be a number from 0 to 1',
    ],
    [
      'a negative parent credit',
      withFields({ parentSkillCredit: -0.5 }),
      'parentSkillCredit',
      'must be a number from 0 to 1',
    ],
    [
      'nice-to-have skills weighing more than needed ones',
      withFields({ niceToHaveShare: 0.6 }),
      'niceToHaveShare',
      'must be a number from 0 to 0.5: nice-to-have skills must not count more than needed ones',
    ],
    [
      'a negative open-assignment penalty',
      withFields({ fairnessOpenAssignmentPenalty: -0.2 }),
      'fairnessOpenAssignmentPenalty',
      'must be a number from 0 to 1',
    ],
    [
      'a recent-offer penalty above 1',
      withFields({ fairnessRecentOfferPenalty: 2 }),
      'fairnessRecentOfferPenalty',
      'must be a number from 0 to 1',
    ],
    [
      'responsiveness from 0 offers',
      withFields({ responsivenessMinOffers: 0 }),
      'responsivenessMinOffers',
      'must be a whole number from 1 to 100',
    ],
    ['a missing field', withFields({ maxProposals: undefined }), 'maxProposals', 'is missing'],
    ['an unknown field', withFields({ maxProposal: 5 }), 'maxProposal', 'is not a policy field'],
  ])('should reject %s', (_, input, field, message) => {
    expect(errorsOf(input)).toEqual([{ field, message }]);
  });

  it('should report every error at once', () => {
    const errors = errorsOf({ weights: { ...DEFAULT_MATCHING_POLICY.weights, skills: -1 }, maxProposals: 0 });
    expect(errors.map((e) => e.field)).toEqual([
      'weights.skills',
      'certificateValidityYears',
      'maxProposals',
      'distanceHalfScoreKm',
      'sameDistrictBonus',
      'parentSkillCredit',
      'niceToHaveShare',
      'fairnessOpenAssignmentPenalty',
      'fairnessRecentOfferPenalty',
      'responsivenessMinOffers',
    ]);
  });

  it('should keep only the known fields in the returned policy', () => {
    const input = { ...DEFAULT_MATCHING_POLICY, weights: { ...DEFAULT_MATCHING_POLICY.weights } };
    const result = validateMatchingPolicy(input);
    expect(result.ok).toBe(true);
    input.weights.skills = 99;
    expect(result.ok && result.policy.weights.skills).toBe(0.35);
    const keys = (policy: MatchingPolicy) => Object.keys(policy).sort();
    expect(result.ok && keys(result.policy)).toEqual(keys(DEFAULT_MATCHING_POLICY));
  });
});
