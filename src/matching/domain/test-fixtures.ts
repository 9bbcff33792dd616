/*
 * Builders for the matching specs. Kept free of jest so it type-checks with the build config;
 * every spec starts from the same eligible pair and changes one thing.
 */
import type {
  CandidateVolunteer,
  GeoPoint,
  MatchableRequest,
  MatchingPolicy,
  RankingContext,
  SkillTaxonomy,
} from './types';

const EARTH_RADIUS_KM = 6371.0088;

/** Berlin-Mitte, where the baseline help is needed. */
export const REQUEST_LOCATION: GeoPoint = { lat: 52.52, lon: 13.405 };

/** A point exactly `km` north: along a meridian the haversine distance is exact. */
export function kmNorthOf(point: GeoPoint, km: number): GeoPoint {
  return { lat: point.lat + (km / EARTH_RADIUS_KM) * (180 / Math.PI), lon: point.lon };
}

/** Tuesday 9–12, shopping and driving, Turkish, certificate required; nothing else asked for. */
export function aRequest(overrides: Partial<MatchableRequest> = {}): MatchableRequest {
  return {
    id: 'request-1',
    neededSkills: ['shopping', 'driving'],
    niceToHaveSkills: [],
    neededLanguage: 'tr',
    preferredLanguage: null,
    requiresCertificate: true,
    minimumAge: null,
    location: REQUEST_LOCATION,
    district: 'Mitte',
    schedule: { kind: 'weekly', slots: [{ weekday: 2, start: '09:00', end: '12:00' }] },
    ...overrides,
  };
}

/**
 * Eligible for aRequest(): 1 km away, free Tuesday 8–13, certificate inspected 2024, born 1980,
 * no open assignments, no offers lately, no answer history, never helped this person.
 */
export function aVolunteer(overrides: Partial<CandidateVolunteer> = {}): CandidateVolunteer {
  return {
    id: 'volunteer-1',
    status: 'active',
    languages: [{ code: 'tr', level: 'B2' }],
    skills: ['shopping', 'driving'],
    home: kmNorthOf(REQUEST_LOCATION, 1),
    district: 'Mitte',
    maxTravelKm: 5,
    availability: [{ weekday: 2, start: '08:00', end: '13:00' }],
    maxOpenAssignments: 2,
    openAssignments: 0,
    certificateInspectedOn: '2024-01-15',
    birthDate: '1980-05-01',
    awayUntil: null,
    maxOffersPerWeek: 3,
    offersLast7Days: 0,
    answerHistory: { offered: 0, answered: 0 },
    helpedThisPersonBefore: 0,
    askedForThisRequest: null,
    blockedForThisRequest: false,
    ...overrides,
  };
}

/** The default values, as a separate object so specs do not change when the defaults are tuned. */
export const TEST_POLICY: MatchingPolicy = {
  weights: {
    skills: 0.35,
    distance: 0.25,
    availability: 0.15,
    language: 0.1,
    continuity: 0.05,
    fairness: 0.05,
    responsiveness: 0.05,
  },
  certificateValidityYears: 5,
  maxProposals: 5,
  distanceHalfScoreKm: 3,
  sameDistrictBonus: 0.1,
  parentSkillCredit: 0.5,
  niceToHaveShare: 0.3,
  fairnessOpenAssignmentPenalty: 0.2,
  fairnessRecentOfferPenalty: 0.1,
  responsivenessMinOffers: 3,
};

/** A slice of an agency taxonomy, with one parent relation. */
export const TEST_SKILLS: SkillTaxonomy = {
  shopping: { de: 'Einkaufen', en: 'Shopping' },
  driving: { de: 'Fahrdienst', en: 'Driving' },
  accompaniment: { de: 'Begleitung', en: 'Accompaniment' },
  'accompaniment.doctor': {
    de: 'Begleitung zum Arzt',
    en: 'Accompaniment to the doctor',
    parent: 'accompaniment',
  },
  'accompaniment.authority': {
    de: 'Begleitung zu Behörden',
    en: 'Accompaniment to authorities',
    parent: 'accompaniment',
  },
  paperwork: { de: 'Papierkram', en: 'Paperwork' },
};

/** Tuesday 10 March 2026, 11:00 in Berlin. */
export function aContext(overrides: Partial<RankingContext> = {}): RankingContext {
  return { now: new Date('2026-03-10T10:00:00Z'), policy: TEST_POLICY, skills: TEST_SKILLS, ...overrides };
}

/** A context with some policy fields changed. */
export function withPolicy(
  policy: Partial<MatchingPolicy>,
  overrides: Partial<RankingContext> = {},
): RankingContext {
  return aContext({ policy: { ...TEST_POLICY, ...policy }, ...overrides });
}
