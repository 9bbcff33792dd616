/*
 * Builders for the matching specs. Kept free of jest so it type-checks with the build config;
 * every spec starts from the same eligible pair and changes one thing.
 */
import type { CandidateVolunteer, GeoPoint, MatchableRequest, MatchingPolicy, RankingContext } from './types';

const EARTH_RADIUS_KM = 6371.0088;

/** Berlin-Mitte, where the baseline help is needed. */
export const REQUEST_LOCATION: GeoPoint = { lat: 52.52, lon: 13.405 };

/** A point exactly `km` north: along a meridian the haversine distance is exact. */
export function kmNorthOf(point: GeoPoint, km: number): GeoPoint {
  return { lat: point.lat + (km / EARTH_RADIUS_KM) * (180 / Math.PI), lon: point.lon };
}

/** Tuesday 9–12, shopping and driving, Turkish, certificate required. */
export function aRequest(overrides: Partial<MatchableRequest> = {}): MatchableRequest {
  return {
    id: 'request-1',
    neededSkills: ['shopping', 'driving'],
    neededLanguage: 'tr',
    requiresCertificate: true,
    location: REQUEST_LOCATION,
    district: 'Mitte',
    schedule: { kind: 'weekly', slots: [{ weekday: 2, start: '09:00', end: '12:00' }] },
    ...overrides,
  };
}

/** Eligible for aRequest(): 1 km away, free Tuesday 8–13, certificate inspected 2024. */
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
    ...overrides,
  };
}

export const TEST_POLICY: MatchingPolicy = {
  weights: { skills: 0.5, distance: 0.3, availability: 0.2 },
  certificateValidityYears: 5,
  maxProposals: 5,
  distanceHalfScoreKm: 3,
};

export function aContext(overrides: Partial<RankingContext> = {}): RankingContext {
  return { now: new Date('2026-03-10T10:00:00Z'), policy: TEST_POLICY, ...overrides };
}
