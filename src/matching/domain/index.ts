export * from './types';
export { addYears, formatDateDe, hasReachedAge } from './calendar';
export { distanceKm, formatKmDe, formatKmEn } from './geo';
export { languageName } from './language-names';
export { matchSkill, skillAncestors, skillCredit, skillLabel, type SkillMatch } from './skills';
export { checkEligibility, type EligibilityResult } from './eligibility';
export {
  LANGUAGE_LEVEL_FIT,
  normaliseWeights,
  rateAvailability,
  rateCandidate,
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
  type CriterionRating,
} from './score';
export {
  DEFAULT_MATCHING_POLICY,
  validateMatchingPolicy,
  type PolicyError,
  type PolicyValidation,
} from './policy';
export { EXCLUSION_REASON_LABELS, summariseExclusions, type ExclusionSummaryLine } from './exclusions';
export { explainVolunteer, rankCandidates, type VolunteerExplanation } from './rank-candidates';
