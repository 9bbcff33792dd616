import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  FIT_EXCLUSION_REASONS,
  rankOpportunities,
  rankVolunteers,
  type FitContext,
  type FitExclusionReason,
  type FitTimePattern,
  type FitVolunteer,
  type MatchableOpportunity,
  type OpportunityFit,
} from '../matching/domain';
import { MatchingService } from '../matching/matching.service';
import { ConflictError, NotFoundError } from '../shared/domain-error';
import type { LanguageSkill, VolunteerStatus } from '../shared/volunteer-profile';
import type { WeeklySlot } from '../shared/schedule';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { anyOfQuery, lexemes } from './domain/fit-lexemes';

export * from '../matching/domain/opportunity-fit';

/** How many nearest rows one index walk reads at most, and how many passing rows it keeps. */
export const FIT_SCAN_LIMIT = 600;
export const FIT_POOL_SIZE = 60;
export const FIT_MAX_LIMIT = 100;
/**
 * The interests walk reads only rows in one of the wanted fields (about one in eight): a shorter
 * walk keeps its cost near the main walk's.
 */
export const FIT_INTEREST_SCAN_LIMIT = 200;

/** Placement stages still open (not ended, not declined). */
const OPEN_PLACEMENT_SQL = `stage NOT IN ('ended', 'declined')`;

export interface FitOpportunitySummary {
  id: string;
  title: string;
  providerId: string;
  providerName: string;
  fieldsOfActivity: string[];
  remote: boolean;
  postalCode: string | null;
  district: string | null;
  timePattern: FitTimePattern;
  places: number;
  openPlaces: number;
  status: string;
}

export interface FitVolunteerSummary {
  id: string;
  name: string;
  district: string | null;
  postalCode: string | null;
}

/** Reasons counted before scoring (the pre-filters of the index walk) join the engine's counts. */
export type FitExclusionCounts = Record<FitExclusionReason, number>;

export interface OpportunitiesForVolunteer {
  volunteer: FitVolunteerSummary;
  ranked: { opportunity: FitOpportunitySummary; fit: OpportunityFit }[];
  /** Opportunities the volunteer already has an open placement in ("bereits in Vermittlung"). */
  inPlacement: { opportunity: FitOpportunitySummary; stage: string; placementId: string }[];
  exclusionCounts: FitExclusionCounts;
  /** How many opportunities were looked at (the nearest walked plus remote ones). */
  considered: number;
}

export interface VolunteersForOpportunity {
  opportunity: FitOpportunitySummary;
  ranked: { volunteer: FitVolunteerSummary; fit: OpportunityFit }[];
  inPlacement: { volunteer: FitVolunteerSummary; stage: string; placementId: string }[];
  exclusionCounts: FitExclusionCounts;
  considered: number;
}

/** What the nearest walk's pre-filters left out, returned with the candidates (one walk). */
interface PrefilterCounts {
  walked: number;
  outside: number;
  unavailable: number;
}

/**
 * A row of the volunteers-for-an-opportunity statement: a candidate (no placement), an open
 * placement of the opportunity (`placement_id` set), or only the counts (`id` null); placed
 * opportunities' rows all carry the counts.
 */
type VolunteerFitRow = VolunteerRow &
  Partial<PrefilterCounts> & { stage: string | null; placement_id: string | null };

interface OpportunityRow {
  id: string;
  title: string;
  provider_id: string;
  provider_name: string;
  fields_of_activity: string[];
  skills: string[];
  languages: string[];
  requires_certificate: boolean;
  minimum_age: number | null;
  remote: boolean;
  latitude: number | null;
  longitude: number | null;
  postal_code: string | null;
  district: string | null;
  time_pattern: FitTimePattern;
  for_newcomers: boolean;
  little_german_ok: boolean;
  places: number;
  open_places: number;
  status: string;
  time_mask: string;
}

interface VolunteerRow {
  id: string;
  name: string;
  status: VolunteerStatus;
  email_confirmed: boolean;
  languages: LanguageSkill[];
  skills: string[];
  interests: string[];
  latitude: number;
  longitude: number;
  postal_code: string | null;
  district: string | null;
  max_travel_km: number;
  availability: WeeklySlot[];
  availability_mask: string;
  certificate_inspected_on: string | null;
  birth_date: string | null;
  away_until: string | null;
  placements_before: number;
}

