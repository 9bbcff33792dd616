import { checkEligibility } from './eligibility';
import { languageName } from './language-names';
import { LANGUAGE_LEVEL_FIT, rateAvailability, rateDistance, rateSkills } from './score';
import type {
  CandidateVolunteer,
  CriterionScore,
  ExclusionReason,
  GeoPoint,
  MatchableRequest,
  RankingContext,
} from './types';
import type { CriterionRating } from './score';
import type { LocalizedText } from '../../shared/localized-text';
import type { RequestSchedule, WeeklySlot } from '../../shared/schedule';

/*
 * Opportunity fit: the same engine, the other way round. A standing opportunity (Engagementangebot)
 * is turned into the engine's view of a request (`asMatchableRequest`), so the hard rules are the
 * engine's own `checkEligibility` and skills, distance and availability are its own rating
 * functions. What requests do not have is added here: fields of activity against the volunteer's
 * interests, any-of languages, remote offers, flexible hours and newcomer suitability.
 */

/** When the volunteering happens (the shape of opportunities/domain/time-pattern, restated here). */
export type FitTimePattern =
  | { kind: 'weekly'; slots: WeeklySlot[] }
  | { kind: 'flexible'; hoursPerWeek?: number; hoursPerMonth?: number }
  | { kind: 'one-off'; date: string; start: string; end: string };

/** What opportunity fit needs to know about an opportunity. */
export interface MatchableOpportunity {
  id: string;
  /** Keys of the field-of-activity taxonomy. */
  fieldsOfActivity: string[];
  /** Skill keys the volunteer should bring. */
  skills: string[];
  /** ISO 639 codes; the volunteer must speak any one of them. Empty: no requirement. */
  languages: string[];
  requiresCertificate: boolean;
  minimumAge: number | null;
  remote: boolean;
  /** Null only when remote. */
  location: GeoPoint | null;
  district: string | null;
  timePattern: FitTimePattern;
  forNewcomers: boolean;
  littleGermanOk: boolean;
}

/** The engine's candidate plus what only opportunity fit asks. */
export interface FitVolunteer extends CandidateVolunteer {
  /** Keys of the field-of-activity taxonomy. */
  interests: string[];
  /** Placements the volunteer ever had past "interested" (any stage): 0 = new to volunteering here. */
  placementsBefore: number;
}

/** The soft criteria of opportunity fit, in the order staff see them. */
export const FIT_CRITERIA = [
  'interests',
  'skills',
  'distance',
  'availability',
  'language',
  'newcomer',
] as const;
export type FitCriterion = (typeof FIT_CRITERIA)[number];

export const DEFAULT_FIT_WEIGHTS: Readonly<Record<FitCriterion, number>> = Object.freeze({
  interests: 0.3,
  skills: 0.25,
  distance: 0.2,
  availability: 0.1,
  language: 0.05,
  newcomer: 0.1,
});

/** The hard rules opportunity fit applies: the engine's, minus those about one request's history. */
export const FIT_EXCLUSION_REASONS = [
  'not-active',
  'away',
  'under-minimum-age',
  'language-missing',
  'certificate-missing',
  'certificate-expired',
  'outside-radius',
  'not-available',
] as const satisfies readonly ExclusionReason[];
export type FitExclusionReason = (typeof FIT_EXCLUSION_REASONS)[number];

export type FitBreakdown = Record<FitCriterion, CriterionScore>;

export interface FitContext extends RankingContext {
  /** Labels of the fields of activity; keys missing here are shown as the key. */
  fields: Readonly<Record<string, { de: string; en: string }>>;
  weights?: Readonly<Record<FitCriterion, number>>;
}

export interface OpportunityFit {
  opportunityId: string;
  volunteerId: string;
  /** 0–100, one decimal. */
  score: number;
  /** Null for remote opportunities. */
  distanceKm: number | null;
  breakdown: FitBreakdown;
}

export type FitVerdict =
  | { eligible: true; fit: OpportunityFit }
  | { eligible: false; reason: FitExclusionReason; explanation: LocalizedText };

export interface FitExclusion {
  opportunityId: string;
  volunteerId: string;
  reason: FitExclusionReason;
  explanation: LocalizedText;
}

