import { EntityManager } from 'typeorm';
import type { CandidateVolunteer, LanguageSkill, VolunteerStatus, WeeklySlot } from './domain/types';
import type { HelpRequest } from '../help-seekers/help-request.entity';

/** No volunteer travels further than this; it bounds the index search box. */
export const MAX_TRAVEL_KM = 50;

/**
 * Parameters: $1 latitude, $2 longitude, $3 search radius in metres, $4 request id. The earth_box
 * test is what the GiST index on ll_to_earth(latitude, longitude) answers.
 */
export const CANDIDATES_SQL = `SELECT v.id, v.status, v.languages, v.skills, v.latitude, v.longitude, v.district, v.max_travel_km,
            v.availability, v.max_open_assignments, v.certificate_inspected_on::text AS certificate_inspected_on,
            (SELECT count(*) FROM match m
              WHERE m.volunteer_id = v.id AND m.status IN ('approved', 'offered', 'accepted'))::int AS open_assignments
       FROM volunteer v
      WHERE v.status = 'active'
        AND earth_box(ll_to_earth($1, $2), $3) @> ll_to_earth(v.latitude, v.longitude)
        AND NOT EXISTS (SELECT 1 FROM match m WHERE m.request_id = $4 AND m.volunteer_id = v.id)`;

interface CandidateRow {
  id: string;
  status: VolunteerStatus;
  languages: LanguageSkill[];
  skills: string[];
  latitude: number;
  longitude: number;
  district: string | null;
  max_travel_km: number;
  availability: WeeklySlot[];
  max_open_assignments: number;
  certificate_inspected_on: string | null;
  open_assignments: number;
}

/**
 * Active volunteers within reach of the request, found through the GiST index on ll_to_earth,
 * as the plain rows the engine needs (no entities, no names or contact data). Volunteers already
 * asked for this request are left out: a decline or withdrawal is final for that request.
 */
export async function findCandidates(
  manager: EntityManager,
  request: HelpRequest,
): Promise<CandidateVolunteer[]> {
  const rows: CandidateRow[] = await manager.query(CANDIDATES_SQL, [
    request.latitude,
    request.longitude,
    MAX_TRAVEL_KM * 1000,
    request.id,
  ]);
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    languages: row.languages,
    skills: row.skills,
    home: { lat: row.latitude, lon: row.longitude },
    district: row.district,
    maxTravelKm: row.max_travel_km,
    availability: row.availability,
    maxOpenAssignments: row.max_open_assignments,
    openAssignments: row.open_assignments,
    certificateInspectedOn: row.certificate_inspected_on,
  }));
}
