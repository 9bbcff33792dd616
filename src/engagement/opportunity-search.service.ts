import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { HostOffer } from '../opportunities/domain/opportunity-status';
import type { OpportunityTimePattern } from '../opportunities/domain/time-pattern';
import { PostalCodesService } from '../postal-codes/postal-codes.service';
import { FORM_LANGUAGES } from '../shared/parts-of-day';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import {
  SEARCH_PAGE_SIZE,
  parseOpportunityFilters,
  weekdayMask,
  type OpportunityFilters,
  type UnknownFilter,
} from './domain/opportunity-filters';

export * from './domain/opportunity-filters';

/** One search result: enough for the list, nothing personal. */
export interface OpportunitySummary {
  id: string;
  title: string;
  host: string;
  remote: boolean;
  postalCode: string | null;
  district: string | null;
  timePattern: OpportunityTimePattern;
  fieldsOfActivity: string[];
  /** Kilometres from the searched postal code, when one was given. */
  distanceKm: number | null;
}

/** A published opportunity as the public (page, feed, export) may see it: no host staff email or phone. */
export interface PublicOpportunity {
  id: string;
  title: string;
  description: string;
  tasks: string | null;
  host: string;
  hostPostalCode: string | null;
  projectTitle: string | null;
  fieldsOfActivity: string[];
  remote: boolean;
  postalCode: string | null;
  district: string | null;
  streetAddress: string | null;
  latitude: number | null;
  longitude: number | null;
  timePattern: OpportunityTimePattern;
  minCommitmentMonths: number | null;
  places: number;
  requiresCertificate: boolean;
  minimumAge: number | null;
  languages: string[];
  skills: string[];
  forNewcomers: boolean;
  littleGermanOk: boolean;
  accessible: boolean;
  hostOffers: HostOffer[];
  contactName: string | null;
  publishedAt: Date | null;
  updatedAt: Date;
}

export interface SearchOutcome {
  rows: OpportunitySummary[];
  hasNext: boolean;
}

/**
 * Around a postal code PostgreSQL cannot estimate how many points the radius's cube box holds
 * (it guesses a handful) and prefers a bitmap scan of the whole box plus a sort; this
 * transaction-local setting keeps it on the GiST KNN walk, which stops after the page (under 1 ms
 * for 10 km at 20,000 opportunities instead of 60–100 ms): see docs/benchmarks.md.
 */
export const DISTANCE_SEARCH_SETTING = 'SET LOCAL enable_bitmapscan = off';

export const usesDistance = (filters: OpportunityFilters): boolean =>
  Boolean(filters.postalCode) && !filters.remote;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DISTRICTS_CACHE_MS = 60_000;
const EXPORT_BATCH = 500;

const PUBLIC_COLUMNS = `o.id, o.title, o.description, o.tasks, p.name AS host, p.postal_code AS "hostPostalCode",
  pr.title AS "projectTitle", o.fields_of_activity AS "fieldsOfActivity", o.remote,
  o.postal_code AS "postalCode", o.district, o.street_address AS "streetAddress", o.latitude, o.longitude,
  o.time_pattern AS "timePattern", o.min_commitment_months AS "minCommitmentMonths", o.places,
  o.requires_certificate AS "requiresCertificate", o.minimum_age AS "minimumAge", o.languages, o.skills,
  o.for_newcomers AS "forNewcomers", o.little_german_ok AS "littleGermanOk", o.accessible,
  o.host_offers AS "hostOffers", COALESCE(o.contact_name, p.contact_person) AS "contactName",
  o.published_at AS "publishedAt", o.updated_at AS "updatedAt"`;
const PUBLIC_FROM = `opportunity o JOIN provider p ON p.id = o.provider_id LEFT JOIN project pr ON pr.id = o.project_id`;

/**
 * Published opportunities for the public: the search (index-backed: partial GiST/GIN/btree indexes
 * on `status = 'published'`, see migration 1795550000000), one opportunity's page, the partner feed
 * and the platform export (audited).
 */
