import { formatKmDe, formatKmEn } from './geo';
import { languageName } from './language-names';
import { coverage, formatSlotDe, formatSlotEn, overlappingSlots } from '../../shared/schedule';
import { matchSkill, skillCredit, skillLabel, type SkillMatch } from './skills';
import {
  CRITERIA,
  EMPTY_SKILL_TAXONOMY,
  type CandidateVolunteer,
  type Criterion,
  type MatchableRequest,
  type MatchingPolicy,
  type ScoreBreakdown,
  type SkillTaxonomy,
} from './types';
import { type LanguageLevel } from '../../shared/volunteer-profile';
import { type LocalizedText } from '../../shared/localized-text';

/*
 * Scoring in two steps. Each criterion first rates the volunteer on its own: whether it applies at
 * all, a fit from 0 to 1, and an explanation in the agency's words. Then the policy weights of the
 * applicable criteria are scaled to sum 1, and the score is Σ fit × weight × 100.
 *
 * A criterion that does not apply (no answer history yet, never helped this person, no preferred
 * language beyond the needed one, no skills listed) gets weight 0 and its weight is spread over the
 * applicable criteria in proportion to their weights. So the score is a weighted average of what is
 * known: a newcomer is not pulled down for lacking history, and a criterion with fit 1 can only
 * raise a score, one with fit 0 only lower it.
 */

/** How well a volunteer fits on one criterion, before weighting. */
export interface CriterionRating {
  applicable: boolean;
  /** 0..1; 0 when not applicable. */
  fit: number;
  explanation: LocalizedText;
}

export type CandidateRatings = Record<Criterion, CriterionRating>;

/**
 * Ranking scores every candidate but keeps only the best few; their explanations are written
 * afterwards (`explain` = true), the others get this placeholder and are never shown.
 */
const UNEXPLAINED: LocalizedText = Object.freeze({ de: '', en: '' });

/** Fit of the help-seeker's preferred language by the volunteer's level (CEFR). */
export const LANGUAGE_LEVEL_FIT: Readonly<Record<LanguageLevel, number>> = Object.freeze({
  A1: 0.1,
  A2: 0.25,
  B1: 0.5,
  B2: 0.75,
  C1: 0.9,
  C2: 1,
  native: 1,
});

/** More listed slots would crowd the proposal card; staff can open the full profile. */
const MAX_LISTED_SLOTS = 2;

/**
 * Weights of the applicable criteria scaled to sum 1; criteria not applicable get 0. Negative or
 * non-numeric weights count as 0. If every applicable weight is 0, the applicable criteria share
 * equally, so a score is always a weighted average of the criteria that apply.
 */
export function normaliseWeights(
  weights: Record<Criterion, number>,
  applicable: Partial<Record<Criterion, boolean>> = {},
): Record<Criterion, number> {
  // Plain loops: this runs for every candidate of every request.
  let sum = 0;
  let count = 0;
  for (const c of CRITERIA) {
    if (applicable[c] !== false) {
      count += 1;
      sum += usableWeight(weights[c]);
    }
  }
  const normalised = {} as Record<Criterion, number>;
  for (const c of CRITERIA) {
    normalised[c] = applicable[c] === false ? 0 : sum === 0 ? 1 / count : usableWeight(weights[c]) / sum;
  }
  return normalised;
}

function usableWeight(w: number): number {
  return Number.isFinite(w) && w > 0 ? w : 0;
}

/**
 * Needed skills: 1 each for the skill or a more specific one, `parentSkillCredit` for only the more
 * general one. Nice-to-have skills, when listed, make up `niceToHaveShare` of the fit (with no needed
 * skills the needed part counts as met). Not applicable when the request lists no skills.
 */
