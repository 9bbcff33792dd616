/**
 * Types of the matching engine. Pure TypeScript: nothing here may import NestJS, TypeORM,
 * BullMQ or nodemailer (enforced by an ESLint rule on src/**\/domain/**).
 */

import type { LocalizedText } from '../../shared/localized-text';
import type { RequestSchedule, WeeklySlot } from '../../shared/schedule';
import type { LanguageSkill, VolunteerStatus } from '../../shared/volunteer-profile';

export interface GeoPoint {
  lat: number;
  lon: number;
}

/** How an earlier offer of this same request to the volunteer ended. */
export const PRIOR_ASK_OUTCOMES = ['declined', 'withdrawn', 'expired'] as const;
export type PriorAskOutcome = (typeof PRIOR_ASK_OUTCOMES)[number];

/** What the engine needs to know about a volunteer: no names, no contact data. */
export interface CandidateVolunteer {
  id: string;
  status: VolunteerStatus;
  /** Double opt-in: offers only go to a confirmed address. Absent counts as confirmed. */
  emailConfirmed?: boolean;
  languages: LanguageSkill[];
  /** Keys of the skill taxonomy. */
  skills: string[];
  home: GeoPoint;
  district: string | null;
  maxTravelKm: number;
  availability: WeeklySlot[];
  maxOpenAssignments: number;
  /** Matches currently approved, offered or accepted and not yet done. */
  openAssignments: number;
  /** Date (YYYY-MM-DD) the extended criminal-record certificate was inspected, or null. */
  certificateInspectedOn: string | null;
  /** YYYY-MM-DD, or null when not recorded (then no request with a minimum age is offered). */
  birthDate: string | null;
  /** YYYY-MM-DD: away (holiday, illness) up to and including that date; null when not away. */
  awayUntil: string | null;
  /** The volunteer wants at most this many offers in any 7 days. */
  maxOffersPerWeek: number;
  /** Offers sent to the volunteer in the last 7 days. */
  offersLast7Days: number;
  /** Offers in the last 180 days, and how many of them got an answer (accept or decline). */
  answerHistory: { offered: number; answered: number };
  /** Finished assignments for the same help-seeker that went well. */
  helpedThisPersonBefore: number;
  /** How an earlier offer of this very request to the volunteer ended; null when never asked. */
  askedForThisRequest: PriorAskOutcome | null;
  /** The help-seeker or staff said "not this volunteer again" for this help-seeker. */
  blockedForThisRequest: boolean;
  /**
   * When the volunteer's accepted assignments take place (their requests still matched): a new
   * request at an overlapping time is double booking. Absent counts as none.
   */
  busySchedules?: RequestSchedule[];
  /**
   * Accepted assignments of the last 365 days, and how many of them staff recorded as a no-show
   * or a late cancellation (reliability, part of responsiveness). Absent counts as none.
   */
  attendance?: { assignments: number; noShows: number; lateCancellations: number };
}

/** What the engine needs to know about a help request: no help-seeker personal data. */
export interface MatchableRequest {
  id: string;
  /** Skill keys the volunteer should bring; they weigh most in the skills fit. */
  neededSkills: string[];
  /** Skill keys that would be nice; they make up `policy.niceToHaveShare` of the skills fit. */
  niceToHaveSkills: string[];
  /** ISO 639 code the help-seeker needs the volunteer to speak (hard rule), or null. */
  neededLanguage: string | null;
  /** ISO 639 code of the help-seeker's preferred language (soft: scored by level), or null. */
  preferredLanguage: string | null;
  requiresCertificate: boolean;
  /** Minimum age in years for this kind of help (e.g. 18 for interpreting or driving), or null. */
  minimumAge: number | null;
  location: GeoPoint;
  district: string | null;
  schedule: RequestSchedule;
}

/** The soft criteria, in the order staff see them in a breakdown. */
export const CRITERIA = [
  'skills',
  'distance',
  'availability',
  'language',
  'continuity',
  'fairness',
  'responsiveness',
] as const;
export type Criterion = (typeof CRITERIA)[number];