export interface FitRanking {
  /** Best first; ties by distance (remote counts 0), then the other side's id. */
  ranked: OpportunityFit[];
  excluded: FitExclusion[];
  exclusionCounts: Record<FitExclusionReason, number>;
}

const UNEXPLAINED: LocalizedText = Object.freeze({ de: '', en: '' });

/** A weekly slot list that covers the whole week: flexible hours have no time rule. */
const WHOLE_WEEK: WeeklySlot[] = ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({
  weekday,
  start: '00:00',
  end: '24:00',
}));

/**
 * The engine's view of the opportunity for one volunteer. `neededLanguage` is the one of the
 * any-of languages the volunteer speaks (or the first, so the rule fails with its name); a remote
 * opportunity sits at the volunteer's home (distance 0, never outside the radius).
 */
export function asMatchableRequest(
  opportunity: MatchableOpportunity,
  volunteer: CandidateVolunteer,
): MatchableRequest {
  const languages = [...new Set(opportunity.languages)];
  const spoken = new Set(volunteer.languages.map((l) => l.code));
  const neededLanguage =
    languages.length === 0 ? null : (languages.find((c) => spoken.has(c)) ?? languages[0]);
  const placed = !opportunity.remote && opportunity.location !== null;
  // A placed opportunity without languages is the same request for everyone: built once per
  // opportunity, so the engine's per-object caches (coverage) hit across candidates.
  const shared = placed && neededLanguage === null;
  const cached = shared ? requestMemo.get(opportunity) : undefined;
  if (cached !== undefined) {
    return cached;
  }
  const request: MatchableRequest = {
    id: opportunity.id,
    neededSkills: [...opportunity.skills],
    niceToHaveSkills: [],
    neededLanguage,
    preferredLanguage: null,
    requiresCertificate: opportunity.requiresCertificate,
    minimumAge: opportunity.minimumAge,
    location: placed ? opportunity.location! : volunteer.home,
    district: opportunity.remote ? null : opportunity.district,
    schedule: scheduleOf(opportunity),
  };
  if (shared) {
    requestMemo.set(opportunity, request);
  }
  return request;
}

const requestMemo = new WeakMap<MatchableOpportunity, MatchableRequest>();
const scheduleMemo = new WeakMap<MatchableOpportunity, RequestSchedule>();
/**
 * The candidate views of the volunteer judged last (ranking opportunities judges one volunteer
 * against many; ranking volunteers judges each once, where a WeakMap entry per volunteer only cost
 * garbage-collection time).
 */
let lastVolunteer: FitVolunteer | undefined;
let lastCandidates: Partial<Record<FitTimePattern['kind'], CandidateVolunteer>> = {};

function scheduleOf(opportunity: MatchableOpportunity): RequestSchedule {
  const cached = scheduleMemo.get(opportunity);
  if (cached !== undefined) {
    return cached;
  }
  const schedule = buildSchedule(opportunity.timePattern);
  scheduleMemo.set(opportunity, schedule);
  return schedule;
}

function buildSchedule(pattern: FitTimePattern): RequestSchedule {
  switch (pattern.kind) {
    case 'weekly':
      return { kind: 'weekly', slots: pattern.slots };
    case 'one-off':
      return { kind: 'one-off', date: pattern.date, start: pattern.start, end: pattern.end };
    default:
      // Flexible hours: no time rule. A token slot the whole-week availability of asFitCandidate
      // covers, so the engine's availability rule passes; the score does not read it.
      return { kind: 'weekly', slots: [{ weekday: 1, start: '00:00', end: '00:30' }] };
  }
}

/**
 * The volunteer as checkEligibility sees them for an opportunity: the rules about one request's
 * history (blocks, earlier asks, open assignments, weekly offer cap, double booking) do not apply to
 * a standing offer, and being away only matters for a one-off date.
 */