const OPPORTUNITY_COLUMNS = `o.id, o.title, o.provider_id, pr.name AS provider_name, o.fields_of_activity, o.skills,
  o.languages, o.requires_certificate, o.minimum_age, o.remote, o.latitude, o.longitude, o.postal_code,
  o.district, o.time_pattern, o.for_newcomers, o.little_german_ok, o.places, o.status, o.time_mask::text AS time_mask,
  (o.places - (SELECT count(*) FROM placement s WHERE s.opportunity_id = o.id AND s.stage = 'started'))::int AS open_places`;

const VOLUNTEER_COLUMNS = `v.id, v.name, v.status, v.email_confirmed_at IS NOT NULL AS email_confirmed, v.languages,
  v.skills, v.interests, v.latitude, v.longitude, v.postal_code, v.district, v.max_travel_km, v.availability,
  v.availability_mask::text AS availability_mask, v.certificate_inspected_on::text AS certificate_inspected_on,
  v.birth_date::text AS birth_date, v.away_until::text AS away_until,
  (SELECT count(*) FROM placement h WHERE h.volunteer_id = v.id AND h.started_on IS NOT NULL)::int AS placements_before`;

/** The placement columns of a candidate's row (none: not in a placement with this opportunity). */
const NOT_PLACED_COLUMNS = `NULL::text AS stage, NULL::uuid AS placement_id, NULL::timestamptz AS stage_changed_at`;

/** The opportunity's open placements as rows of the same shape ("bereits in Vermittlung"). */
const openPlacementsOf = (opportunityParameter: string): string =>
  `(SELECT ${VOLUNTEER_COLUMNS}, p.stage, p.id AS placement_id, p.stage_changed_at
     FROM placement p JOIN volunteer v ON v.id = p.volunteer_id
    WHERE p.opportunity_id = ${opportunityParameter} AND p.${OPEN_PLACEMENT_SQL})`;

/**
 * Opportunity fit, both ways: the candidates come from bounded index walks (nearest first on the
 * GiST indexes of `opportunity.location` / `volunteer.location`, the week-mask pre-filter, the
 * interests GIN index), the matching engine's domain judges and ranks them.
 */