export function rateSkills(
  request: MatchableRequest,
  volunteer: CandidateVolunteer,
  policy: MatchingPolicy,
  taxonomy: SkillTaxonomy = EMPTY_SKILL_TAXONOMY,
  explain = true,
): CriterionRating {
  const needed = [...new Set(request.neededSkills)];
  const nice = [...new Set(request.niceToHaveSkills)].filter((skill) => !needed.includes(skill));
  if (needed.length === 0 && nice.length === 0) {
    return notApplicable({ de: 'keine besonderen Fähigkeiten nötig', en: 'no particular skills needed' });
  }
  const parentCredit = clamp01(policy.parentSkillCredit);
  const assess = (skills: string[]) =>
    skills.map((skill) => {
      const match = matchSkill(skill, volunteer.skills, taxonomy);
      return { skill, match, credit: skillCredit(match, parentCredit) };
    });
  const neededMatches = assess(needed);
  const niceMatches = assess(nice);
  const mean = (list: { credit: number }[]): number =>
    list.reduce((sum, m) => sum + m.credit, 0) / list.length;
  const neededFit = needed.length > 0 ? mean(neededMatches) : 1;
  const share = clamp01(policy.niceToHaveShare);
  const fit = nice.length > 0 ? (1 - share) * neededFit + share * mean(niceMatches) : neededFit;
  if (!explain) {
    return { applicable: true, fit, explanation: UNEXPLAINED };
  }

  const describe = (m: { skill: string; match: SkillMatch }): LocalizedText =>
    describeSkill(m.skill, m.match, taxonomy);
  const met = (list: typeof neededMatches) => list.filter((m) => m.match.kind !== 'none').map(describe);
  const unmet = (list: typeof neededMatches) =>
    list.filter((m) => m.match.kind === 'none').map((m) => skillLabel(m.skill, taxonomy));

  const parts: LocalizedText[] = [];
  const neededMet = met(neededMatches);
  const neededMissing = unmet(neededMatches);
  if (neededMet.length > 0) {
    parts.push(listed('vorhanden', 'has', neededMet)); // the pages print "Fähigkeiten:" before it
  }
  if (neededMissing.length > 0) {
    parts.push(
      neededMet.length > 0
        ? listed('fehlt', 'missing', neededMissing)
        : listed('fehlende Fähigkeiten', 'missing skills', neededMissing),
    );
  }
  const niceMet = met(niceMatches);
  if (niceMet.length > 0) {
    parts.push(listed('gern gesehen', 'nice to have', niceMet));
  } else if (needed.length === 0) {
    const wanted = nice.map((skill) => skillLabel(skill, taxonomy));
    parts.push({
      de: `keine der gewünschten Fähigkeiten (${wanted.map((l) => l.de).join(', ')})`,
      en: `none of the nice-to-have skills (${wanted.map((l) => l.en).join(', ')})`,
    });
  }
  return {
    applicable: true,
    fit,
    explanation: { de: parts.map((p) => p.de).join('; '), en: parts.map((p) => p.en).join('; ') },
  };
}

/**
 * halfKm² / (halfKm² + km²): 1 on the spot, one half at distanceHalfScoreKm, and falling ever more
 * slowly beyond, so 12 km vs 14 km matters less than 1 km vs 3 km. The same district adds
 * sameDistrictBonus, capped at 1. Never rises with distance.
 */
export function rateDistance(
  request: MatchableRequest,
  volunteer: CandidateVolunteer,
  km: number,
  policy: MatchingPolicy,
  explain = true,
): CriterionRating {
  const half = policy.distanceHalfScoreKm ** 2;
  const base = half > 0 ? half / (half + km ** 2) : km === 0 ? 1 : 0;
  const sameDistrict = request.district !== null && request.district === volunteer.district;
  const fit = sameDistrict ? Math.min(1, base + Math.max(0, policy.sameDistrictBonus)) : base;
  if (!explain) {
    return { applicable: true, fit, explanation: UNEXPLAINED };
  }
  return {
    applicable: true,
    fit,
    explanation: {
      de: `${formatKmDe(km)} km entfernt${sameDistrict ? ', gleicher Stadtteil' : ''}`,
      en: `${formatKmEn(km)} km away${sameDistrict ? ', same district' : ''}`,
    },
  };
}

