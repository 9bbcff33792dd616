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
  rateReliability,
  rateResponsiveness,
  LATE_CANCELLATION_WEIGHT,
  NO_SHOW_WEIGHT,
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
export { firstClash, schedulesClash } from './double-booking';
export {
  isOverridable,
  OVERRIDABLE_REASONS,
  OVERRIDE_CLASSES,
  overrideVerdict,
  type OverrideClass,
  type OverrideRefusal,
  type OverrideVerdict,
} from './override';
export { overrideRadiusLimitKm } from './eligibility';
export { offerDeadline, type OfferDeadline } from './offer-deadline';
export { proposalRanks, type RankableMatch } from './proposal-ranks';
export {
  asMatchableRequest,
  DEFAULT_FIT_WEIGHTS,
  FIT_CRITERIA,
  FIT_EXCLUSION_REASONS,
  judgeFit,
  rankOpportunities,
  rankVolunteers,
  type FitBreakdown,
  type FitContext,
  type FitCriterion,
  type FitExclusion,
  type FitExclusionReason,
  type FitRanking,
  type FitTimePattern,
  type FitVerdict,
  type FitVolunteer,
  type MatchableOpportunity,
  type OpportunityFit,
} from './opportunity-fit';
