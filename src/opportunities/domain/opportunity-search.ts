import { OPPORTUNITY_STATUSES, type OpportunityStatus } from './opportunity-status';

/** The list's filters, read from a query string; a value it does not know is a problem naming the field. */
export interface OpportunityFilters {
  /** 'current' = everything but archived (the default), 'all', or one status. */
  status: 'current' | 'all' | OpportunityStatus;
  field: string | null;
  district: string | null;
  providerId: string | null;
  q: string | null;
  overdue: boolean;
  page: number;
}

export const OPPORTUNITY_FILTER_FIELDS = [
  'status',
  'field',
  'district',
  'providerId',
  'q',
  'overdue',
  'page',
] as const;
export const OPPORTUNITY_PAGE_SIZE = 50;
export const MAX_OPPORTUNITY_PAGE = 400;

export interface OpportunityFilterProblem {
  field: string;
  value: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const first = (value: unknown): string | undefined => {
  const item = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof item === 'string' && item.trim() !== '' ? item.trim() : undefined;
};

/**
 * Reads the list's query. `knownField` checks a field-of-activity key. Unknown parameters are
 * ignored (the language switch adds its own); unknown values of known ones are problems.
 */
export function readOpportunityFilters(
  query: Record<string, unknown>,
  knownField: (key: string) => boolean,
): { filters: OpportunityFilters; problems: OpportunityFilterProblem[] } {
  const problems: OpportunityFilterProblem[] = [];
  const filters: OpportunityFilters = {
    status: 'current',
    field: null,
    district: null,
    providerId: null,
    q: null,
    overdue: false,
    page: 0,
  };
  const status = first(query.status);
  if (status !== undefined) {
    if (
      status === 'current' ||
      status === 'all' ||
      (OPPORTUNITY_STATUSES as readonly string[]).includes(status)
    ) {
      filters.status = status as OpportunityFilters['status'];
    } else {
      problems.push({ field: 'status', value: status.slice(0, 60) });
    }
  }
  const field = first(query.field);
  if (field !== undefined) {
    if (knownField(field)) {
      filters.field = field;
    } else {
      problems.push({ field: 'field', value: field.slice(0, 60) });
    }
  }
  const district = first(query.district);
  if (district !== undefined) {
    filters.district = district.slice(0, 100);
  }
  const providerId = first(query.providerId);
  if (providerId !== undefined) {
    if (UUID.test(providerId)) {
      filters.providerId = providerId.toLowerCase();
    } else {
      problems.push({ field: 'providerId', value: providerId.slice(0, 60) });
    }
  }
  const q = first(query.q);
  if (q !== undefined) {
    filters.q = q.slice(0, 120);
  }
  const overdue = first(query.overdue);
  if (overdue !== undefined) {
    if (overdue === '1' || overdue === 'true' || overdue === 'on') {
      filters.overdue = true;
    } else if (overdue !== '0' && overdue !== 'false') {
      problems.push({ field: 'overdue', value: overdue.slice(0, 60) });
    }
  }
  const page = first(query.page);
  if (page !== undefined) {
    if (/^\d{1,4}$/.test(page) && Number(page) <= MAX_OPPORTUNITY_PAGE) {
      filters.page = Number(page);
    } else {
      problems.push({ field: 'page', value: page.slice(0, 60) });
    }
  }
  return { filters, problems };
}

/** The list's SQL: one WHERE per filter, each backed by an index (see the 1795510000000 migration). */
export function opportunitySearchSql(
  filters: OpportunityFilters,
  today: string,
  limit = OPPORTUNITY_PAGE_SIZE,
): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filters.status === 'current') {
    where.push(`o.status IN ('draft', 'in-review', 'published', 'paused', 'filled')`);
  } else if (filters.status !== 'all') {
    where.push(`o.status = ${param(filters.status)}`);
  }
  if (filters.field) {
    where.push(`o.fields_of_activity @> ARRAY[${param(filters.field)}]::text[]`);
  }
  if (filters.district) {
    where.push(`o.district = ${param(filters.district)}`);
  }
  if (filters.providerId) {
    where.push(`o.provider_id = ${param(filters.providerId)}`);
  }
  if (filters.overdue) {
    where.push(`o.status IN ('published', 'paused') AND o.review_by < ${param(today)}::date`);
  }
  if (filters.q) {
    const pattern = param(`%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    // A union of two index-backed lookups: the planner cannot estimate an OR of a trigram match
    // and a provider-name match, and would walk the whole table.
    where.push(
      `o.id IN (SELECT t.id FROM opportunity t WHERE (t.title || ' ' || t.description) ILIKE ${pattern}
                UNION SELECT t.id FROM opportunity t JOIN provider tp ON tp.id = t.provider_id WHERE tp.name ILIKE ${pattern})`,
    );
  }
  const sql = `
    SELECT o.id, o.title, o.status, o.fields_of_activity AS "fieldsOfActivity", o.remote,
           o.postal_code AS "postalCode", o.district, o.time_pattern AS "timePattern", o.places,
           to_char(o.review_by, 'YYYY-MM-DD') AS "reviewBy", o.provider_id AS "providerId",
           p.name AS "providerName", o.created_at AS "createdAt",
           o.places - (SELECT count(*)::int FROM placement pl WHERE pl.opportunity_id = o.id AND pl.stage = 'started') AS "openPlaces"
      FROM opportunity o
      JOIN provider p ON p.id = o.provider_id
     ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY o.created_at DESC, o.id
     LIMIT ${limit + 1} OFFSET ${filters.page * limit}`;
  return { sql, params };
}