@Injectable()
export class OpportunityFitService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly matching: MatchingService,
    private readonly taxonomy: TaxonomyService,
  ) {}

  async context(now: Date): Promise<FitContext> {
    const ranking = await this.matching.rankingContextFor(now);
    return { ...ranking, fields: this.taxonomy.taxonomy.fields };
  }

  async rankOpportunitiesForVolunteer(
    volunteerId: string,
    options: { limit?: number; field?: string | null } = {},
    now = new Date(),
  ): Promise<OpportunitiesForVolunteer> {
    const limit = clampLimit(options.limit);
    const rows = await this.dataSource.query<VolunteerRow[]>(
      `SELECT ${VOLUNTEER_COLUMNS} FROM volunteer v WHERE v.id = $1 AND v.erased_at IS NULL`,
      [volunteerId],
    );
    if (rows.length === 0) {
      throw new NotFoundError('volunteer', volunteerId);
    }
    const me = rows[0];
    const field = options.field ?? null;
    const { sql, parameters } = opportunitiesForVolunteerQuery(me, field);
    const [rowsWithCounts, open] = await Promise.all([
      this.dataSource.query<(OpportunityRow & PrefilterCounts)[]>(sql, parameters),
      this.dataSource.query<(OpportunityRow & { stage: string; placement_id: string })[]>(
        `SELECT ${OPPORTUNITY_COLUMNS}, p.stage, p.id AS placement_id
           FROM placement p JOIN opportunity o ON o.id = p.opportunity_id JOIN provider pr ON pr.id = o.provider_id
          WHERE p.volunteer_id = $1 AND p.${OPEN_PLACEMENT_SQL}
          ORDER BY p.stage_changed_at DESC, p.id`,
        [volunteerId],
      ),
    ]);
    const counts = rowsWithCounts.slice(0, 1);
    const candidates = rowsWithCounts.filter((row) => row.id !== null);
    const openIds = new Set(open.map((row) => row.id));
    const pool = candidates.filter((row) => !openIds.has(row.id) && row.open_places > 0);
    const ranking = rankOpportunities(
      toFitVolunteer(me),
      pool.map(toMatchableOpportunity),
      await this.context(now),
      limit,
    );
    const byId = new Map(pool.map((row) => [row.id, row]));
    const exclusionCounts = { ...ranking.exclusionCounts };
    exclusionCounts['outside-radius'] += counts[0]?.outside ?? 0;
    exclusionCounts['not-available'] += counts[0]?.unavailable ?? 0;
    return {
      volunteer: volunteerSummary(me),
      ranked: ranking.ranked.map((fit) => ({
        opportunity: opportunitySummary(byId.get(fit.opportunityId)!),
        fit,
      })),
      inPlacement: open.map((row) => ({
        opportunity: opportunitySummary(row),
        stage: row.stage,
        placementId: row.placement_id,
      })),
      exclusionCounts,
      considered: (counts[0]?.walked ?? 0) + candidates.filter((row) => row.remote).length,
    };
  }

  async rankVolunteersForOpportunity(
    opportunityId: string,
    options: { limit?: number } = {},
    now = new Date(),
  ): Promise<VolunteersForOpportunity> {
    const rows = await this.dataSource.query<OpportunityRow[]>(
      `SELECT ${OPPORTUNITY_COLUMNS} FROM opportunity o JOIN provider pr ON pr.id = o.provider_id WHERE o.id = $1`,
      [opportunityId],
    );
    if (rows.length === 0) {
      throw new NotFoundError('opportunity', opportunityId);
    }
    const opportunity = rows[0];
    if (opportunity.status !== 'published') {
      throw new ConflictError(
        `opportunity ${opportunityId} is ${opportunity.status}: only published opportunities are matched`,
      );
    }
    // As many proposals as open places and then some, so staff can choose.
    const limit = clampLimit(options.limit ?? Math.max(10, opportunity.open_places * 3));
    // One statement: the candidates, the pre-filter counts and the open placements (listed apart).
    const { sql, parameters } = volunteersForOpportunityQuery(opportunity);
    const fitRows = await this.dataSource.query<VolunteerFitRow[]>(sql, parameters);
    const counts = fitRows.slice(0, 1);
    const candidates = fitRows.filter((row) => row.id !== null && row.placement_id === null);
    const open = fitRows.filter((row) => row.placement_id !== null);
    const openIds = new Set(open.map((row) => row.id));
    const pool = candidates.filter((row) => !openIds.has(row.id));
    const ranking =
      opportunity.open_places > 0
        ? rankVolunteers(
            toMatchableOpportunity(opportunity),
            pool.map(toFitVolunteer),
            await this.context(now),
            limit,
          )
        : { ranked: [], exclusionCounts: emptyCounts() };
    const byId = new Map(pool.map((row) => [row.id, row]));
    const exclusionCounts = { ...ranking.exclusionCounts };
    exclusionCounts['outside-radius'] += counts[0]?.outside ?? 0;
    exclusionCounts['not-available'] += counts[0]?.unavailable ?? 0;
    return {
      opportunity: opportunitySummary(opportunity),
      ranked: ranking.ranked.map((fit) => ({ volunteer: volunteerSummary(byId.get(fit.volunteerId)!), fit })),
      inPlacement: open.map((row) => ({
        volunteer: volunteerSummary(row),
        stage: row.stage!,
        placementId: row.placement_id!,
      })),
      exclusionCounts,
      considered: typeof counts[0]?.walked === 'number' ? counts[0].walked : candidates.length,
    };
  }

  /** The retrieval statements with their parameters, for the benchmark's and tests' EXPLAIN. */
  async retrievalQueries(
    volunteerId: string,
    opportunityId: string,
  ): Promise<{ name: string; sql: string; parameters: unknown[] }[]> {
    const [me] = await this.dataSource.query<VolunteerRow[]>(
      `SELECT ${VOLUNTEER_COLUMNS} FROM volunteer v WHERE v.id = $1`,
      [volunteerId],
    );
    const [opportunity] = await this.dataSource.query<OpportunityRow[]>(
      `SELECT ${OPPORTUNITY_COLUMNS} FROM opportunity o JOIN provider pr ON pr.id = o.provider_id WHERE o.id = $1`,
      [opportunityId],
    );
    const forVolunteer = opportunitiesForVolunteerQuery(me, null);
    const forOpportunity = volunteersForOpportunityQuery(opportunity);
    return [
      { name: 'opportunities for a volunteer', ...forVolunteer },
      {
        name: 'volunteers for an opportunity',
        sql: forOpportunity.sql,
        parameters: forOpportunity.parameters,
      },
    ];
  }
}

function clampLimit(limit: number | undefined): number {
  const n = limit === undefined || !Number.isFinite(limit) ? 20 : Math.floor(limit);
  return Math.min(FIT_MAX_LIMIT, Math.max(1, n));
}

