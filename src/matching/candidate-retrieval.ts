import type { PoolClient, QueryResultRow } from 'pg';
import { EntityManager } from 'typeorm';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { HISTORY_STATUSES_SQL, OPEN_ASSIGNMENT_SQL } from './match.entity';
import type { CandidateVolunteer, PriorAskOutcome } from './domain/types';
import type { LanguageSkill, VolunteerStatus } from '../shared/volunteer-profile';
import type { RequestSchedule, WeeklySlot } from '../shared/schedule';

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

export const DEFAULT_RETRIEVAL_LIMITS: RetrievalLimits = { scanLimit: 600, poolSize: 40 };

/**
 * The pool grows with the number of proposals wanted: 4 candidates per proposal, at least 40.
 * On the benchmark city, 40 per walk for the default 5 proposals gives 99.9 % of the total score
 * of a 200-per-walk pool (392 of 400 proposal lists identical), at a third less database time.
 */
export function retrievalLimitsFor(maxProposals: number): RetrievalLimits {
  return {
    scanLimit: DEFAULT_RETRIEVAL_LIMITS.scanLimit,
    poolSize: Math.max(DEFAULT_RETRIEVAL_LIMITS.poolSize, 4 * Math.floor(maxProposals)),
  };
}

/** Collects positional parameters while the SQL is written, so only the ones used are sent. */
class Params {
  readonly values: unknown[] = [];