export interface MatchingPolicy {
  /**
   * Relative weights of the soft criteria; they are normalised, so only ratios matter. A criterion
   * that does not apply to a volunteer (see CriterionScore.applicable) gets weight 0 and its weight
   * is spread over the applicable ones in proportion.
   */
  weights: Record<Criterion, number>;
  /** An inspected certificate counts for this many years. */
  certificateValidityYears: number;
  /** At most this many candidates are proposed per request. */
  maxProposals: number;
  /** Distance at which the distance fit has fallen to one half. */
  distanceHalfScoreKm: number;
  /** Added to the distance fit (capped at 1) when volunteer and request are in the same district. */
  sameDistrictBonus: number;
  /**
   * Credit for a needed skill when the volunteer only has its parent ("accompaniment" for a needed
   * "accompaniment.doctor"). A child skill fully covers a needed parent.
   */
  parentSkillCredit: number;
  /** Share of the skills fit that nice-to-have skills make up when the request lists any. */
  niceToHaveShare: number;
  /** Fairness fit lost per open assignment. */
  fairnessOpenAssignmentPenalty: number;
  /** Fairness fit lost per offer in the last 7 days. */
  fairnessRecentOfferPenalty: number;
  /** With fewer offers in the answer history, responsiveness does not apply. */
  responsivenessMinOffers: number;
}

/** A skill in the agency's taxonomy: labels for explanations, and its parent key if any. */
export interface SkillDefinition {
  de: string;
  en: string;
  parent?: string;
}

/** Skill key → definition. Keys missing here are shown as the key itself and have no parent. */
export type SkillTaxonomy = Readonly<Record<string, SkillDefinition>>;

/** A taxonomy without entries: every label falls back to its key, no skill has a parent. */
export const EMPTY_SKILL_TAXONOMY: SkillTaxonomy = Object.freeze({});

/** The hard rules, in the order they are checked: the first failing one is the reason shown. */
export const EXCLUSION_REASONS = [
  'not-active',
  'away',
  'blocked',
  'already-asked',
  'under-minimum-age',
  'language-missing',
  'certificate-missing',
  'certificate-expired',
  'outside-radius',
  'not-available',
  'double-booked',
  'at-capacity',
  'weekly-offer-cap',
] as const;
/** Stable codes for the hard rules; staff see why a volunteer was not proposed. */
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export interface CriterionScore {
  /**
   * False when the criterion says nothing about this volunteer for this request (no answer
   * history yet, never helped this person, no preferred language, no skills listed). It then has
   * weight 0 and points 0, so it can never lower the score, and fit is 0 without meaning.
   */
  applicable: boolean;
  /** 0..1 fit on this criterion. */
  fit: number;
  /** Normalised weight: the weights of the applicable criteria sum to 1. */
  weight: number;
  /** Contribution to the 0–100 total: fit × weight × 100. */
  points: number;
  explanation: LocalizedText;
}

/** Every criterion is listed, applicable or not, each with its explanation. */
export type ScoreBreakdown = Record<Criterion, CriterionScore>;

export interface RankedCandidate {
  volunteerId: string;
  /** 0–100, rounded to one decimal. */
  score: number;
  distanceKm: number;
  breakdown: ScoreBreakdown;
}

export interface Exclusion {
  volunteerId: string;
  reason: ExclusionReason;
  explanation: LocalizedText;
}

export interface RankingResult {
  /** Best first; ties broken by distance, then volunteer id, so the order is deterministic. */
  ranked: RankedCandidate[];
  /** In the order the candidates came in. */
  excluded: Exclusion[];
  /** Every reason, 0 when it excluded nobody. */
  exclusionCounts: Record<ExclusionReason, number>;
}

export interface RankingContext {
  /** The moment of the matching run; "today" is its calendar date in Europe/Berlin. */
  now: Date;
  policy: MatchingPolicy;
  /** Labels and parent relation of the skills; EMPTY_SKILL_TAXONOMY when none is configured. */
  skills: SkillTaxonomy;
}