function emptyCounts(): FitExclusionCounts {
  return Object.fromEntries(FIT_EXCLUSION_REASONS.map((r) => [r, 0])) as FitExclusionCounts;
}

/**
 * Nearest published opportunities within the volunteer's radius whose week mask the volunteer's
 * availability covers (flexible hours have an empty mask and always pass), plus the nearest in a
 * field of the volunteer's interests, plus remote ones; each with its open places.
 */
export function opportunitiesForVolunteerQuery(
  me: Pick<VolunteerRow, 'latitude' | 'longitude' | 'max_travel_km' | 'availability_mask' | 'interests'>,
  field: string | null,
): { sql: string; parameters: unknown[] } {
  // Fields as lexemes (the indexed expression of opportunity_published_near_fields_gist): the
  // filter runs inside the nearest walk. A field or interests with nothing usable match nothing.
  const fieldQuery = field !== null ? anyOfQuery([field]) : null;
  const fieldFilter =
    field === null
      ? 'AND $6::text IS NULL'
      : fieldQuery === null
        ? 'AND $6::text IS NOT NULL'
        : `AND ${lexemes('o.fields_of_activity')} @@ $6::tsquery`;
  const interestsQuery = anyOfQuery(me.interests);
  const walk = (filter: string, scan: string) => `(SELECT near.id FROM (
        SELECT o.id, o.time_mask, o.location <-> ll_to_earth($1, $2) AS metres
          FROM opportunity o
         WHERE o.status = 'published' AND NOT o.remote ${fieldFilter} ${filter}
         ORDER BY o.location <-> ll_to_earth($1, $2)
         LIMIT ${scan}) near
       WHERE near.metres <= $3 * 1000 AND (near.time_mask & $4::bit(336)) = near.time_mask
       LIMIT ${FIT_POOL_SIZE})`;
  const interests =
    interestsQuery !== null
      ? `UNION ALL ${walk(`AND ${lexemes('o.fields_of_activity')} @@ $7::tsquery`, String(FIT_INTEREST_SCAN_LIMIT))}`
      : 'UNION ALL (SELECT NULL::uuid WHERE $7::text IS NULL)';
  // One walk serves the pool and the "warum nicht?" counts of what its pre-filters left out; the
  // counts row comes back even when no candidate does (LEFT JOIN … ON true).
  const sql = `WITH near AS MATERIALIZED (
      SELECT o.id, o.time_mask, o.location <-> ll_to_earth($1, $2) AS metres
        FROM opportunity o
       WHERE o.status = 'published' AND NOT o.remote ${fieldFilter}
       ORDER BY o.location <-> ll_to_earth($1, $2)
       LIMIT $5),
    counts AS (SELECT count(*)::int AS walked,
         count(*) FILTER (WHERE NOT metres <= $3 * 1000)::int AS outside,
         count(*) FILTER (WHERE metres <= $3 * 1000 AND (time_mask & $4::bit(336)) <> time_mask)::int AS unavailable
       FROM near),
    pool AS (SELECT DISTINCT id FROM (
      (SELECT id FROM near WHERE metres <= $3 * 1000 AND (time_mask & $4::bit(336)) = time_mask
        ORDER BY metres LIMIT ${FIT_POOL_SIZE})
      ${interests}
      UNION ALL
      (SELECT o.id FROM opportunity o
        WHERE o.status = 'published' AND o.remote ${fieldFilter}
          AND (o.time_mask & $4::bit(336)) = o.time_mask
        ORDER BY o.published_at DESC, o.id
        LIMIT ${FIT_POOL_SIZE})) x WHERE id IS NOT NULL)
  SELECT c.walked, c.outside, c.unavailable, r.*
    FROM counts c
    LEFT JOIN (SELECT ${OPPORTUNITY_COLUMNS}
                 FROM pool p JOIN opportunity o ON o.id = p.id JOIN provider pr ON pr.id = o.provider_id) r ON true`;
  return {
    sql,
    parameters: [
      me.latitude,
      me.longitude,
      me.max_travel_km,
      me.availability_mask,
      FIT_SCAN_LIMIT,
      field === null ? null : fieldQuery,
      interestsQuery,
    ],
  };
}

/**
 * Nearest active volunteers for whom the place is within their own radius and whose availability
 * covers the opportunity's week mask (a needed language filters during the walk), plus the nearest
 * interested in one of its fields. A remote opportunity has no place: volunteers interested in its
 * fields (GIN), else any, by id. Either way the opportunity's open placements come back in the same
 * statement (rows with `placement_id`, newest stage change first), after the candidates' rows.
 */
