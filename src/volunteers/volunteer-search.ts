import { languageCodeOf } from '../matching/domain/language-names';
import { VOLUNTEER_STATUSES, type VolunteerStatus } from '../shared/volunteer-profile';

/*
 * The staff's volunteer search (console list, its CSV export and GET /api/v1/staff/volunteers):
 * the filters as read from a query string, each checked against what exists (a skill or field of
 * the taxonomy, a language, a district volunteers live in), and one index-backed SQL statement.
 */

export const CERTIFICATE_FILTERS = ['valid', 'missing', 'expired'] as const;
export type CertificateFilter = (typeof CERTIFICATE_FILTERS)[number];
export const VOLUNTEER_PAGE_SIZE = 50;

/** The volunteer list's filters, as read from the query string. */
export interface VolunteerFilters {
  q?: string;
  skill?: string;
  /** A field of interest (taxonomy `fields`, volunteer.interests). */
  interest?: string;
  /** A language code; typed names ("Türkisch") are read as their code. */
  language?: string;
  district?: string;
  /** 1 = Monday … 7 = Sunday (ISO). */
  weekday?: number;
  certificate?: CertificateFilter;
  status?: VolunteerStatus;
  /** Only volunteers with an accepted assignment occurring in the current Berlin week. */
  thisWeek?: boolean;
  page: number;
}

/** The query-string names of the filters, in link order. */
export const VOLUNTEER_FILTER_KEYS = [
  'q',
  'skill',
  'interest',
  'language',
  'district',
  'weekday',
  'certificate',
  'status',
  'thisWeek',
] as const;
export type VolunteerFilterKey = (typeof VOLUNTEER_FILTER_KEYS)[number];

/** A filter value that names nothing that exists: said to the reader, never silently ignored. */
export interface UnknownFilterValue {
  field: VolunteerFilterKey | 'page';
  value: string;
}

/** What a filter value may name. */
export interface KnownFilterValues {
  skills: readonly string[];
  fields: readonly string[];
  districts: readonly string[];
}

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 120) : undefined;

/** The filters of a query string; every value that names nothing known is listed in `unknown`. */
export function parseVolunteerFilters(
  query: Record<string, unknown>,
  known: KnownFilterValues,
): { filters: VolunteerFilters; unknown: UnknownFilterValue[] } {
  const unknown: UnknownFilterValue[] = [];
  const filters: VolunteerFilters = { page: 0, q: str(query.q) };
  const pick = <K extends VolunteerFilterKey | 'page'>(
    field: K,
    accept: (value: string) => boolean,
  ): string | undefined => {
    const value = str(query[field]);
    if (value === undefined) {
      return undefined;
    }
    if (accept(value)) {
      return value;
    }
    unknown.push({ field, value });
    return undefined;
  };
  filters.skill = pick('skill', (value) => known.skills.includes(value));
  filters.interest = pick('interest', (value) => known.fields.includes(value));
  const language = pick('language', (value) => languageCodeOf(value) !== null);
  filters.language = language === undefined ? undefined : (languageCodeOf(language) ?? undefined);
  filters.district = pick('district', (value) => known.districts.includes(value));
  const weekday = pick('weekday', (value) => /^[1-7]$/.test(value));
  filters.weekday = weekday === undefined ? undefined : Number(weekday);
  filters.certificate = pick('certificate', (value) =>
    (CERTIFICATE_FILTERS as readonly string[]).includes(value),
  ) as CertificateFilter | undefined;
  filters.status = pick('status', (value) => (VOLUNTEER_STATUSES as readonly string[]).includes(value)) as
    VolunteerStatus | undefined;
  const thisWeek = pick('thisWeek', (value) => ['1', 'true', '0', 'false'].includes(value));
  filters.thisWeek = thisWeek === '1' || thisWeek === 'true' ? true : undefined;
  const page = pick('page', (value) => /^\d{1,3}$/.test(value));
  filters.page = page === undefined ? 0 : Number(page);
  return { filters, unknown };
}

/**
 * The usable filters only (the links of the console's own pages never carry unknown values):
 * anything unusable is dropped. For callers that have no known lists (the "pick another" search).
 */
export function readVolunteerFilters(query: Record<string, unknown>): VolunteerFilters {
  const { filters } = parseVolunteerFilters(query, { skills: [], fields: [], districts: [] });
  const accepted = (value: unknown): string | undefined => str(value);
  return {
    ...filters,
    skill: accepted(query.skill),
    interest: accepted(query.interest),
    district: accepted(query.district),
  };
}

/** Query string of the filters (for pagination and export links), without empty ones. */
export function volunteerFiltersQuery(filters: VolunteerFilters, page: number): string {
  const params = new URLSearchParams();
  for (const key of VOLUNTEER_FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined && value !== false) {
      params.set(key, key === 'thisWeek' ? '1' : String(value));
    }
  }
  if (page > 0) {
    params.set('page', String(page));
  }
  return params.toString();
}

