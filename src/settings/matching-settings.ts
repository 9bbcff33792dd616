import { DEFAULT_MATCHING_POLICY, validateMatchingPolicy } from '../matching/domain';
import type { MatchingPolicy } from '../matching/domain/types';

/** What an agency tunes about matching, without a deploy. */
export interface MatchingSettings {
  policy: MatchingPolicy;
  /** How long a volunteer has to answer an offer before it expires and the next one is asked. */
  offerResponseHours: number;
  /**
   * An offer must be answered at least this many hours before the appointment starts (the deadline
   * is the earlier of the two); with less time left the request escalates to staff. 0 = up to the start.
   */
  offerLeadHours: number;
  /** After a decline or expiry, offer the next candidate at once instead of waiting for staff. */
  autoOffer: boolean;
  /**
   * Requests from the public pages wait in staff review (status `in-review`) until staff release
   * them to matching; off, they are matched at once like phone intake.
   */
  reviewPublicRequestsFirst: boolean;
}

const DEFAULT_OFFER_LEAD_HOURS = 24;

export const MATCHING_SETTINGS_KEY = 'matching';

export const DEFAULT_MATCHING_SETTINGS: MatchingSettings = {
  policy: DEFAULT_MATCHING_POLICY,
  offerResponseHours: 48,
  offerLeadHours: DEFAULT_OFFER_LEAD_HOURS,
  autoOffer: false,
  reviewPublicRequestsFirst: true,
};

export type SettingsCheck =
  { ok: true; settings: MatchingSettings } | { ok: false; errors: { field: string; message: string }[] };

/** Pure validation of a whole settings object; a missing part keeps its current value. */
export function validateMatchingSettings(input: unknown, current: MatchingSettings): SettingsCheck {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: '', message: 'must be an object' }] };
  }
  const raw = input as Record<string, unknown>;
  const errors: { field: string; message: string }[] = [];
  const unknown = Object.keys(raw).filter(
    (key) =>
      !['policy', 'offerResponseHours', 'offerLeadHours', 'autoOffer', 'reviewPublicRequestsFirst'].includes(
        key,
      ),
  );
  errors.push(...unknown.map((field) => ({ field, message: 'is not a setting' })));

  let policy = current.policy;
  if (raw.policy !== undefined) {
    const merged =
      typeof raw.policy === 'object' && raw.policy !== null && !Array.isArray(raw.policy)
        ? {
            ...current.policy,
            ...raw.policy,
            weights: { ...current.policy.weights, ...((raw.policy as { weights?: object }).weights ?? {}) },
          }
        : raw.policy;
    const check = validateMatchingPolicy(merged);
    if (check.ok) {
      policy = check.policy;
    } else {
      errors.push(
        ...check.errors.map((error) => ({ field: `policy.${error.field}`, message: error.message })),
      );
    }
  }
  const offerResponseHours = raw.offerResponseHours ?? current.offerResponseHours;
  if (
    typeof offerResponseHours !== 'number' ||
    !Number.isInteger(offerResponseHours) ||
    offerResponseHours < 1 ||
    offerResponseHours > 24 * 14
  ) {
    errors.push({ field: 'offerResponseHours', message: 'must be a whole number of hours from 1 to 336' });
  }
  const offerLeadHours = raw.offerLeadHours ?? current.offerLeadHours ?? DEFAULT_OFFER_LEAD_HOURS;
  if (
    typeof offerLeadHours !== 'number' ||
    !Number.isInteger(offerLeadHours) ||
    offerLeadHours < 0 ||
    offerLeadHours > 24 * 7
  ) {
    errors.push({ field: 'offerLeadHours', message: 'must be a whole number of hours from 0 to 168' });
  }
  const autoOffer = raw.autoOffer ?? current.autoOffer;
  if (typeof autoOffer !== 'boolean') {
    errors.push({ field: 'autoOffer', message: 'must be true or false' });
  }
  const reviewPublicRequestsFirst = raw.reviewPublicRequestsFirst ?? current.reviewPublicRequestsFirst;
  if (typeof reviewPublicRequestsFirst !== 'boolean') {
    errors.push({ field: 'reviewPublicRequestsFirst', message: 'must be true or false' });
  }
  return errors.length > 0
    ? { ok: false, errors }
    : {
        ok: true,
        settings: {
          policy,
          offerResponseHours: offerResponseHours as number,
          offerLeadHours: offerLeadHours as number,
          autoOffer: autoOffer as boolean,
          reviewPublicRequestsFirst: reviewPublicRequestsFirst as boolean,
        },
      };
}