export function volunteersForOpportunityQuery(
  opportunity: Pick<
    OpportunityRow,
    'id' | 'remote' | 'latitude' | 'longitude' | 'time_mask' | 'languages' | 'fields_of_activity'
  >,
): { sql: string; parameters: unknown[] } {
  const languages = opportunity.languages.length > 0 ? opportunity.languages : null;
  const fields = opportunity.fields_of_activity.length > 0 ? opportunity.fields_of_activity : null;
  if (!opportunity.remote && opportunity.latitude !== null && opportunity.longitude !== null) {
    return nearVolunteersQuery(opportunity, languages, fields);
  }
  const languageFilter =
    languages !== null ? `AND (v.language_codes && $4::text[]) IS TRUE` : 'AND $4::text[] IS NULL';
  const notPlaced = `AND NOT EXISTS (SELECT 1 FROM placement x WHERE x.volunteer_id = v.id AND x.opportunity_id = $6 AND x.${OPEN_PLACEMENT_SQL})`;
  const interestFilter = fields !== null ? `AND v.interests && $5::text[]` : 'AND $5::text[] IS NULL';
  const sql = `SELECT r.* FROM (
  (SELECT ${VOLUNTEER_COLUMNS}, ${NOT_PLACED_COLUMNS}
    FROM volunteer v
   WHERE v.status = 'active' AND v.erased_at IS NULL AND (v.availability_mask & $3::bit(336)) = $3::bit(336)
     AND $1::float8 IS NULL AND $2::float8 IS NULL ${languageFilter} ${interestFilter} ${notPlaced}
   LIMIT ${FIT_SCAN_LIMIT})
  UNION ALL
  ${openPlacementsOf('$6')}) r
 ORDER BY r.stage_changed_at DESC NULLS LAST, r.placement_id`;
  return {
    sql,
    parameters: [null, null, opportunity.time_mask, languages, fields, opportunity.id],
  };
}

/**
 * The nearest walk for a placed opportunity: a needed language and the interests walk's fields
 * filter as lexemes inside `volunteer_active_near_lexemes_gist` (migration 1795630000000), so
 * volunteers who do not qualify are skipped on the index entries instead of fetched and dropped.
 *
 * The walk goes nearest first and stops as soon as `FIT_POOL_SIZE` (60) volunteers passed the
 * pre-filters (within their radius, free at the opportunity's time), at `FIT_SCAN_LIMIT` (600)
 * rows at most; the "warum nicht?" counts (`outside-radius`, `not-available`) and `walked` are
 * over exactly the rows it read, so the volunteers the engine judges are the passing part of those
 * counted. (`near` is materialised and read lazily: `kept` pulls it up to its last passing row,
 * `counts` reads that far again from the stored rows; `n` numbers the rows in the walk's order.
 * Before, all 600 were walked for the counts alone: 6.8 of 10.3 ms at 1M volunteers.)
 */