/**
 * SQL, expects the request as `r`: a request that has an accepted match occurring between `start`
 * and `end`. A one-off whose time lies in it; weekly help that started before its end and was not
 * closed before its start (its slots recur every week from the first date on). Only requests still
 * matched or done count (a cancelled one did not happen). Served by help_request_starts_at_idx and
 * the partial help_request_weekly_running_idx.
 */
export function requestsOccurringSql(start: string, end: string): string {
  return `SELECT r.id FROM help_request r
       WHERE r.starts_at >= ${start} AND r.starts_at < ${end} AND r.status IN ('matched', 'done')
     UNION
     SELECT r.id FROM help_request r
       WHERE (r.schedule->>'kind') = 'weekly' AND r.status IN ('matched', 'done')
         AND (r.closed_at IS NULL OR r.closed_at >= ${start}) AND r.starts_at < ${end}`;
}

export interface VolunteerSearchOptions {
  /** The skill and its more specific skills. */
  skills: string[];
  certificateValidityYears?: number;
  /** The current Berlin week, for `thisWeek`. */
  week?: { start: Date; end: Date };
  /** Keyset paging for the export: rows after this one (name, id order), `limit` rows. */
  after?: { name: string; id: string };
  limit?: number;
  /** Rows per page (the API's `limit`); the console shows VOLUNTEER_PAGE_SIZE. */
  pageSize?: number;
  /** More columns for the CSV export. */
  columns?: 'list' | 'export';
}

/**
 * One SQL statement for the list: every filter is a predicate an index can serve (trigram GIN on
 * name and email, GIN on skills, interests and languages, btree on district and status in name
 * order), the weekday test reads the stored availability mask, "this week" starts from the
 * requests occurring in the week (indexed by start). One row more than a page tells if there is a next.
 */
export function volunteerSearchSql(
  filters: Omit<VolunteerFilters, 'page'> & { page?: number },
  options: VolunteerSearchOptions,
): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const ctes: string[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filters.q) {
    const pattern = param(`%${filters.q.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`);
    // The trigram indexes find the matching rows first; left to itself the planner may walk the
    // whole name index looking for a rare email match.
    ctes.push(`hits AS MATERIALIZED (
        SELECT id FROM volunteer WHERE lower(name) LIKE ${pattern}
        UNION SELECT id FROM volunteer WHERE email LIKE ${pattern})`);
    where.push(`v.id IN (SELECT id FROM hits)`);
  }
  if (filters.skill) {
    where.push(`v.skills && ${param(options.skills)}::text[]`);
  }
  if (filters.interest) {
    where.push(`v.interests @> ARRAY[${param(filters.interest)}::text]`);
  }
  if (filters.language) {
    where.push(`v.language_codes @> ARRAY[${param(filters.language)}::text]`);
  }
  if (filters.district) {
    where.push(`v.district = ${param(filters.district)}`);
  }
  if (filters.weekday) {
    // Bits (day-1)*48 … +47 of the mask are that day's half-hours (see the availability-mask migration).
    where.push(
      `position(B'1' IN substring(v.availability_mask FROM ${param((filters.weekday - 1) * 48 + 1)}::int FOR 48)) > 0`,
    );
  }
  if (filters.certificate === 'missing') {
    where.push(`v.certificate_inspected_on IS NULL`);
  } else if (filters.certificate) {
    const cutoff = `(current_date - make_interval(years => ${param(options.certificateValidityYears ?? 5)}::int))`;
    where.push(
      filters.certificate === 'valid'
        ? `v.certificate_inspected_on >= ${cutoff}`
        : `v.certificate_inspected_on < ${cutoff}`,
    );
  }
  if (filters.status) {
    where.push(`v.status = ${param(filters.status)}`);
  }
  if (filters.thisWeek && options.week) {
    const start = `${param(options.week.start)}::timestamptz`;
    const end = `${param(options.week.end)}::timestamptz`;
    ctes.push(`week_requests AS MATERIALIZED (${requestsOccurringSql(start, end)}),
      week_hits AS MATERIALIZED (
        SELECT DISTINCT m.volunteer_id AS id FROM match m JOIN week_requests w ON w.id = m.request_id
         WHERE m.status = 'accepted')`);
    where.push(`v.id IN (SELECT id FROM week_hits)`);
  }
  if (options.after) {
    where.push(`(v.name, v.id) > (${param(options.after.name)}, ${param(options.after.id)}::uuid)`);
  }
  const columns =
    options.columns === 'export' ? `, v.phone, v.postal_code AS "postalCode", v.interests, v.languages` : '';
  const pageSize = options.pageSize ?? VOLUNTEER_PAGE_SIZE;
  const limit = options.limit ?? pageSize + 1;
  const offset = options.after ? 0 : (filters.page ?? 0) * pageSize;
  const sql = `${ctes.length > 0 ? `WITH ${ctes.join(',\n')}\n` : ''}SELECT v.id, v.name, v.email, v.district, v.status, v.skills, v.language_codes AS "languageCodes",
      v.certificate_inspected_on::text AS "certificateInspectedOn", v.away_until::text AS "awayUntil"${columns}
    FROM volunteer v ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY v.name, v.id LIMIT ${limit} OFFSET ${offset}`;
  return { sql, params };
}
