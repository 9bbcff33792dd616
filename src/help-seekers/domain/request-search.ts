import { HELP_REQUEST_STATUSES, isClosedRequestStatus, type HelpRequestStatus } from './request-status';

/*
 * The requests list (console page and staff API alike): which filters exist, how a query string is
 * read into them (unknown values are named, never ignored), and the one SQL statement that serves
 * them. Every predicate has an index that ends in the sort column (AddRequestListIndexes).
 */

/** "Open work": everything not closed; the list's default. */
export const OPEN_WORK = 'open-work';
export const ALL_STATUSES = 'all';
export const REQUEST_STATUS_FILTERS = [OPEN_WORK, ALL_STATUSES, ...HELP_REQUEST_STATUSES] as const;
export type RequestStatusFilter = (typeof REQUEST_STATUS_FILTERS)[number];
const OPEN_WORK_STATUSES = HELP_REQUEST_STATUSES.filter((status) => !isClosedRequestStatus(status));

/** Where a request came from; "call-back": completed by staff after a public call-back request. */
export const REQUEST_SOURCE_FILTERS = ['online', 'phone', 'provider', 'call-back'] as const;
export type RequestSourceFilter = (typeof REQUEST_SOURCE_FILTERS)[number];

export const REQUEST_URGENCY_FILTERS = ['low', 'normal', 'high'] as const;

/** created: newest first; oldest: oldest first; appointment: soonest first; urgency: high first; waiting: longest first. */
export const REQUEST_SORTS = ['created', 'oldest', 'appointment', 'urgency', 'waiting'] as const;
export type RequestSort = (typeof REQUEST_SORTS)[number];

export const REQUEST_PAGE_SIZE = 50;
export const MAX_REQUEST_PAGE = 999;

export interface RequestFilters {
  status: RequestStatusFilter;
  district?: string;
  category?: string;
  urgency?: (typeof REQUEST_URGENCY_FILTERS)[number];
  source?: RequestSourceFilter;
  language?: string;
  /** Calendar days (YYYY-MM-DD, Europe/Berlin), inclusive. */
  createdFrom?: string;
  createdTo?: string;
  startsFrom?: string;
  startsTo?: string;
  q?: string;
  sort: RequestSort;
  page: number;
}

/** The fields a list query may carry (also the order of the pagination link's parameters). */
export const REQUEST_FILTER_FIELDS = [
  'status',
  'district',
  'category',
  'urgency',
  'source',
  'language',
  'createdFrom',
  'createdTo',
  'startsFrom',
  'startsTo',
  'q',
  'sort',
] as const;
export type RequestFilterField = (typeof REQUEST_FILTER_FIELDS)[number];

/** A filter value the list does not know: `unknown` for a choice, `date` for an unreadable day. */
export interface FilterProblem {
  field: RequestFilterField | 'page';
  kind: 'unknown' | 'date' | 'range';
  value: string;
}

const text = (value: unknown): string | undefined => {
  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
};