  bind(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Per-volunteer history from past matches, looked up per volunteer (LATERAL) so the match and
 * request indexes answer it, however many requests the agency has had.
 */
function historyJoin(now: string, seeker: string, requestId: string): string {
  return `LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE ${OPEN_ASSIGNMENT_SQL})::int AS open_assignments,
           count(*) FILTER (WHERE m.offered_at > ${now} - interval '7 days')::int AS offers_last_7_days,
           count(*) FILTER (WHERE m.offered_at > ${now} - interval '180 days')::int AS offered,
           count(*) FILTER (WHERE m.offered_at > ${now} - interval '180 days'
                              AND m.responded_at IS NOT NULL)::int AS answered,
           count(*) FILTER (WHERE m.status = 'accepted' AND r.help_seeker_id = ${seeker}
                              AND r.outcome = 'went-well')::int AS helped_before,
           -- Double booking: when the accepted assignments still going on take place.
           jsonb_agg(r.schedule) FILTER (WHERE m.status = 'accepted' AND r.status = 'matched'
                              AND m.attendance IS NULL AND r.id <> ${requestId}) AS busy,
           -- Reliability: accepted assignments of the last year, and the no-shows and late cancellations among them.
           count(*) FILTER (WHERE m.status = 'accepted'
                              AND coalesce(m.responded_at, m.created_at) > ${now} - interval '365 days')::int AS assignments,
           count(*) FILTER (WHERE m.attendance = 'no-show'
                              AND m.attendance_recorded_at > ${now} - interval '365 days')::int AS no_shows,
           count(*) FILTER (WHERE m.attendance = 'late-cancellation'
                              AND m.attendance_recorded_at > ${now} - interval '365 days')::int AS late_cancellations
      FROM match m JOIN help_request r ON r.id = m.request_id
     -- Proposals never shown to the volunteer say nothing about them, and they pile up on the
     -- nearest volunteers; only matches that got as far as an approval count.
     WHERE m.volunteer_id = v.id AND m.status IN (${HISTORY_STATUSES_SQL})) h ON true`;
}

function candidateColumns(seeker: string): string {
  return `v.id, v.status, v.languages, v.skills, v.latitude, v.longitude, v.district, v.max_travel_km,
       v.availability, v.max_open_assignments, v.max_offers_per_week,
       v.certificate_inspected_on::text AS certificate_inspected_on, v.birth_date::text AS birth_date,
       v.away_until::text AS away_until, v.email_confirmed_at IS NOT NULL AS email_confirmed,
       coalesce(h.open_assignments, 0) AS open_assignments, coalesce(h.offers_last_7_days, 0) AS offers_last_7_days,
       coalesce(h.offered, 0) AS offered, coalesce(h.answered, 0) AS answered,
       coalesce(h.helped_before, 0) AS helped_before, h.busy,
       coalesce(h.assignments, 0) AS assignments, coalesce(h.no_shows, 0) AS no_shows,
       coalesce(h.late_cancellations, 0) AS late_cancellations,
       EXISTS (SELECT 1 FROM volunteer_block b WHERE b.help_seeker_id = ${seeker} AND b.volunteer_id = v.id) AS blocked`;
}

/**
 * One nearest-first walk for request `q`: the GiST index on `location` (KNN, `<->`) yields active
 * volunteers in order of distance, so the walk stops after `q.scan_limit` rows however many
 * volunteers the city has. A needed language is a hard rule, so it filters during the walk already.
 * Filters are written so no other index can serve them (`OR`, `IS TRUE`): with the batch's values
 * unknown at planning time, PostgreSQL might otherwise pick the skills GIN index and sort thousands.
 * The availability mask and the radius filter outside the bounded walk: inside, PostgreSQL would
 * guess them very selective and trade the nearest-first index scan for a full scan and sort.
 */
function nearestWalk(filter: string, poolSize: string): string {
  return `(SELECT near.id FROM (
      SELECT v.id, v.max_travel_km, v.availability_mask, v.location <-> q.here AS metres
        FROM volunteer v
       WHERE v.status = 'active' AND ${filter}
         AND NOT EXISTS (SELECT 1 FROM match m WHERE m.request_id = q.id AND m.volunteer_id = v.id)
       ORDER BY v.location <-> q.here
       LIMIT q.scan_limit) near
     WHERE near.metres <= near.max_travel_km * 1000
       AND (near.availability_mask & q.mask) = q.mask
     LIMIT ${poolSize})`;
}

/**
 * The candidate pools of several requests in one statement (one plan, one round trip): per request
 * (LATERAL) the nearest volunteers within their radius who are free then, plus the nearest who bring
 * a wanted skill, each with open assignments, recent offers, answer history, continuity with this
 * help-seeker and blocks. Rows come back tagged with the request's position in `requests`.
 */
export function candidatesQuery(
  requests: RetrievalRequest[],
  now: Date,
  limits: RetrievalLimits,
): { sql: string; parameters: unknown[] } {
  const params = new Params();
  const batch = params.bind(
    JSON.stringify(
      requests.map((request, idx) => ({
        idx,
        id: request.id,
        lat: request.latitude,
        lon: request.longitude,
        seeker: request.helpSeekerId,
        language: request.neededLanguage,
        // With a needed language the nearest speakers are already a narrow pool; a second,
        // skill-filtered walk would cost more than it finds.
        skills:
          request.neededLanguage === null && request.relatedSkills.length > 0 ? request.relatedSkills : null,
        schedule: request.schedule,
      })),
    ),
  );
  const scanLimit = params.bind(limits.scanLimit);
  const poolSize = `${params.bind(limits.poolSize)}::int`;
  const nowRef = `${params.bind(now.toISOString())}::timestamptz`;
  const sql = `WITH req AS MATERIALIZED (
  SELECT r.idx, r.id, r.seeker, r.language, r.skills, ll_to_earth(r.lat, r.lon) AS here,
         nahbar_schedule_mask(r.schedule) AS mask,
         -- Each row walked must speak a needed language: a third of the walk finds enough of them.
         CASE WHEN r.language IS NULL THEN ${scanLimit}::int ELSE ceil(${scanLimit}::int / 3.0)::int END AS scan_limit
    FROM jsonb_to_recordset(${batch}::jsonb)
      AS r(idx int, id uuid, lat float8, lon float8, seeker uuid, language text, skills text[], schedule jsonb)
)
SELECT q.idx, ${candidateColumns('q.seeker')}
  FROM req q
  CROSS JOIN LATERAL (
    SELECT DISTINCT id FROM (
      ${nearestWalk('(q.language IS NULL OR v.language_codes @> ARRAY[q.language])', poolSize)}
      UNION ALL
      ${nearestWalk('q.skills IS NOT NULL AND (v.skills && q.skills) IS TRUE', poolSize)}) pool) p
  JOIN volunteer v ON v.id = p.id
  ${historyJoin(nowRef, 'q.seeker', 'q.id')}`;
  return { sql, parameters: params.values };
}

/**
 * When nobody is eligible, staff need to know which rule excluded how many: the nearest active
 * volunteers within 50 km, without the language, radius and availability pre-filters, for the
 * engine to judge.
 */
function diagnosisQuery(
  request: RetrievalRequest,
  now: Date,
  limit: number,
): { sql: string; parameters: unknown[] } {
  const params = new Params();
  const here = `ll_to_earth(${params.bind(request.latitude)}::float8, ${params.bind(request.longitude)}::float8)`;
  const requestId = `${params.bind(request.id)}::uuid`;
  const seeker = `${params.bind(request.helpSeekerId)}::uuid`;
  const nowRef = `${params.bind(now.toISOString())}::timestamptz`;
  const limitRef = `${params.bind(limit)}::int`;
  const sql = `SELECT ${candidateColumns(seeker)}
  FROM (SELECT near.id FROM (
          SELECT v.id, v.location <-> ${here} AS metres
            FROM volunteer v
           WHERE v.status = 'active'
             AND NOT EXISTS (SELECT 1 FROM match m WHERE m.request_id = ${requestId} AND m.volunteer_id = v.id)
           ORDER BY v.location <-> ${here}
           LIMIT ${limitRef}) near
         WHERE near.metres <= ${MAX_TRAVEL_KM * 1000}) p
  JOIN volunteer v ON v.id = p.id
  ${historyJoin(nowRef, seeker, requestId)}`;
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
  busy: RequestSchedule[] | null;
  assignments: number;
  no_shows: number;
  late_cancellations: number;
  blocked: boolean;
}

/**
 * Runs a statement whose text never changes as a named prepared statement of the connection, so
 * PostgreSQL plans it once per connection instead of on every call (for the retrieval, planning
 * costs about as much as a single request's execution). Outside a transaction there is no fixed
 * connection to prepare on, and the statement runs unnamed.
 */
async function queryPrepared<T>(
  manager: EntityManager,
  name: string,
  sql: string,
  parameters: unknown[],
): Promise<T[]> {
  const runner = manager.queryRunner as PostgresQueryRunner | undefined;
  if (!runner || runner.isReleased || typeof runner.connect !== 'function') {
    return manager.query(sql, parameters);
  }
  const client = (await runner.connect()) as PoolClient;
  const result = await client.query<T & QueryResultRow>({ name, text: sql, values: parameters });
  return result.rows;
}

/** The candidate pool of each request, in the order given, from one statement. */
export async function findCandidatesForBatch(
  manager: EntityManager,
  requests: RetrievalRequest[],
  now: Date,
  limits: RetrievalLimits = DEFAULT_RETRIEVAL_LIMITS,
): Promise<CandidateVolunteer[][]> {
  const pools: CandidateVolunteer[][] = requests.map(() => []);
  if (requests.length === 0) {
    return pools;
  }
  const { sql, parameters } = candidatesQuery(requests, now, limits);
  const rows = await queryPrepared<CandidateRow & { idx: number }>(
    manager,
    'nahbar_candidates',
    sql,
    parameters,
  );
  for (const row of rows) {
    pools[row.idx].push(toCandidate(row, null));
  }
  return pools;
}

export async function findCandidates(
  manager: EntityManager,
  request: RetrievalRequest,
  now: Date,
  limits: RetrievalLimits = DEFAULT_RETRIEVAL_LIMITS,
): Promise<CandidateVolunteer[]> {
  const [pool] = await findCandidatesForBatch(manager, [request], now, limits);
  return pool;
}

/** The nearest active volunteers within 50 km, unfiltered, for the engine to say why none fits. */
export async function findCandidatesForDiagnosis(
  manager: EntityManager,
  request: RetrievalRequest,
  now: Date,
): Promise<CandidateVolunteer[]> {
  const { sql, parameters } = diagnosisQuery(request, now, 5000);
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
  FROM volunteer v ${historyJoin('$4::timestamptz', '$2::uuid', '$1::uuid')}
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
    busySchedules: row.busy ?? [],
    attendance: {
      assignments: row.assignments,
      noShows: row.no_shows,
      lateCancellations: row.late_cancellations,
    },
  };
}