/** Share of the requested time the volunteer is free; 1 for everyone who passed the hard rules. */
export function rateAvailability(
  request: MatchableRequest,
  volunteer: CandidateVolunteer,
  explain = true,
): CriterionRating {
  const fit = coverage(volunteer.availability, request.schedule);
  if (!explain) {
    return { applicable: true, fit, explanation: UNEXPLAINED };
  }
  const slots = overlappingSlots(volunteer.availability, request.schedule);
  if (slots.length === 0) {
    return {
      applicable: true,
      fit,
      explanation: { de: 'zur gewünschten Zeit nicht frei', en: 'not free at the requested time' },
    };
  }
  const more = slots.length > MAX_LISTED_SLOTS ? ' …' : '';
  const shown = slots.slice(0, MAX_LISTED_SLOTS);
  const de = `${shown.map(formatSlotDe).join(', ')}${more} frei`;
  const en = `${shown.map(formatSlotEn).join(', ')}${more} free`;
  if (fit === 1) {
    return { applicable: true, fit, explanation: { de, en } };
  }
  const percent = Math.floor(fit * 100);
  return {
    applicable: true,
    fit,
    explanation: { de: `${de} (deckt ${percent} % ab)`, en: `${en} (covers ${percent}%)` },
  };
}

/**
 * The help-seeker's preferred language, by the volunteer's best level in it. Not applicable without
 * a preferred language, or when it is the needed language (a hard rule every candidate meets).
 */
export function rateLanguage(request: MatchableRequest, volunteer: CandidateVolunteer): CriterionRating {
  const preferred = request.preferredLanguage;
  if (preferred === null) {
    return notApplicable({ de: 'keine Wunschsprache angegeben', en: 'no preferred language given' });
  }
  if (preferred === request.neededLanguage) {
    return notApplicable({
      de: 'keine Wunschsprache über die benötigte hinaus',
      en: 'no preferred language beyond the needed one',
    });
  }
  const name = languageName(preferred);
  const best = volunteer.languages
    .filter((l) => l.code === preferred && Object.hasOwn(LANGUAGE_LEVEL_FIT, l.level))
    .sort((a, b) => LANGUAGE_LEVEL_FIT[b.level] - LANGUAGE_LEVEL_FIT[a.level])[0];
  if (best === undefined) {
    return {
      applicable: true,
      fit: 0,
      explanation:
        name !== null
          ? {
              de: `spricht kein ${name.de} (Wunschsprache)`,
              en: `does not speak ${name.en} (preferred language)`,
            }
          : {
              de: `spricht die Wunschsprache nicht (${preferred})`,
              en: `does not speak the preferred language (${preferred})`,
            },
    };
  }
  const label = name ?? { de: preferred, en: preferred };
  const level: LocalizedText =
    best.level === 'native' ? { de: 'Muttersprache', en: 'native' } : { de: best.level, en: best.level };
  return {
    applicable: true,
    fit: LANGUAGE_LEVEL_FIT[best.level],
    explanation: { de: `spricht ${label.de} (${level.de})`, en: `speaks ${label.en} (${level.en})` },
  };
}

/** Helped this help-seeker before and it went well: fit 1. Not applicable for everyone else. */
export function rateContinuity(volunteer: CandidateVolunteer): CriterionRating {
  const times = countOf(volunteer.helpedThisPersonBefore);
  if (times < 1) {
    return notApplicable({
      de: 'hat dieser Person noch nicht geholfen',
      en: 'has not helped this person before',
    });
  }
  return {
    applicable: true,
    fit: 1,
    explanation:
      times === 1
        ? { de: 'hat dieser Person schon einmal geholfen', en: 'has helped this person once before' }
        : {
            de: `hat dieser Person schon ${times}-mal geholfen`,
            en: `has helped this person ${times} times before`,
          },
  };
}