/** A real calendar day: "2026-02-30" is refused, not rolled over. */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return false;
  }
  const date = new Date(`${value}T12:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * Reads the query string. `known` lists the categories (taxonomy) and districts (from the postal
 * codes of stored requests) the list can filter on; any other value is a problem the page names.
 */
export function parseRequestFilters(
  query: Record<string, unknown>,
  known: { categories: readonly string[]; districts: readonly string[] },
  defaults: { status?: RequestStatusFilter; sort?: RequestSort } = {},
): { filters: RequestFilters; problems: FilterProblem[] } {
  const problems: FilterProblem[] = [];
  const filters: RequestFilters = {
    status: defaults.status ?? OPEN_WORK,
    sort: defaults.sort ?? 'created',
    page: 0,
  };
  const choice = <T extends string>(
    field: RequestFilterField,
    allowed: readonly T[],
    lower = true,
  ): T | undefined => {
    const raw = text(query[field]);
    if (raw === undefined) {
      return undefined;
    }
    const value = lower ? raw.toLowerCase() : raw;
    if ((allowed as readonly string[]).includes(value)) {
      return value as T;
    }
    problems.push({ field, kind: 'unknown', value: raw.slice(0, 80) });
    return undefined;
  };
  filters.status = choice('status', REQUEST_STATUS_FILTERS) ?? filters.status;
  filters.sort = choice('sort', REQUEST_SORTS) ?? filters.sort;
  filters.urgency = choice('urgency', REQUEST_URGENCY_FILTERS);
  filters.source = choice('source', REQUEST_SOURCE_FILTERS);
  filters.category = choice('category', known.categories, false);
  // District names are compared as stored ("Altona-Altstadt"), but a reader may type any case.
  const district = text(query.district);
  if (district !== undefined) {
    const found = known.districts.find((name) => name.toLowerCase() === district.toLowerCase());
    if (found) {
      filters.district = found;
    } else {
      problems.push({ field: 'district', kind: 'unknown', value: district.slice(0, 80) });
    }
  }
  const language = text(query.language);
  if (language !== undefined) {
    if (/^[a-z]{2,3}$/i.test(language)) {
      filters.language = language.toLowerCase();
    } else {
      problems.push({ field: 'language', kind: 'unknown', value: language.slice(0, 80) });
    }
  }
  for (const field of ['createdFrom', 'createdTo', 'startsFrom', 'startsTo'] as const) {
    const day = text(query[field]);
    if (day === undefined) {
      continue;
    }
    if (isCalendarDay(day)) {
      filters[field] = day;
    } else {
      problems.push({ field, kind: 'date', value: day.slice(0, 80) });
    }
  }
  for (const [from, to] of [
    ['createdFrom', 'createdTo'],
    ['startsFrom', 'startsTo'],
  ] as const) {
    const first = filters[from];
    const last = filters[to];
    if (first && last && first > last) {
      problems.push({ field: to, kind: 'range', value: last });
    }
  }
  const q = text(query.q);
  if (q !== undefined) {
    filters.q = q.slice(0, 120);
  }
  const page = text(query.page);
  if (page !== undefined) {
    const number = Number(page);
    if (/^\d+$/.test(page) && number <= MAX_REQUEST_PAGE) {
      filters.page = number;
    } else {
      problems.push({ field: 'page', kind: 'unknown', value: page.slice(0, 20) });
    }
  }
  return { filters, problems };
}

/** The query string for a pagination or sort link: the filters as read, without defaults left empty. */
export function requestFiltersQuery(
  filters: RequestFilters,
  change: { page?: number; sort?: RequestSort } = {},
): string {
  const params = new URLSearchParams();
  const next = { ...filters, ...change };
  for (const field of REQUEST_FILTER_FIELDS) {
    const value = next[field];
    if (value !== undefined && value !== '') {
      params.set(field, String(value));
    }
  }
  if ((next.page ?? 0) > 0) {
    params.set('page', String(next.page));
  }
  return params.toString();
}

/** Escapes LIKE's wildcards so a typed "%" or "_" is searched as itself. */
export const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/** Requests completed by staff after a public "please call me back" (CallBackRequest). */
export const CALL_BACK_SQL = `(r.source = 'call-back')`;

/** Urgency as a rank (high first), the same expression as the index help_request_urgency_rank_idx. */
export const URGENCY_RANK_SQL = `(CASE r.urgency WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END)`;

const ORDER_BY: Record<RequestSort, string> = {
  created: 'r.created_at DESC, r.id DESC',
  oldest: 'r.created_at, r.id',
  appointment: 'r.starts_at NULLS LAST, r.id',
  urgency: `${URGENCY_RANK_SQL}, r.created_at, r.id`,
  waiting: 'r.status_changed_at, r.id',
};

/** A calendar day's first moment in Berlin, as SQL over a parameter. */
const berlinDayStart = (param: string): string => `(${param}::date::timestamp AT TIME ZONE 'Europe/Berlin')`;

/**
 * One statement: the filters as index-backed predicates, the page (one row more tells if there is
 * a next), and per row the help-seeker's name and the open offer's answer deadline.
 */
export function requestSearchSql(
  filters: RequestFilters,
  limit: number = REQUEST_PAGE_SIZE,
): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  let hits = '';
  if (filters.q) {
    const pattern = param(likePattern(filters.q));
    // Trigram indexes on the description and the help-seeker's name find the few rows first.
    // Trigram indexes on the description and the help-seeker's name find the few rows first (each
    // on its own, materialised, so the planner cannot walk every request looking for a name).
    hits = `WITH seekers AS MATERIALIZED (SELECT id FROM help_seeker WHERE name ILIKE ${pattern}),
      hits AS MATERIALIZED (
        SELECT id FROM help_request WHERE description ILIKE ${pattern}
        UNION SELECT q.id FROM help_request q WHERE q.help_seeker_id IN (SELECT id FROM seekers))
      `;
    where.push('r.id IN (SELECT id FROM hits)');
  }
  if (filters.status === OPEN_WORK) {
    where.push(`r.status IN (${OPEN_WORK_STATUSES.map((status) => `'${status}'`).join(', ')})`);
  } else if (filters.status !== ALL_STATUSES) {
    where.push(`r.status = ${param(filters.status satisfies HelpRequestStatus)}`);
  }
  if (filters.district) {
    where.push(`r.district = ${param(filters.district)}`);
  }
  if (filters.category) {
    where.push(`r.category = ${param(filters.category)}`);
  }
  if (filters.urgency) {
    where.push(`r.urgency = ${param(filters.urgency)}`);
  }
  if (filters.source === 'online') {
    where.push(`r.source = 'public-form'`);
  } else if (filters.source === 'phone') {
    where.push(`r.source = 'phone-intake'`);
  } else if (filters.source === 'provider') {
    where.push(`r.source = 'provider'`);
  } else if (filters.source === 'call-back') {
    where.push(`r.source = 'call-back'`);
  }
  if (filters.language) {
    where.push(`r.needed_language = ${param(filters.language)}`);
  }
  if (filters.createdFrom) {
    where.push(`r.created_at >= ${berlinDayStart(param(filters.createdFrom))}`);
  }
  if (filters.createdTo) {
    where.push(`r.created_at < ${berlinDayStart(`(${param(filters.createdTo)}::date + 1)`)}`);
  }
  if (filters.startsFrom) {
    where.push(`r.starts_at >= ${berlinDayStart(param(filters.startsFrom))}`);
  }
  if (filters.startsTo) {
    where.push(`r.starts_at < ${berlinDayStart(`(${param(filters.startsTo)}::date + 1)`)}`);
  }
  const sql = `${hits}SELECT r.id, r.category, r.description, r.district, r.postal_code AS "postalCode",
      r.status, r.urgency, r.source, r.needed_language AS "neededLanguage", r.schedule,
      r.starts_at AS "startsAt", r.created_at AS "createdAt", r.status_changed_at AS "statusChangedAt",
      r.matching_summary AS "matchingSummary", r.outcome, r.help_seeker_id AS "helpSeekerId",
      s.name AS "helpSeekerName", ${CALL_BACK_SQL} AS "callBack",
      CASE WHEN r.status = 'offered' THEN (SELECT min(m.offer_expires_at) FROM match m
        WHERE m.request_id = r.id AND m.status = 'offered') END AS "offerExpiresAt"
    FROM help_request r LEFT JOIN help_seeker s ON s.id = r.help_seeker_id
    ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${ORDER_BY[filters.sort]} LIMIT ${limit + 1} OFFSET ${filters.page * limit}`;
  return { sql, params };
}

/** A filter problem in plain English, for the API's error body (the console words it from the catalogue). */
export function filterProblemMessage(problem: FilterProblem): string {
  switch (problem.kind) {
    case 'date':
      return `${problem.field} must be a date like 2026-11-24`;
    case 'range':
      return `${problem.field} must not be before the first day of the range`;
    default:
      return `${problem.field} "${problem.value}" is not a known value`;
  }
}