function asFitCandidate(volunteer: FitVolunteer, opportunity: MatchableOpportunity): CandidateVolunteer {
  const kind = opportunity.timePattern.kind;
  if (volunteer !== lastVolunteer) {
    lastVolunteer = volunteer;
    lastCandidates = {};
  }
  const byKind = lastCandidates;
  const cached = byKind[kind];
  if (cached !== undefined) {
    return cached;
  }
  const candidate: CandidateVolunteer = {
    ...volunteer,
    awayUntil: kind === 'one-off' ? volunteer.awayUntil : null,
    availability: kind === 'flexible' ? WHOLE_WEEK : volunteer.availability,
    blockedForThisRequest: false,
    askedForThisRequest: null,
    busySchedules: [],
    openAssignments: 0,
    maxOpenAssignments: 1,
    offersLast7Days: 0,
    maxOffersPerWeek: 1,
  };
  byKind[kind] = candidate;
  return candidate;
}

/** One volunteer and one opportunity: the first hard rule that fails, or the score explained. */
export function judgeFit(
  opportunity: MatchableOpportunity,
  volunteer: FitVolunteer,
  ctx: FitContext,
  explain = true,
): FitVerdict {
  const request = asMatchableRequest(opportunity, volunteer);
  const candidate = asFitCandidate(volunteer, opportunity);
  const result = checkEligibility(request, candidate, ctx);
  if (!result.eligible) {
    return {
      eligible: false,
      reason: result.reason as FitExclusionReason,
      explanation:
        result.reason === 'language-missing' ? languageMissing(opportunity.languages) : result.explanation,
    };
  }
  const ratings: Record<FitCriterion, CriterionRating> = {
    interests: rateInterests(opportunity, volunteer, ctx.fields, explain),
    skills: rateSkills(request, volunteer, ctx.policy, ctx.skills, explain),
    distance: opportunity.remote
      ? { applicable: true, fit: 1, explanation: { de: 'ortsunabhängig', en: 'remote' } }
      : rateDistance(request, volunteer, result.distanceKm, ctx.policy, explain),
    availability:
      opportunity.timePattern.kind === 'flexible'
        ? flexibleHours(opportunity.timePattern)
        : rateAvailability(request, volunteer, explain),
    language: rateFitLanguage(opportunity, volunteer),
    newcomer: rateNewcomer(opportunity, volunteer),
  };
  const breakdown = weighFit(ratings, ctx.weights ?? DEFAULT_FIT_WEIGHTS);
  return {
    eligible: true,
    fit: {
      opportunityId: opportunity.id,
      volunteerId: volunteer.id,
      score: fitTotal(breakdown),
      distanceKm: opportunity.remote ? null : result.distanceKm,
      breakdown,
    },
  };
}

function languageMissing(codes: string[]): LocalizedText {
  const names = [...new Set(codes)].map((code) => languageName(code) ?? { de: code, en: code });
  if (names.length === 1) {
    return { de: `spricht kein ${names[0].de}`, en: `does not speak ${names[0].en}` };
  }
  return {
    de: `spricht keine der Sprachen ${names.map((n) => n.de).join(', ')}`,
    en: `speaks none of ${names.map((n) => n.en).join(', ')}`,
  };
}

/**
 * Fields of activity the volunteer named as interests: fit 1 for any shared field, 0 for none.
 * Not applicable when either side names no field.
 */
export function rateInterests(
  opportunity: MatchableOpportunity,
  volunteer: FitVolunteer,
  fields: FitContext['fields'],
  explain = true,
): CriterionRating {
  if (!explain && opportunity.fieldsOfActivity.length > 0 && volunteer.interests.length > 0) {
    // Ranking pass: only the fit; the ranked few are judged again with their explanations.
    const fit = opportunity.fieldsOfActivity.some((key) => volunteer.interests.includes(key)) ? 1 : 0;
    return { applicable: true, fit, explanation: UNEXPLAINED };
  }
  const label = (key: string) => (Object.hasOwn(fields, key) ? fields[key] : { de: key, en: key });
  const wanted = [...new Set(opportunity.fieldsOfActivity)].sort();
  if (wanted.length === 0 || volunteer.interests.length === 0) {
    return {
      applicable: false,
      fit: 0,
      explanation:
        wanted.length === 0
          ? { de: 'kein Tätigkeitsfeld angegeben', en: 'no field of activity given' }
          : { de: 'keine Interessen angegeben', en: 'no interests given' },
    };
  }
  const own = new Set(volunteer.interests);
  const shared = wanted.filter((key) => own.has(key)).map(label);
  if (shared.length === 0) {
    const names = wanted.map(label);
    return {
      applicable: true,
      fit: 0,
      explanation: {
        de: `Tätigkeitsfeld nicht unter den Interessen (${names.map((n) => n.de).join(', ')})`,
        en: `field of activity not among the interests (${names.map((n) => n.en).join(', ')})`,
      },
    };
  }
  return {
    applicable: true,
    fit: 1,
    explanation: {
      // No "Interessen:" here: the pages put the criterion's label in front of the explanation.
      de: `gemeinsames Tätigkeitsfeld: ${shared.map((n) => n.de).join(', ')}`,
      en: `shared field of activity: ${shared.map((n) => n.en).join(', ')}`,
    },
  };
}