@Injectable()
export class OpportunitySearchService {
  private districts?: { names: string[]; until: number };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly postalCodes: PostalCodesService,
    private readonly taxonomy: TaxonomyService,
    private readonly audit: AuditService,
  ) {}

  /** The districts published opportunities are in (the agency's area), for the filter's choices. */
  async districtNames(fresh = false): Promise<string[]> {
    if (!fresh && this.districts && this.districts.until > Date.now()) {
      return this.districts.names;
    }
    const rows = await this.dataSource.query<{ district: string }[]>(
      `SELECT DISTINCT district FROM opportunity WHERE status = 'published' AND district IS NOT NULL ORDER BY district LIMIT 500`,
    );
    this.districts = { names: rows.map((row) => row.district), until: Date.now() + DISTRICTS_CACHE_MS };
    return this.districts.names;
  }

  fieldKeys(): string[] {
    return Object.keys(this.taxonomy.taxonomy.fields);
  }

  languageCodes(): readonly string[] {
    return FORM_LANGUAGES;
  }

  async parse(
    query: Record<string, unknown>,
  ): Promise<{ filters: OpportunityFilters; unknown: UnknownFilter[] }> {
    const known = async (fresh: boolean) => ({
      fields: this.fieldKeys(),
      districts: await this.districtNames(fresh),
      languages: FORM_LANGUAGES,
    });
    const parsed = parseOpportunityFilters(query, await known(false));
    if (parsed.unknown.some((value) => value.field === 'district')) {
      return parseOpportunityFilters(query, await known(true));
    }
    return parsed;
  }

  /** One page of published opportunities; nearest first with a postal code, else newest first. */
  async search(filters: OpportunityFilters): Promise<SearchOutcome> {
    const { sql, params } = await this.searchSql(filters);
    const rows = usesDistance(filters)
      ? await this.dataSource.transaction(async (manager) => {
          await manager.query(DISTANCE_SEARCH_SETTING);
          return manager.query<OpportunitySummary[]>(sql, params);
        })
      : await this.dataSource.query<OpportunitySummary[]>(sql, params);
    return {
      rows: rows.slice(0, SEARCH_PAGE_SIZE).map((row) => ({
        ...row,
        distanceKm: row.distanceKm === null ? null : Math.round(Number(row.distanceKm) * 10) / 10,
      })),
      hasNext: rows.length > SEARCH_PAGE_SIZE,
    };
  }

  /** The search's SQL and parameters (the benchmark and the plan test read its EXPLAIN). */
  async searchSql(filters: OpportunityFilters): Promise<{ sql: string; params: unknown[] }> {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = [`o.status = 'published'`];
    if (filters.field) {
      where.push(`o.fields_of_activity && ARRAY[${param(filters.field)}]::text[]`);
    }
    if (filters.language) {
      where.push(`o.languages && ARRAY[${param(filters.language)}]::text[]`);
    }
    if (filters.district) {
      where.push(`o.district = ${param(filters.district)}`);
    }
    if (filters.weekday) {
      // On that day, or flexible hours (which fit any day).
      where.push(
        `((o.time_mask & ${param(weekdayMask(filters.weekday))}::bit(336)) <> repeat('0', 336)::bit(336) OR o.time_pattern->>'kind' = 'flexible')`,
      );
    }
    for (const [flag, column] of [
      ['newcomers', 'for_newcomers'],
      ['littleGerman', 'little_german_ok'],
      ['accessible', 'accessible'],
    ] as const) {
      if (filters[flag]) {
        where.push(`o.${column}`);
      }
    }
    if (filters.remote) {
      where.push('o.remote');
    } else if (filters.postalCode) {
      return this.distanceSearchSql(filters, where, params, param);
    }
    const limit = param(SEARCH_PAGE_SIZE + 1);
    const offset = param((filters.page - 1) * SEARCH_PAGE_SIZE);
    const sql = `SELECT o.id, o.title, p.name AS host, o.remote, o.postal_code AS "postalCode", o.district,
        o.time_pattern AS "timePattern", o.fields_of_activity AS "fieldsOfActivity", NULL::float8 AS "distanceKm"
      FROM opportunity o JOIN provider p ON p.id = o.provider_id
      WHERE ${where.join(' AND ')}
      ORDER BY o.published_at DESC, o.id
      LIMIT ${limit} OFFSET ${offset}`;
    return { sql, params };
  }

  /**
   * Nearest first around a postal code: a KNN walk of `opportunity_published_place_gist` (the
   * `<->` order and the `earth_box(…) @> location` bound on exactly the indexed `location`), on the
   * opportunity table alone so the planner keeps the index order, stopping after the rows up to the
   * end of the page (`FETCH FIRST … WITH TIES` keeps every row as far as the last one's distance,
   * so the outer `distance, id` order pages exactly like one sort of the whole radius would).
   */
  private async distanceSearchSql(
    filters: OpportunityFilters,
    where: string[],
    params: unknown[],
    param: (value: unknown) => string,
  ): Promise<{ sql: string; params: unknown[] }> {
    const place = await this.postalCodes.locate(filters.postalCode!);
    const origin = `ll_to_earth(${param(place.latitude)}, ${param(place.longitude)})`;
    const metres = param(filters.radiusKm * 1000);
    where.push(`o.location IS NOT NULL`);
    where.push(`earth_box(${origin}, ${metres}) @> o.location`);
    where.push(`earth_distance(${origin}, o.location) <= ${metres}`);
    const walk = param(filters.page * SEARCH_PAGE_SIZE + 1);
    const limit = param(SEARCH_PAGE_SIZE + 1);
    const offset = param((filters.page - 1) * SEARCH_PAGE_SIZE);
    const sql = `SELECT o.id, o.title, p.name AS host, o.remote, o.postal_code AS "postalCode", o.district,
        o.time_pattern AS "timePattern", o.fields_of_activity AS "fieldsOfActivity",
        earth_distance(${origin}, o.location) / 1000 AS "distanceKm"
      FROM (SELECT o.id, o.location <-> ${origin} AS knn
              FROM opportunity o
             WHERE ${where.join(' AND ')}
             ORDER BY o.location <-> ${origin}
             FETCH FIRST ${walk} ROWS WITH TIES) near
      JOIN opportunity o ON o.id = near.id
      JOIN provider p ON p.id = o.provider_id
      ORDER BY near.knn, o.id
      LIMIT ${limit} OFFSET ${offset}`;
    return { sql, params };
  }

  /** A published opportunity, or null (not found, not published, or not an id at all). */
  async published(id: string): Promise<PublicOpportunity | null> {
    if (!UUID.test(id)) {
      return null;
    }
    const rows = await this.dataSource.query<PublicOpportunity[]>(
      `SELECT ${PUBLIC_COLUMNS} FROM ${PUBLIC_FROM} WHERE o.id = $1 AND o.status = 'published'`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The partner feed: published opportunities changed after `updatedSince`, oldest change first. */
  async feed(options: { updatedSince?: Date; page: number; pageSize: number }): Promise<{
    rows: PublicOpportunity[];
    hasNext: boolean;
  }> {
    const rows = await this.dataSource.query<PublicOpportunity[]>(
      `SELECT ${PUBLIC_COLUMNS} FROM ${PUBLIC_FROM}
        WHERE o.status = 'published' AND ($1::timestamptz IS NULL OR o.updated_at > $1)
        ORDER BY o.updated_at, o.id LIMIT $2 OFFSET $3`,
      [options.updatedSince ?? null, options.pageSize + 1, (options.page - 1) * options.pageSize],
    );
    return { rows: rows.slice(0, options.pageSize), hasNext: rows.length > options.pageSize };
  }

  /**
   * Every published opportunity, batch by batch (id order), for the Engagement-Plattform upload;
   * audited as `opportunities.exported` (who, how, how many rows) once the last batch is read.
   */
  export(staff: AuthenticatedStaff, format: string): AsyncGenerator<PublicOpportunity[]> {
    const { dataSource, audit } = this;
    async function* batches(): AsyncGenerator<PublicOpportunity[]> {
      let after = '00000000-0000-0000-0000-000000000000';
      let count = 0;
      let complete = false;
      try {
        for (;;) {
          const batch = await dataSource.query<PublicOpportunity[]>(
            `SELECT ${PUBLIC_COLUMNS} FROM ${PUBLIC_FROM}
              WHERE o.status = 'published' AND o.id > $1 ORDER BY o.id LIMIT $2`,
            [after, EXPORT_BATCH],
          );
          count += batch.length;
          if (batch.length > 0) {
            yield batch;
            after = batch[batch.length - 1].id;
          }
          if (batch.length < EXPORT_BATCH) {
            complete = true;
            return;
          }
        }
      } finally {
        await audit.record({
          staffUserId: staff.id,
          action: 'opportunities.exported',
          entityType: 'opportunity',
          entityId: 'export',
          details: { format, rows: count, complete },
        });
      }
    }
    return batches();
  }
}
