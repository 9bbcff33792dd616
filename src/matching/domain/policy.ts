import { CRITERIA, type Criterion, type MatchingPolicy } from './types';

/**
 * Frozen because it is shared: callers derive their own policy with a spread. Skills and distance
 * weigh most; continuity, fairness and responsiveness only tip the balance between similar fits.
 */
export const DEFAULT_MATCHING_POLICY: MatchingPolicy = Object.freeze({
  weights: Object.freeze({
    skills: 0.35,
    distance: 0.25,
    availability: 0.15,
    language: 0.1,
    continuity: 0.05,
    fairness: 0.05,
    responsiveness: 0.05,
  }),
  certificateValidityYears: 5,
  maxProposals: 5,
  distanceHalfScoreKm: 3,
  sameDistrictBonus: 0.1,
  parentSkillCredit: 0.5,
  niceToHaveShare: 0.3,
  fairnessOpenAssignmentPenalty: 0.2,
  fairnessRecentOfferPenalty: 0.1,
  responsivenessMinOffers: 3,
});

export interface PolicyError {
  /** Dotted path of the field, e.g. "weights.skills"; "" for the policy as a whole. */
  field: string;
  message: string;
}

export type PolicyValidation = { ok: true; policy: MatchingPolicy } | { ok: false; errors: PolicyError[] };

type NumericField = Exclude<keyof MatchingPolicy, 'weights'>;

interface Range {
  min: number;
  max: number;
  integer: boolean;
  /** Why the range is what it is, when that is not obvious. */
  why?: string;
}

/** Ranges an agency may choose from; outside them the engine would still run, but badly. */
const RANGES: Record<NumericField, Range> = {
  certificateValidityYears: { min: 1, max: 10, integer: true },
  maxProposals: { min: 1, max: 20, integer: true },
  distanceHalfScoreKm: { min: 0.5, max: 50, integer: false },
  sameDistrictBonus: { min: 0, max: 1, integer: false },
  parentSkillCredit: { min: 0, max: 1, integer: false },
  niceToHaveShare: {
    min: 0,
    max: 0.5,
    integer: false,
    why: 'nice-to-have skills must not count more than needed ones',
  },
  fairnessOpenAssignmentPenalty: { min: 0, max: 1, integer: false },
  fairnessRecentOfferPenalty: { min: 0, max: 1, integer: false },
  responsivenessMinOffers: { min: 1, max: 100, integer: true },
};

const NUMERIC_FIELDS = Object.keys(RANGES) as NumericField[];

/**
 * Checks a policy from configuration or an admin form and returns a frozen copy with exactly the
 * known fields. Every field is required: merge with DEFAULT_MATCHING_POLICY first to fill gaps.
 * Unknown fields are errors, so a misspelt weight is not silently ignored. All errors are reported.
 */
export function validateMatchingPolicy(input: unknown): PolicyValidation {
  if (!isPlainObject(input)) {
    return { ok: false, errors: [{ field: '', message: 'must be an object' }] };
  }
  const errors: PolicyError[] = [];
  const known = new Set<string>(['weights', ...NUMERIC_FIELDS]);
  for (const key of Object.keys(input)) {
    if (!known.has(key)) {
      errors.push({ field: key, message: 'is not a policy field' });
    }
  }

  const weights = validateWeights(input.weights, errors);

  const numbers: Partial<Record<NumericField, number>> = {};
  for (const field of NUMERIC_FIELDS) {
    const value = input[field];
    const error = rangeError(value, RANGES[field]);
    if (error !== null) {
      errors.push({ field, message: error });
    } else {
      numbers[field] = value as number;
    }
  }

  if (errors.length > 0 || weights === null) {
    return { ok: false, errors };
  }
  const policy = { ...(numbers as Record<NumericField, number>), weights: Object.freeze(weights) };
  return { ok: true, policy: Object.freeze(policy) };
}

function validateWeights(input: unknown, errors: PolicyError[]): Record<Criterion, number> | null {
  if (!isPlainObject(input)) {
    errors.push({
      field: 'weights',
      message: `must be an object with the weights of ${CRITERIA.join(', ')}`,
    });
    return null;
  }
  const before = errors.length;
  for (const key of Object.keys(input)) {
    if (!(CRITERIA as readonly string[]).includes(key)) {
      errors.push({ field: `weights.${key}`, message: `is not a criterion (${CRITERIA.join(', ')})` });
    }
  }
  const weights = {} as Record<Criterion, number>;
  for (const criterion of CRITERIA) {
    const value = input[criterion];
    if (value === undefined) {
      errors.push({ field: `weights.${criterion}`, message: 'is missing' });
    } else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      errors.push({ field: `weights.${criterion}`, message: 'must be a number of 0 or more' });
    } else {
      weights[criterion] = value;
    }
  }
  if (errors.length > before) {
    return null;
  }
  if (CRITERIA.every((c) => weights[c] === 0)) {
    errors.push({ field: 'weights', message: 'at least one weight must be more than 0' });
    return null;
  }
  return weights;
}

function rangeError(value: unknown, range: Range): string | null {
  if (value === undefined) {
    return 'is missing';
  }
  const kind = range.integer ? 'a whole number' : 'a number';
  const inRange =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!range.integer || Number.isInteger(value)) &&
    value >= range.min &&
    value <= range.max;
  return inRange
    ? null
    : `must be ${kind} from ${range.min} to ${range.max}${range.why !== undefined ? `: ${range.why}` : ''}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
