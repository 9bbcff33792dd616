/**
 * The public opportunity search's filters, read from a query string. Pure: what counts as known
 * (fields of activity, districts, languages) is passed in. A value that names nothing known is
 * reported, so the page answers 400 naming the filter instead of silently showing everything.
 */

export const SEARCH_RADII_KM = [5, 10, 25] as const;
export type SearchRadiusKm = (typeof SEARCH_RADII_KM)[number];
export const SEARCH_PAGE_SIZE = 20;
export const MAX_SEARCH_PAGE = 500;

export interface OpportunityFilters {
  field?: string;
  district?: string;
  postalCode?: string;
  radiusKm: SearchRadiusKm;
  /** ISO weekday, 1 = Monday. */
  weekday?: number;
  remote?: boolean;
  newcomers?: boolean;
  littleGerman?: boolean;
  accessible?: boolean;
  language?: string;
  page: number;
}

export interface KnownFilterValues {
  fields: readonly string[];
  districts: readonly string[];
  languages: readonly string[];
}

export interface UnknownFilter {
  field: string;
  value: string;
}

/** The query parameters the search understands (anything else, e.g. `lang`, is not a filter). */
export const FILTER_PARAMS = [
  'field',
  'district',
  'postalCode',
  'km',
  'weekday',
  'remote',
  'newcomers',
  'littleGerman',
  'accessible',
  'language',
  'page',
] as const;

const one = (value: unknown): string | undefined => {
  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  if (typeof first !== 'string') {
    return undefined;
  }
  const trimmed = first.trim();
  return trimmed === '' ? undefined : trimmed;
};

export function parseOpportunityFilters(
  query: Record<string, unknown>,
  known: KnownFilterValues,
): { filters: OpportunityFilters; unknown: UnknownFilter[] } {
  const unknown: UnknownFilter[] = [];
  const filters: OpportunityFilters = { radiusKm: 10, page: 1 };
  const bad = (field: string, value: string) => unknown.push({ field, value: value.slice(0, 60) });

  const field = one(query.field);
  if (field !== undefined) {
    if (known.fields.includes(field)) {
      filters.field = field;
    } else {
      bad('field', field);
    }
  }
  const district = one(query.district);
  if (district !== undefined) {
    if (known.districts.includes(district)) {
      filters.district = district;
    } else {
      bad('district', district);
    }
  }
  const postalCode = one(query.postalCode);
  if (postalCode !== undefined) {
    if (/^\d{5}$/.test(postalCode)) {
      filters.postalCode = postalCode;
    } else {
      bad('postalCode', postalCode);
    }
  }
  const km = one(query.km);
  if (km !== undefined) {
    const radius = SEARCH_RADII_KM.find((candidate) => String(candidate) === km);
    if (radius) {
      filters.radiusKm = radius;
    } else {
      bad('km', km);
    }
  }
  const weekday = one(query.weekday);
  if (weekday !== undefined) {
    if (/^[1-7]$/.test(weekday)) {
      filters.weekday = Number(weekday);
    } else {
      bad('weekday', weekday);
    }
  }
  for (const name of ['remote', 'newcomers', 'littleGerman', 'accessible'] as const) {
    const value = one(query[name]);
    if (value === undefined) {
      continue;
    }
    if (value === 'yes') {
      filters[name] = true;
    } else {
      bad(name, value);
    }
  }
  const language = one(query.language);
  if (language !== undefined) {
    if (known.languages.includes(language)) {
      filters.language = language;
    } else {
      bad('language', language);
    }
  }
  const page = one(query.page);
  if (page !== undefined) {
    if (/^\d{1,4}$/.test(page) && Number(page) >= 1 && Number(page) <= MAX_SEARCH_PAGE) {
      filters.page = Number(page);
    } else {
      bad('page', page);
    }
  }
  return { filters, unknown };
}

/** The filters as a query string (page included when > 1), for paging links and the language switch. */
export function filtersQuery(filters: OpportunityFilters, page = filters.page): string {
  const params = new URLSearchParams();
  const put = (name: string, value: string | number | boolean | undefined) => {
    if (value !== undefined && value !== false) {
      params.set(name, value === true ? 'yes' : String(value));
    }
  };
  put('field', filters.field);
  put('district', filters.district);
  put('postalCode', filters.postalCode);
  if (filters.postalCode) {
    put('km', filters.radiusKm);
  }
  put('weekday', filters.weekday);
  put('remote', filters.remote);
  put('newcomers', filters.newcomers);
  put('littleGerman', filters.littleGerman);
  put('accessible', filters.accessible);
  put('language', filters.language);
  if (page > 1) {
    put('page', page);
  }
  return params.toString();
}

/** The week mask (336 half-hours, Monday first) of one whole weekday, as PostgreSQL bit-string text. */
export function weekdayMask(weekday: number): string {
  return '0'.repeat((weekday - 1) * 48) + '1'.repeat(48) + '0'.repeat((7 - weekday) * 48);
}