/** Spreads the work: 1 − penalty per open assignment − penalty per offer in the last 7 days, ≥ 0. */
export function rateFairness(
  volunteer: CandidateVolunteer,
  policy: MatchingPolicy,
  explain = true,
): CriterionRating {
  const open = countOf(volunteer.openAssignments);
  const recent = countOf(volunteer.offersLast7Days);
  const fit = clamp01(
    1 -
      Math.max(0, policy.fairnessOpenAssignmentPenalty) * open -
      Math.max(0, policy.fairnessRecentOfferPenalty) * recent,
  );
  if (!explain) {
    return { applicable: true, fit, explanation: UNEXPLAINED };
  }
  const openDe =
    open === 0 ? 'keine offenen Einsätze' : open === 1 ? '1 offener Einsatz' : `${open} offene Einsätze`;
  const openEn =
    open === 0 ? 'no open assignments' : open === 1 ? '1 open assignment' : `${open} open assignments`;
  const recentDe = recent === 0 ? 'keine Anfragen' : recent === 1 ? '1 Anfrage' : `${recent} Anfragen`;
  const recentEn = recent === 0 ? 'no offers' : recent === 1 ? '1 offer' : `${recent} offers`;
  return {
    applicable: true,
    fit,
    explanation: {
      de: `${openDe}, ${recentDe} in den letzten 7 Tagen`,
      en: `${openEn}, ${recentEn} in the last 7 days`,
    },
  };
}

/**
 * Share of offers in the last 180 days that got an answer, accept or decline: a quick "no" helps
 * staff as much as a "yes". Not applicable below responsivenessMinOffers offers. Reliability
 * (no-shows, late cancellations recorded by staff) multiplies in, and makes the criterion apply
 * even before there is an answer rate.
 */
export function rateResponsiveness(volunteer: CandidateVolunteer, policy: MatchingPolicy): CriterionRating {
  const offered = countOf(volunteer.answerHistory.offered);
  const answered = countOf(volunteer.answerHistory.answered);
  const reliability = rateReliability(volunteer);
  const answerRateApplies = offered >= Math.max(1, policy.responsivenessMinOffers);
  if (!answerRateApplies && reliability === null) {
    return notApplicable(
      offered === 0
        ? { de: 'noch keine Antworthistorie', en: 'no answer history yet' }
        : {
            de: `erst ${offered} ${offered === 1 ? 'Anfrage' : 'Anfragen'}, noch keine Antwortquote`,
            en: `only ${offered} ${offered === 1 ? 'offer' : 'offers'} so far, no answer rate yet`,
          },
    );
  }
  const answerRate = answerRateApplies ? clamp01(answered / offered) : 1;
  const fit = clamp01(answerRate * (reliability?.fit ?? 1));
  const parts: LocalizedText[] = [];
  if (answerRateApplies) {
    const percent = Math.floor(answerRate * 100);
    parts.push({ de: `antwortet auf ${percent} % der Anfragen`, en: `answers ${percent}% of offers` });
  }
  if (reliability !== null) {
    parts.push(reliability.explanation);
  }
  return {
    applicable: true,
    fit,
    explanation: { de: parts.map((p) => p.de).join('; '), en: parts.map((p) => p.en).join('; ') },
  };
}

/** A no-show costs a whole assignment's worth of reliability, a late cancellation half of one. */
export const NO_SHOW_WEIGHT = 1;
export const LATE_CANCELLATION_WEIGHT = 0.5;

/**
 * Reliability from the no-shows and late cancellations staff recorded on accepted assignments of
 * the last year: 1 − (no-shows + ½ late cancellations) / assignments. Null (says nothing) when
 * none was recorded, so a volunteer without incidents is never marked down or up by it.
 */
