export * from './types';
export { distanceKm, formatKmDe, formatKmEn } from './geo';
export { languageName } from './language-names';
export {
  coverage,
  covers,
  formatScheduleDe,
  formatScheduleEn,
  formatSlotDe,
  formatSlotEn,
  isValidClock,
  isValidDate,
  isValidSchedule,
  isValidSlot,
  isWeekday,
  overlappingSlots,
  parseClock,
  requestedSlots,
  weekdayOf,
} from './schedule';
export { checkEligibility, type EligibilityResult } from './eligibility';
export {
  normaliseWeights,
  scoreAvailability,
  scoreCandidate,
  scoreDistance,
  scoreSkills,
  totalScore,
} from './score';
export { DEFAULT_MATCHING_POLICY, rankCandidates } from './rank-candidates';