function nearVolunteersQuery(
  opportunity: Pick<OpportunityRow, 'id' | 'latitude' | 'longitude' | 'time_mask'>,
  languages: string[] | null,
  fields: string[] | null,
): { sql: string; parameters: unknown[] } {
  const languageQuery = languages !== null ? anyOfQuery(languages) : null;
  const fieldsQuery = fields !== null ? anyOfQuery(fields) : null;
  const languageFilter =
    languages === null
      ? 'AND $4::text IS NULL'
      : languageQuery === null
        ? 'AND $4::text IS NOT NULL'
        : `AND ${lexemes('v.language_codes')} @@ $4::tsquery`;
  const notPlaced = `AND NOT EXISTS (SELECT 1 FROM placement x WHERE x.volunteer_id = v.id AND x.opportunity_id = $6 AND x.${OPEN_PLACEMENT_SQL})`;
  const walk = (filter: string, scan: number) => `(SELECT near.id FROM (
        SELECT v.id, v.max_travel_km, v.availability_mask, v.location <-> ll_to_earth($1, $2) AS metres
          FROM volunteer v
         WHERE v.status = 'active' ${languageFilter} ${filter}
         ORDER BY v.location <-> ll_to_earth($1, $2)
         LIMIT ${scan}) near
       WHERE near.metres <= near.max_travel_km * 1000 AND (near.availability_mask & $3::bit(336)) = $3::bit(336)
       LIMIT ${FIT_POOL_SIZE})`;
  const interests =
    fieldsQuery !== null
      ? `UNION ALL ${walk(`AND ${lexemes('v.interests')} @@ $5::tsquery`, FIT_INTEREST_SCAN_LIMIT)}`
      : 'UNION ALL (SELECT NULL::uuid WHERE $5::text IS NULL)';
  const sql = `WITH near AS MATERIALIZED (
      SELECT w.id, w.metres <= w.max_travel_km * 1000 AS inside,
             (w.availability_mask & $3::bit(336)) = $3::bit(336) AS free, row_number() OVER () AS n
        FROM (SELECT v.id, v.max_travel_km, v.availability_mask, v.location <-> ll_to_earth($1, $2) AS metres
                FROM volunteer v
               WHERE v.status = 'active' ${languageFilter}
               ORDER BY v.location <-> ll_to_earth($1, $2)
               LIMIT ${FIT_SCAN_LIMIT}) w),
    kept AS MATERIALIZED (SELECT id, n FROM near WHERE inside AND free LIMIT ${FIT_POOL_SIZE}),
    counts AS (SELECT count(*)::int AS walked,
         count(*) FILTER (WHERE NOT inside)::int AS outside,
         count(*) FILTER (WHERE inside AND NOT free)::int AS unavailable
       FROM (SELECT inside, free FROM near
              LIMIT (SELECT CASE WHEN count(*) < ${FIT_POOL_SIZE} THEN ${FIT_SCAN_LIMIT} ELSE max(n) END FROM kept)) walked),
    pool AS (SELECT DISTINCT id FROM (
      (SELECT id FROM kept)
      ${interests}) x WHERE id IS NOT NULL)
  SELECT c.walked, c.outside, c.unavailable, r.*
    FROM counts c
    LEFT JOIN ((SELECT ${VOLUNTEER_COLUMNS}, ${NOT_PLACED_COLUMNS}
                 FROM pool p JOIN volunteer v ON v.id = p.id
                WHERE v.erased_at IS NULL ${notPlaced})
               UNION ALL
               ${openPlacementsOf('$6')}) r ON true
   ORDER BY r.stage_changed_at DESC NULLS LAST, r.placement_id`;
  return {
    sql,
    parameters: [
      opportunity.latitude,
      opportunity.longitude,
      opportunity.time_mask,
      languageQuery,
      fieldsQuery,
      opportunity.id,
    ],
  };
}

function toMatchableOpportunity(row: OpportunityRow): MatchableOpportunity {
  return {
    id: row.id,
    fieldsOfActivity: row.fields_of_activity,
    skills: row.skills,
    languages: row.languages,
    requiresCertificate: row.requires_certificate,
    minimumAge: row.minimum_age,
    remote: row.remote,
    location:
      row.remote || row.latitude === null || row.longitude === null
        ? null
        : { lat: row.latitude, lon: row.longitude },
    district: row.district,
    timePattern: row.time_pattern,
    forNewcomers: row.for_newcomers,
    littleGermanOk: row.little_german_ok,
  };
}

function toFitVolunteer(row: VolunteerRow): FitVolunteer {
  return {
    id: row.id,
    status: row.status,
    emailConfirmed: row.email_confirmed,
    languages: row.languages ?? [],
    skills: row.skills ?? [],
    interests: row.interests ?? [],
    home: { lat: row.latitude, lon: row.longitude },
    district: row.district,
    maxTravelKm: row.max_travel_km,
    availability: row.availability ?? [],
    maxOpenAssignments: 1,
    openAssignments: 0,
    certificateInspectedOn: row.certificate_inspected_on,
    birthDate: row.birth_date,
    awayUntil: row.away_until,
    maxOffersPerWeek: 1,
    offersLast7Days: 0,
    answerHistory: { offered: 0, answered: 0 },
    helpedThisPersonBefore: 0,
    askedForThisRequest: null,
    blockedForThisRequest: false,
    placementsBefore: row.placements_before,
  };
}

function opportunitySummary(row: OpportunityRow): FitOpportunitySummary {
  return {
    id: row.id,
    title: row.title,
    providerId: row.provider_id,
    providerName: row.provider_name,
    fieldsOfActivity: row.fields_of_activity,
    remote: row.remote,
    postalCode: row.postal_code,
    district: row.district,
    timePattern: row.time_pattern,
    places: row.places,
    openPlaces: row.open_places,
    status: row.status,
  };
}

function volunteerSummary(row: VolunteerRow): FitVolunteerSummary {
  return { id: row.id, name: row.name, district: row.district, postalCode: row.postal_code };
}