export function rateReliability(
  volunteer: CandidateVolunteer,
): { fit: number; explanation: LocalizedText } | null {
  const noShows = countOf(volunteer.attendance?.noShows ?? 0);
  const late = countOf(volunteer.attendance?.lateCancellations ?? 0);
  if (noShows + late === 0) {
    return null;
  }
  const assignments = Math.max(countOf(volunteer.attendance?.assignments ?? 0), noShows + late);
  const fit = clamp01(1 - (noShows * NO_SHOW_WEIGHT + late * LATE_CANCELLATION_WEIGHT) / assignments);
  const de: string[] = [];
  const en: string[] = [];
  if (noShows > 0) {
    de.push(`${noShows} × nicht erschienen`);
    en.push(`${noShows} × no-show`);
  }
  if (late > 0) {
    de.push(`${late} × kurzfristig abgesagt`);
    en.push(`${late} × late cancellation`);
  }
  return {
    fit,
    explanation: {
      de: `${de.join(', ')} (bei ${assignments} ${assignments === 1 ? 'Einsatz' : 'Einsätzen'})`,
      en: `${en.join(', ')} (of ${assignments} ${assignments === 1 ? 'assignment' : 'assignments'})`,
    },
  };
}

/** Every criterion rated on its own, before weighting. */
export function rateCandidate(
  request: MatchableRequest,
  volunteer: CandidateVolunteer,
  km: number,
  policy: MatchingPolicy,
  taxonomy: SkillTaxonomy = EMPTY_SKILL_TAXONOMY,
  explain = true,
): CandidateRatings {
  return {
    skills: rateSkills(request, volunteer, policy, taxonomy, explain),
    distance: rateDistance(request, volunteer, km, policy, explain),
    availability: rateAvailability(request, volunteer, explain),
    language: rateLanguage(request, volunteer),
    continuity: rateContinuity(volunteer),
    fairness: rateFairness(volunteer, policy, explain),
    responsiveness: rateResponsiveness(volunteer, policy),
  };
}

/** Weights the ratings: applicable criteria share the normalised weights, the others get 0. */
export function weighRatings(ratings: CandidateRatings, weights: Record<Criterion, number>): ScoreBreakdown {
  const applicable = {} as Record<Criterion, boolean>;
  for (const c of CRITERIA) {
    applicable[c] = ratings[c].applicable;
  }
  const normalised = normaliseWeights(weights, applicable);
  const breakdown = {} as ScoreBreakdown;
  for (const c of CRITERIA) {
    const { applicable: applies, fit, explanation } = ratings[c];
    const weight = normalised[c];
    breakdown[c] = { applicable: applies, fit, weight, points: fit * weight * 100, explanation };
  }
  return breakdown;
}

/** All soft criteria for one eligible volunteer, weighted. */
export function scoreCandidate(
  request: MatchableRequest,
  volunteer: CandidateVolunteer,
  km: number,
  policy: MatchingPolicy,
  taxonomy: SkillTaxonomy = EMPTY_SKILL_TAXONOMY,
  explain = true,
): ScoreBreakdown {
  return weighRatings(rateCandidate(request, volunteer, km, policy, taxonomy, explain), policy.weights);
}

/** The 0–100 total, rounded to one decimal. */
export function totalScore(breakdown: ScoreBreakdown): number {
  const sum = CRITERIA.reduce((total, c) => total + breakdown[c].points, 0);
  // Weights summing to 1 + ε must not give 100.0000001.
  return Math.round(Math.min(100, Math.max(0, sum)) * 10) / 10;
}

function notApplicable(explanation: LocalizedText): CriterionRating {
  return { applicable: false, fit: 0, explanation };
}

function describeSkill(skill: string, match: SkillMatch, taxonomy: SkillTaxonomy): LocalizedText {
  const label = skillLabel(skill, taxonomy);
  switch (match.kind) {
    case 'child': {
      const via = skillLabel(match.via, taxonomy);
      return { de: `${label.de} (als ${via.de})`, en: `${label.en} (as ${via.en})` };
    }
    case 'parent': {
      const via = skillLabel(match.via, taxonomy);
      return { de: `${label.de} (teilweise: ${via.de})`, en: `${label.en} (partly: ${via.en})` };
    }
    default:
      return label;
  }
}

function listed(de: string, en: string, labels: LocalizedText[]): LocalizedText {
  return {
    de: `${de}: ${labels.map((l) => l.de).join(', ')}`,
    en: `${en}: ${labels.map((l) => l.en).join(', ')}`,
  };
}

/** A count from the database: whole, non-negative, 0 when missing or not a number. */
function countOf(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
