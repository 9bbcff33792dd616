import { formatKmDe, formatKmEn } from './geo';
import { coverage, formatSlotDe, formatSlotEn, overlappingSlots } from './schedule';
import {
  CRITERIA,
  type CandidateVolunteer,
  type Criterion,
  type CriterionScore,
  type LocalizedText,
  type MatchableRequest,
  type MatchingPolicy,
  type ScoreBreakdown,
} from './types';

/** Living in the same district usually means shorter, familiar ways, worth a little extra. */
const SAME_DISTRICT_BONUS = 0.1;
/** More listed slots would crowd the proposal card; staff can open the full profile. */
const MAX_LISTED_SLOTS = 2;

/** Weights scaled to sum 1; negative or non-numeric weights count as 0, all zero means equal. */
export function normaliseWeights(weights: Record<Criterion, number>): Record<Criterion, number> {
  const usable = (w: number): number => (Number.isFinite(w) && w > 0 ? w : 0);
  const sum = CRITERIA.reduce((total, c) => total + usable(weights[c]), 0);
  const entries = CRITERIA.map((c): [Criterion, number] => [
    c,
    sum === 0 ? 1 / CRITERIA.length : usable(weights[c]) / sum,
  ]);
  return Object.fromEntries(entries) as Record<Criterion, number>;
}

/** Share of the needed skills the volunteer brings; nothing needed fits everyone. */
export function scoreSkills(
  request: MatchableRequest,
  volunteer: CandidateVolunteer,
  weight: number,
): CriterionScore {
  const needed = [...new Set(request.neededSkills)];
  if (needed.length === 0) {
    return criterion(1, weight, {
      de: 'keine besonderen Fähigkeiten nötig',
      en: 'no particular skills needed',
    });
  }
  const matched = needed.filter((skill) => volunteer.skills.includes(skill));
  const listed = matched.length > 0 ? ` (${matched.join(', ')})` : '';
  return criterion(matched.length / needed.length, weight, {
    de: `Fähigkeiten: ${matched.length} von ${needed.length}${listed}`,
    en: `Skills: ${matched.length} of ${needed.length}${listed}`,
  });
}

/**
 * halfKm² / (halfKm² + km²): 1 on the spot, one half at halfScoreKm, and falling ever more slowly
 * beyond, so 12 km vs 14 km matters less than 1 km vs 3 km.
 */
export function scoreDistance(
  request: MatchableRequest,
  volunteer: CandidateVolunteer,
  km: number,
  halfScoreKm: number,
  weight: number,
): CriterionScore {
  const half = halfScoreKm ** 2;
  const base = half > 0 ? half / (half + km ** 2) : km === 0 ? 1 : 0;
  const sameDistrict = request.district !== null && request.district === volunteer.district;
  const fit = sameDistrict ? Math.min(1, base + SAME_DISTRICT_BONUS) : base;
  return criterion(fit, weight, {
    de: `${formatKmDe(km)} km entfernt${sameDistrict ? ', gleicher Stadtteil' : ''}`,
    en: `${formatKmEn(km)} km away${sameDistrict ? ', same district' : ''}`,
  });
}

/** Share of the requested time the volunteer is free; 1 for everyone who passed the hard rules. */
export function scoreAvailability(
  request: MatchableRequest,
  volunteer: CandidateVolunteer,
  weight: number,
): CriterionScore {
  const fit = coverage(volunteer.availability, request.schedule);
  const slots = overlappingSlots(volunteer.availability, request.schedule);
  if (slots.length === 0) {
    return criterion(fit, weight, {
      de: 'zur gewünschten Zeit nicht frei',
      en: 'not free at the requested time',
    });
  }
  const more = slots.length > MAX_LISTED_SLOTS ? ' …' : '';
  const shown = slots.slice(0, MAX_LISTED_SLOTS);
  const de = `${shown.map(formatSlotDe).join(', ')}${more} frei`;
  const en = `${shown.map(formatSlotEn).join(', ')}${more} free`;
  if (fit === 1) {
    return criterion(fit, weight, { de, en });
  }
  const percent = Math.floor(fit * 100);
  return criterion(fit, weight, { de: `${de} (deckt ${percent} % ab)`, en: `${en} (covers ${percent}%)` });
}

/** All soft criteria for one eligible volunteer. */
export function scoreCandidate(
  request: MatchableRequest,
  volunteer: CandidateVolunteer,
  km: number,
  policy: MatchingPolicy,
): ScoreBreakdown {
  const weights = normaliseWeights(policy.weights);
  return {
    skills: scoreSkills(request, volunteer, weights.skills),
    distance: scoreDistance(request, volunteer, km, policy.distanceHalfScoreKm, weights.distance),
    availability: scoreAvailability(request, volunteer, weights.availability),
  };
}

/** The 0–100 total, rounded to one decimal. */
export function totalScore(breakdown: ScoreBreakdown): number {
  const sum = CRITERIA.reduce((total, c) => total + breakdown[c].points, 0);
  return Math.round(sum * 10) / 10;
}

function criterion(fit: number, weight: number, explanation: LocalizedText): CriterionScore {
  return { fit, weight, points: fit * weight * 100, explanation };
}
