import { DistrictNames } from '../common/district-names';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { berlinDateOf } from '../shared/berlin-time';
import { mondayOf, weekInstants } from '../shared/iso-week';
import type { LanguageSkill } from '../shared/volunteer-profile';
import { MatchingSettingsService } from '../settings/matching-settings.service';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import {
  parseVolunteerFilters,
  VOLUNTEER_PAGE_SIZE,
  volunteerSearchSql,
  type KnownFilterValues,
  type UnknownFilterValue,
  type VolunteerFilters,
} from './volunteer-search';

export {
  CERTIFICATE_FILTERS,
  VOLUNTEER_FILTER_KEYS,
  VOLUNTEER_PAGE_SIZE,
  volunteerFiltersQuery,
  type UnknownFilterValue,
  type VolunteerFilters,
} from './volunteer-search';

const EXPORT_BATCH = 500;

/** A row of the volunteer search read model. */
export interface VolunteerSearchRow {
  id: string;
  name: string;
  email: string;
  district: string | null;
  status: string;
  skills: string[];
  languageCodes: string[];
  certificateInspectedOn: string | null;
  awayUntil: string | null;
}

/** A row of the CSV export: what staff need to reach and plan with a volunteer, no more. */
export interface VolunteerExportRow extends VolunteerSearchRow {
  phone: string | null;
  postalCode: string;
  interests: string[];
  languages: LanguageSkill[];
}

export type VolunteerSearchOutcome =
  | { ok: true; filters: VolunteerFilters; rows: VolunteerSearchRow[]; hasNext: boolean }
  | { ok: false; filters: VolunteerFilters; unknown: UnknownFilterValue[] };

/** The staff's volunteer search: filters checked against what exists, the page, the export (audited). */
@Injectable()
export class VolunteerSearchService {
  private readonly districts: DistrictNames;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly taxonomy: TaxonomyService,
    private readonly settings: MatchingSettingsService,
    private readonly audit: AuditService,
  ) {
    this.districts = new DistrictNames(dataSource, 'volunteer');
  }

  /** The filters of a query string, and the values among them that name nothing known. */
  async parse(
    query: Record<string, unknown>,
  ): Promise<{ filters: VolunteerFilters; unknown: UnknownFilterValue[] }> {
    const parsed = parseVolunteerFilters(query, await this.known());
    if (parsed.unknown.some((value) => value.field === 'district')) {
      // A district that appeared in the last minutes is not in the cached list yet.
      return parseVolunteerFilters(query, await this.known(true));
    }
    return parsed;
  }

  /** One page of the list (`limit` rows from `page`), or the unknown values when there are any. */
  async search(
    query: Record<string, unknown>,
    now: Date,
    limit = VOLUNTEER_PAGE_SIZE,
  ): Promise<VolunteerSearchOutcome> {
    const { filters, unknown } = await this.parse(query);
    if (unknown.length > 0) {
      return { ok: false, filters, unknown };
    }
    const { sql, params } = volunteerSearchSql(filters, {
      ...(await this.options(filters, now)),
      pageSize: limit,
    });
    const rows = await this.dataSource.query<VolunteerSearchRow[]>(sql, params);
    return { ok: true, filters, rows: rows.slice(0, limit), hasNext: rows.length > limit };
  }

  /**
   * Every row the filters find (not only a page), batch by batch in name order; the export is
   * audited first (who, which filters), the row count once the last batch is read.
   */
  async export(
    filters: VolunteerFilters,
    staff: AuthenticatedStaff,
    now: Date,
    format: string,
  ): Promise<AsyncGenerator<VolunteerExportRow[]>> {
    const options = await this.options(filters, now);
    const filter = Object.fromEntries(
      Object.entries({ ...filters, page: undefined })
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => [key, String(value)]),
    );
    const audit = this.audit;
    const dataSource = this.dataSource;
    async function* batches(): AsyncGenerator<VolunteerExportRow[]> {
      let after: { name: string; id: string } | undefined;
      let count = 0;
      let complete = false;
      try {
        for (;;) {
          const { sql, params } = volunteerSearchSql(filters, {
            ...options,
            after,
            limit: EXPORT_BATCH,
            columns: 'export',
          });
          const batch = await dataSource.query<VolunteerExportRow[]>(sql, params);
          count += batch.length;
          if (batch.length > 0) {
            yield batch;
          }
          if (batch.length < EXPORT_BATCH) {
            complete = true;
            return;
          }
          after = { name: batch[batch.length - 1].name, id: batch[batch.length - 1].id };
        }
      } finally {
        // Audited also when the download broke off: what left the database counts.
        await audit.record({
          staffUserId: staff.id,
          action: 'volunteers.exported',
          entityType: 'volunteer',
          entityId: 'export',
          details: { filter, rows: count, complete, format },
        });
      }
    }
    return batches();
  }

  private async options(filters: VolunteerFilters, now: Date) {
    const { policy } = await this.settings.get();
    return {
      // A filter on a skill also finds its more specific skills ("Begleitung" finds "Begleitung zum Arzt").
      skills: filters.skill ? this.skillWithChildren(filters.skill) : [],
      certificateValidityYears: policy.certificateValidityYears,
      week: weekInstants(mondayOf(berlinDateOf(now))),
    };
  }

  private skillWithChildren(skill: string): string[] {
    const children = Object.entries(this.taxonomy.taxonomy.skills)
      .filter(([, definition]) => definition.parent === skill)
      .map(([key]) => key);
    return [skill, ...children];
  }

  private async known(fresh = false): Promise<KnownFilterValues> {
    return {
      skills: Object.keys(this.taxonomy.taxonomy.skills),
      fields: Object.keys(this.taxonomy.taxonomy.fields),
      districts: await this.districtNames(fresh),
    };
  }

  /** The districts volunteers live in, for the filter; they change rarely, so a short cache. */
  async districtNames(fresh = false): Promise<string[]> {
    return this.districts.get(fresh);
  }
}