function flexibleHours(pattern: { hoursPerWeek?: number; hoursPerMonth?: number }): CriterionRating {
  const budget: LocalizedText =
    pattern.hoursPerWeek !== undefined
      ? { de: `etwa ${pattern.hoursPerWeek} Std. pro Woche`, en: `about ${pattern.hoursPerWeek} h a week` }
      : pattern.hoursPerMonth !== undefined
        ? {
            de: `etwa ${pattern.hoursPerMonth} Std. im Monat`,
            en: `about ${pattern.hoursPerMonth} h a month`,
          }
        : { de: 'nach Absprache', en: 'as agreed' };
  return {
    applicable: false,
    fit: 0,
    explanation: {
      de: `freie Zeiteinteilung, ${budget.de}`,
      en: `flexible hours, ${budget.en}`,
    },
  };
}

/**
 * Languages: the volunteer's best level in any of the opportunity's languages (CEFR, as for a
 * help-seeker's preferred language). "Little German is fine" fits fully a volunteer whose German
 * is below B1 or missing. Not applicable otherwise.
 */
export function rateFitLanguage(opportunity: MatchableOpportunity, volunteer: FitVolunteer): CriterionRating {
  const codes = [...new Set(opportunity.languages)];
  if (codes.length > 0) {
    let best: { code: string; level: keyof typeof LANGUAGE_LEVEL_FIT } | null = null;
    for (const skill of volunteer.languages) {
      if (!codes.includes(skill.code) || !Object.hasOwn(LANGUAGE_LEVEL_FIT, skill.level)) {
        continue;
      }
      if (best === null || LANGUAGE_LEVEL_FIT[skill.level] > LANGUAGE_LEVEL_FIT[best.level]) {
        best = { code: skill.code, level: skill.level };
      }
    }
    if (best !== null) {
      const name = languageName(best.code) ?? { de: best.code, en: best.code };
      const level =
        best.level === 'native' ? { de: 'Muttersprache', en: 'native' } : { de: best.level, en: best.level };
      return {
        applicable: true,
        fit: LANGUAGE_LEVEL_FIT[best.level],
        explanation: { de: `spricht ${name.de} (${level.de})`, en: `speaks ${name.en} (${level.en})` },
      };
    }
  }
  if (opportunity.littleGermanOk) {
    const german = volunteer.languages.find((l) => l.code === 'de');
    const weak = german === undefined || ['A1', 'A2'].includes(german.level);
    if (weak) {
      return {
        applicable: true,
        fit: 1,
        explanation: {
          de: 'wenig Deutsch ist hier in Ordnung',
          en: 'little German is fine here',
        },
      };
    }
  }
  return {
    applicable: false,
    fit: 0,
    explanation: { de: 'keine Sprachanforderung', en: 'no language requirement' },
  };
}

/** A bonus only: applies when the opportunity suits newcomers and the volunteer has never been placed. */
export function rateNewcomer(opportunity: MatchableOpportunity, volunteer: FitVolunteer): CriterionRating {
  if (!opportunity.forNewcomers) {
    return {
      applicable: false,
      fit: 0,
      explanation: { de: 'nicht eigens für Neueinsteiger', en: 'not specially for newcomers' },
    };
  }
  if (countOf(volunteer.placementsBefore) > 0) {
    return {
      applicable: false,
      fit: 0,
      explanation: {
        de: 'für Neueinsteiger geeignet; schon einmal vermittelt',
        en: 'suits newcomers; placed before',
      },
    };
  }
  return {
    applicable: true,
    fit: 1,
    explanation: {
      de: 'für Neueinsteiger geeignet, noch nie vermittelt',
      en: 'suits newcomers, never placed before',
    },
  };
}

