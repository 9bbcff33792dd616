import { EntityManager } from 'typeorm';
import { OPEN_ASSIGNMENT_SQL } from './match.entity';
import type {
  CandidateVolunteer,
  LanguageSkill,
  PriorAskOutcome,
  RequestSchedule,
  VolunteerStatus,
  WeeklySlot,
} from './domain/types';

/** No volunteer travels further than this (the volunteer DTO caps maxTravelKm at 50). */
export const MAX_TRAVEL_KM = 50;

export interface RetrievalRequest {
  id: string;
  latitude: number;
  longitude: number;
  helpSeekerId: string | null;
  neededLanguage: string | null;
  /** Needed and nice-to-have skills with their taxonomy parents and children: any overlap counts. */
  relatedSkills: string[];
  /** When help is needed; volunteers not free then are skipped by their availability mask. */
  schedule: RequestSchedule;
}

export interface RetrievalLimits {
  /** How many nearest active volunteers one index scan walks at most (bounds the work per request). */
  scanLimit: number;
  /** How many of those within their own travel radius are kept, per scan. */
  poolSize: number;
}

export const DEFAULT_RETRIEVAL_LIMITS: RetrievalLimits = { scanLimit: 600, poolSize: 60 };

/** Collects positional parameters while the SQL is written, so only the ones used are sent. */
class Params {
  readonly values: unknown[] = [];

