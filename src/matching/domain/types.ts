/**
 * Types of the matching engine. Pure TypeScript: nothing here may import NestJS, TypeORM,
 * BullMQ or nodemailer (enforced by an ESLint rule on src/**\/domain/**).
 */

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A weekly time range in Europe/Berlin wall-clock time, "HH:MM" 24h, start < end. */
export interface WeeklySlot {
  weekday: Weekday;
  start: string;
  end: string;
}

/**
 * When the help is needed, in Europe/Berlin wall-clock time. Availability is kept as wall-clock
 * slots on both sides, so a DST change never shifts "Tuesday 9–12" by an hour.
 */
export type RequestSchedule =
  | { kind: 'one-off'; date: string /* YYYY-MM-DD */; start: string; end: string }
  | { kind: 'weekly'; slots: WeeklySlot[] };

export const LANGUAGE_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const;
export type LanguageLevel = (typeof LANGUAGE_LEVELS)[number];

/** An ISO 639 code (639-1 where one exists, else 639-3: Kurmanji `kmr` and Sorani `ckb` stay distinct). */
export interface LanguageSkill {
  code: string;
  level: LanguageLevel;
}

export interface GeoPoint {
  lat: number;
  lon: number;
}

export const VOLUNTEER_STATUSES = ['pending', 'active', 'paused', 'inactive'] as const;
export type VolunteerStatus = (typeof VOLUNTEER_STATUSES)[number];

/** What the engine needs to know about a volunteer: no names, no contact data. */
export interface CandidateVolunteer {
  id: string;
  status: VolunteerStatus;
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
}

/** What the engine needs to know about a help request: no help-seeker personal data. */
export interface MatchableRequest {
  id: string;
  neededSkills: string[];
  /** ISO 639 code the help-seeker needs the volunteer to speak, or null. */
  neededLanguage: string | null;
  requiresCertificate: boolean;
  location: GeoPoint;
  district: string | null;
  schedule: RequestSchedule;
}

export const CRITERIA = ['skills', 'distance', 'availability'] as const;
export type Criterion = (typeof CRITERIA)[number];

export interface MatchingPolicy {
  /** Relative weights of the soft criteria; they are normalised, so only ratios matter. */
  weights: Record<Criterion, number>;
  /** An inspected certificate counts for this many years. */
  certificateValidityYears: number;
  /** At most this many candidates are proposed per request. */
  maxProposals: number;
  /** Distance at which the distance score has fallen to one half. */
  distanceHalfScoreKm: number;
}

export const EXCLUSION_REASONS = [
  'not-active',
  'language-missing',
  'certificate-missing',
  'certificate-expired',
  'outside-radius',
  'not-available',
  'at-capacity',
] as const;
/** Stable codes for the hard rules; staff see why a volunteer was not proposed. */
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export interface LocalizedText {
  de: string;
  en: string;
}

export interface CriterionScore {
  /** 0..1 fit on this criterion. */
  fit: number;
  /** Normalised weight (all weights sum to 1). */
  weight: number;
  /** Contribution to the 0–100 total: fit × weight × 100. */
  points: number;
  explanation: LocalizedText;
}

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
  excluded: Exclusion[];
  exclusionCounts: Record<ExclusionReason, number>;
}

export interface RankingContext {
  now: Date;
  policy: MatchingPolicy;
}