/** Like the engine's weighRatings: applicable criteria share the normalised weights. */
export function weighFit(
  ratings: Record<FitCriterion, CriterionRating>,
  weights: Readonly<Record<FitCriterion, number>>,
): FitBreakdown {
  const usable = (w: number) => (Number.isFinite(w) && w > 0 ? w : 0);
  const applicable = FIT_CRITERIA.filter((c) => ratings[c].applicable);
  const sum = applicable.reduce((total, c) => total + usable(weights[c]), 0);
  const breakdown = {} as FitBreakdown;
  for (const c of FIT_CRITERIA) {
    const { applicable: applies, fit, explanation } = ratings[c];
    const weight = !applies ? 0 : sum === 0 ? 1 / applicable.length : usable(weights[c]) / sum;
    breakdown[c] = { applicable: applies, fit, weight, points: fit * weight * 100, explanation };
  }
  return breakdown;
}

export function fitTotal(breakdown: FitBreakdown): number {
  const sum = FIT_CRITERIA.reduce((total, c) => total + breakdown[c].points, 0);
  return Math.round(Math.min(100, Math.max(0, sum)) * 10) / 10;
}

function emptyCounts(): Record<FitExclusionReason, number> {
  return Object.fromEntries(FIT_EXCLUSION_REASONS.map((r) => [r, 0])) as Record<FitExclusionReason, number>;
}

function byFit(otherId: (f: OpportunityFit) => string) {
  return (a: OpportunityFit, b: OpportunityFit): number => {
    if (a.score !== b.score) {
      return b.score - a.score;
    }
    const da = a.distanceKm ?? 0;
    const db = b.distanceKm ?? 0;
    if (da !== db) {
      return da - db;
    }
    const ia = otherId(a);
    const ib = otherId(b);
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  };
}

function rank(
  pairs: { opportunity: MatchableOpportunity; volunteer: FitVolunteer }[],
  ctx: FitContext,
  limit: number,
  otherId: (f: OpportunityFit) => string,
): FitRanking {
  const eligible: { fit: OpportunityFit; pair: (typeof pairs)[number] }[] = [];
  const excluded: FitExclusion[] = [];
  const exclusionCounts = emptyCounts();
  for (const pair of pairs) {
    const verdict = judgeFit(pair.opportunity, pair.volunteer, ctx, false);
    if (verdict.eligible) {
      eligible.push({ fit: verdict.fit, pair });
    } else {
      excluded.push({
        opportunityId: pair.opportunity.id,
        volunteerId: pair.volunteer.id,
        reason: verdict.reason,
        explanation: verdict.explanation,
      });
      exclusionCounts[verdict.reason] += 1;
    }
  }
  const order = byFit(otherId);
  eligible.sort((a, b) => order(a.fit, b.fit));
  const ranked = eligible.slice(0, Math.max(0, Math.floor(limit))).map(({ fit, pair }) => {
    const explained = judgeFit(pair.opportunity, pair.volunteer, ctx, true);
    return explained.eligible ? explained.fit : fit;
  });
  return { ranked, excluded, exclusionCounts };
}

/** The opportunities that fit one volunteer, best first, and why the others do not. */
export function rankOpportunities(
  volunteer: FitVolunteer,
  opportunities: MatchableOpportunity[],
  ctx: FitContext,
  limit: number,
): FitRanking {
  return rank(
    opportunities.map((opportunity) => ({ opportunity, volunteer })),
    ctx,
    limit,
    (f) => f.opportunityId,
  );
}

/** The volunteers who fit one opportunity, best first, and why the others do not. */
export function rankVolunteers(
  opportunity: MatchableOpportunity,
  volunteers: FitVolunteer[],
  ctx: FitContext,
  limit: number,
): FitRanking {
  return rank(
    volunteers.map((volunteer) => ({ opportunity, volunteer })),
    ctx,
    limit,
    (f) => f.volunteerId,
  );
}

function countOf(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}