  bind(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

interface ScanOptions {
  availabilityFilter: boolean;
  skillFilter: boolean;
  languageFilter: boolean;
  radiusFilter: boolean;
}

/**
 * One nearest-first scan: the GiST index on `location` (KNN, `<->`) yields active volunteers in
 * order of distance, so the scan stops after `scanLimit` rows however many volunteers the city has.
 * A needed language is a hard rule, so it filters here already (the GIN index helps when it is rare).
 */
function nearestScan(
  refs: {
    here: string;
    requestId: string;
    language: string;
    skills: string;
    mask: string;
    scanLimit: string;
    poolSize: string;
  },
  options: ScanOptions,
): string {
  // The availability mask filters outside the bounded walk: inside, PostgreSQL would guess it
  // very selective and trade the nearest-first index scan for a full scan and sort.
  return `(SELECT near.id FROM (
      SELECT v.id, v.max_travel_km, v.availability_mask, v.location <-> ${refs.here} AS metres
        FROM volunteer v
       WHERE v.status = 'active'
         ${options.languageFilter ? `AND v.language_codes @> ARRAY[${refs.language}]` : ''}
         ${options.skillFilter ? `AND v.skills && ${refs.skills}` : ''}
         AND NOT EXISTS (SELECT 1 FROM match m WHERE m.request_id = ${refs.requestId} AND m.volunteer_id = v.id)
       ORDER BY v.location <-> ${refs.here}
       LIMIT ${refs.scanLimit}) near
     WHERE near.metres <= ${options.radiusFilter ? 'near.max_travel_km * 1000' : String(MAX_TRAVEL_KM * 1000)}
       ${options.availabilityFilter ? `AND (near.availability_mask & ${refs.mask}) = ${refs.mask}` : ''}
     LIMIT ${refs.poolSize})`;
}

/**
 * Per-volunteer history from past matches, looked up per volunteer (LATERAL) so the match and
 * request indexes answer it, however many requests the agency has had.
 */
function historyJoin(now: string, seeker: string): string {
  return `LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE ${OPEN_ASSIGNMENT_SQL})::int AS open_assignments,
           count(*) FILTER (WHERE m.offered_at > ${now} - interval '7 days')::int AS offers_last_7_days,
           count(*) FILTER (WHERE m.offered_at > ${now} - interval '180 days')::int AS offered,
           count(*) FILTER (WHERE m.offered_at > ${now} - interval '180 days'
                              AND m.responded_at IS NOT NULL)::int AS answered,
           count(*) FILTER (WHERE m.status = 'accepted' AND r.help_seeker_id = ${seeker}
                              AND r.outcome = 'went-well')::int AS helped_before
      FROM match m JOIN help_request r ON r.id = m.request_id
     -- Proposals never shown to the volunteer say nothing about them, and they pile up on the
     -- nearest volunteers; only matches that got as far as an approval count.
     WHERE m.volunteer_id = v.id AND m.status IN ('approved', 'offered', 'accepted', 'declined', 'expired')) h ON true`;
}

function candidateColumns(seeker: string): string {
  return `v.id, v.status, v.languages, v.skills, v.latitude, v.longitude, v.district, v.max_travel_km,
       v.availability, v.max_open_assignments, v.max_offers_per_week,
       v.certificate_inspected_on::text AS certificate_inspected_on, v.birth_date::text AS birth_date,
       v.away_until::text AS away_until, v.email_confirmed_at IS NOT NULL AS email_confirmed,
       coalesce(h.open_assignments, 0) AS open_assignments, coalesce(h.offers_last_7_days, 0) AS offers_last_7_days,
       coalesce(h.offered, 0) AS offered, coalesce(h.answered, 0) AS answered,
       coalesce(h.helped_before, 0) AS helped_before,
       EXISTS (SELECT 1 FROM volunteer_block b WHERE b.help_seeker_id = ${seeker} AND b.volunteer_id = v.id) AS blocked`;
}

/**
 * The candidate pool with everything the engine needs, in one round trip and without entities:
 * the nearest volunteers within their radius, plus the nearest who bring a wanted skill, with their
 * open assignments, recent offers, answer history, continuity with this help-seeker and blocks.
 */
export function candidatesQuery(
  request: RetrievalRequest,
  now: Date,
  limits: RetrievalLimits,
  options: { diagnosis: boolean },
): { sql: string; parameters: unknown[] } {
  const params = new Params();
  const refs = {
    here: `ll_to_earth(${params.bind(request.latitude)}::float8, ${params.bind(request.longitude)}::float8)`,
    requestId: `${params.bind(request.id)}::uuid`,
    seeker: `${params.bind(request.helpSeekerId)}::uuid`,
    now: `${params.bind(now.toISOString())}::timestamptz`,
    // A sub-select, so PostgreSQL computes the request's mask once, not per volunteer.
    mask: options.diagnosis
      ? ''
      : `(SELECT nahbar_schedule_mask(${params.bind(JSON.stringify(request.schedule))}::jsonb))`,
    // With a needed language each row walked must speak it; a third of the walk finds enough of
    // these rarer volunteers and keeps the nearest-first scan short.
    scanLimit: `${params.bind(
      request.neededLanguage !== null && !options.diagnosis
        ? Math.ceil(limits.scanLimit / 3)
        : limits.scanLimit,
    )}::int`,
    poolSize: `${params.bind(limits.poolSize)}::int`,
    language:
      request.neededLanguage !== null && !options.diagnosis
        ? `${params.bind(request.neededLanguage)}::text`
        : '',
    // With a needed language the nearest speakers are already a narrow pool; a second, skill-filtered
    // scan would make PostgreSQL intersect two GIN bitmaps, which costs more than it finds.
    skills:
      request.relatedSkills.length > 0 && request.neededLanguage === null && !options.diagnosis
        ? `${params.bind(request.relatedSkills)}::text[]`
        : '',
  };
  const scan = (skillFilter: boolean) =>
    nearestScan(refs, {
      availabilityFilter: refs.mask !== '',
      skillFilter,
      languageFilter: refs.language !== '',
      radiusFilter: !options.diagnosis,
    });
  const scans = refs.skills ? [scan(false), scan(true)] : [scan(false)];
  const sql = `WITH pool AS (${scans.join(' UNION ')})
SELECT ${candidateColumns(refs.seeker)}
  FROM (SELECT DISTINCT id FROM pool) p
  JOIN volunteer v ON v.id = p.id
  ${historyJoin(refs.now, refs.seeker)}`;
  return { sql, parameters: params.values };
}

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
  max_offers_per_week: number;
  certificate_inspected_on: string | null;
  birth_date: string | null;
  away_until: string | null;
  email_confirmed: boolean;
  open_assignments: number;
  offers_last_7_days: number;
  offered: number;
  answered: number;
  helped_before: number;
  blocked: boolean;
}

export async function findCandidates(
  manager: EntityManager,
  request: RetrievalRequest,
  now: Date,
  limits: RetrievalLimits = DEFAULT_RETRIEVAL_LIMITS,
): Promise<CandidateVolunteer[]> {
  const { sql, parameters } = candidatesQuery(request, now, limits, { diagnosis: false });
  const rows: CandidateRow[] = await manager.query(sql, parameters);
  return rows.map((row) => toCandidate(row, null));
}

/**
 * When nobody is eligible, staff need to know which rule excluded how many: the nearest active
 * volunteers within 50 km, without the language and radius pre-filters, for the engine to judge.
 */
export async function findCandidatesForDiagnosis(
  manager: EntityManager,
  request: RetrievalRequest,
  now: Date,
): Promise<CandidateVolunteer[]> {
  const { sql, parameters } = candidatesQuery(
    request,
    now,
    { scanLimit: 5000, poolSize: 5000 },
    { diagnosis: true },
  );
  const rows: CandidateRow[] = await manager.query(sql, parameters);
  return rows.map((row) => toCandidate(row, null));
}

export async function loadCandidate(
  manager: EntityManager,
  request: { id: string; helpSeekerId: string | null },
  volunteerId: string,
  now: Date,
): Promise<CandidateVolunteer | null> {
  const [row]: (CandidateRow & { asked: string | null })[] = await manager.query(
    `SELECT ${candidateColumns('$2::uuid')},
       (SELECT m.status FROM match m WHERE m.request_id = $1 AND m.volunteer_id = v.id) AS asked
  FROM volunteer v ${historyJoin('$4::timestamptz', '$2::uuid')}
 WHERE v.id = $3`,
    [request.id, request.helpSeekerId, volunteerId, now.toISOString()],
  );
  if (!row) {
    return null;
  }
  const asked =
    row.asked === 'declined' || row.asked === 'withdrawn' || row.asked === 'expired' ? row.asked : null;
  return toCandidate(row, asked);
}

function toCandidate(row: CandidateRow, askedForThisRequest: PriorAskOutcome | null): CandidateVolunteer {
  return {
    id: row.id,
    status: row.status,
    emailConfirmed: row.email_confirmed,
    languages: row.languages,
    skills: row.skills,
    home: { lat: row.latitude, lon: row.longitude },
    district: row.district,
    maxTravelKm: row.max_travel_km,
    availability: row.availability,
    maxOpenAssignments: row.max_open_assignments,
    openAssignments: row.open_assignments,
    certificateInspectedOn: row.certificate_inspected_on,
    birthDate: row.birth_date,
    awayUntil: row.away_until,
    maxOffersPerWeek: row.max_offers_per_week,
    offersLast7Days: row.offers_last_7_days,
    answerHistory: { offered: row.offered, answered: row.answered },
    helpedThisPersonBefore: row.helped_before,
    askedForThisRequest,
    blockedForThisRequest: row.blocked,
  };
}
