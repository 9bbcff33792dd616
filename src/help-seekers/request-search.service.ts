import { DistrictNames } from '../common/district-names';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { summariseExclusions } from '../matching/domain';
import type { RequestSchedule } from '../shared/schedule';
import { NotFoundError } from '../shared/domain-error';
import { AuditService } from '../staff/audit.service';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { helpSeekerSearchSql, HELP_SEEKER_PAGE_SIZE, readHelpSeekerQuery } from './domain/help-seeker-search';
import {
  parseRequestFilters,
  REQUEST_PAGE_SIZE,
  requestSearchSql,
  type FilterProblem,
  type RequestFilters,
  type RequestSort,
  type RequestStatusFilter,
} from './domain/request-search';
import type { MatchingSummary } from './help-request.entity';

/** A row of the requests list (console page and API). */
export interface RequestListRow {
  id: string;
  category: string;
  description: string;
  district: string | null;
  postalCode: string;
  status: string;
  urgency: string;
  source: string;
  neededLanguage: string | null;
  schedule: RequestSchedule;
  startsAt: Date | null;
  createdAt: Date;
  statusChangedAt: Date;
  matchingSummary: MatchingSummary | null;
  outcome: string | null;
  helpSeekerId: string | null;
  helpSeekerName: string | null;
  callBack: boolean;
  offerExpiresAt: Date | null;
}

export interface HelpSeekerListRow {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  postalCode: string;
  preferredContact: string;
  createdAt: Date;
  requests: number;
}

export interface HelpSeekerProfile {
  id: string;
  name: string;
  salutation: string;
  phone: string | null;
  email: string | null;
  streetAddress: string | null;
  postalCode: string;
  preferredContact: string;
  preferredLanguage: string;
  /** Only with a recorded, not withdrawn consent to health data; otherwise empty. */
  accessibilityNeeds: string[];
  /** For the statistics; staff only, never volunteers or hosts. */
  priorityGroups: string[];
  healthDataConsent: boolean;
  contactPersonName: string | null;
  contactPersonRelationship: string | null;
  contactPersonPhone: string | null;
  createdAt: Date;
  consents: {
    purpose: string;
    mode: string;
    givenAt: Date;
    withdrawnAt: Date | null;
    recordedBy: string | null;
  }[];
  requests: {
    id: string;
    category: string;
    status: string;
    outcome: string | null;
    source: string;
    createdAt: Date;
    startsAt: Date | null;
    closedAt: Date | null;
  }[];
}

/**
 * Finding requests and help-seekers, for the console and the staff API alike: the filters are read
 * and checked once (domain/request-search.ts), the SQL is built once, and a profile read is audited.
 */
@Injectable()
export class RequestSearchService {
  private readonly districts: DistrictNames;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly taxonomy: TaxonomyService,
    private readonly audit: AuditService,
  ) {
    this.districts = new DistrictNames(dataSource, 'help_request');
  }

  /** Reads and checks the filters: unknown categories and districts are named, not ignored. */
  async readFilters(
    query: Record<string, unknown>,
    defaults: { status?: RequestStatusFilter; sort?: RequestSort } = {},
  ): Promise<{ filters: RequestFilters; problems: FilterProblem[] }> {
    const districts = await this.districtNames();
    const asked = typeof query.district === 'string' ? query.district.trim() : '';
    const known =
      asked && !districts.some((name) => name.toLowerCase() === asked.toLowerCase())
        ? [...districts, ...(await this.postalCodeDistrict(asked))]
        : districts;
    return parseRequestFilters(
      query,
      { categories: Object.keys(this.taxonomy.taxonomy.categories), districts: known },
      defaults,
    );
  }

  async searchRequests(
    filters: RequestFilters,
    limit = REQUEST_PAGE_SIZE,
  ): Promise<{ rows: RequestListRow[]; hasNext: boolean }> {
    const { sql, params } = requestSearchSql(filters, limit);
    const rows = await this.dataSource.query<RequestListRow[]>(sql, params);
    return { rows: rows.slice(0, limit), hasNext: rows.length > limit };
  }

  /** The API's summary of a list row: no contact data (open the request or the profile for that). */
  summary(row: RequestListRow) {
    return {
      id: row.id,
      category: row.category,
      district: row.district,
      postalCode: row.postalCode,
      schedule: row.schedule,
      startsAt: row.startsAt,
      urgency: row.urgency,
      status: row.status,
      source: row.source,
      callBack: row.callBack,
      neededLanguage: row.neededLanguage,
      createdAt: row.createdAt,
      statusChangedAt: row.statusChangedAt,
      offerExpiresAt: row.offerExpiresAt,
      helpSeekerId: row.helpSeekerId,
      matchingSummary: row.matchingSummary,
      exclusionSummary: row.matchingSummary ? summariseExclusions(row.matchingSummary) : [],
    };
  }

  async searchHelpSeekers(
    q: unknown,
    page: number,
    limit = HELP_SEEKER_PAGE_SIZE,
  ): Promise<{ rows: HelpSeekerListRow[]; hasNext: boolean }> {
    const { sql, params } = helpSeekerSearchSql(readHelpSeekerQuery(q), page, limit);
    const rows = await this.dataSource.query<HelpSeekerListRow[]>(sql, params);
    return { rows: rows.slice(0, limit), hasNext: rows.length > limit };
  }

  /** Everything staff see of a person on one page; the read is audited (help-seeker.viewed). */
  async profile(id: string, reader: AuthenticatedStaff): Promise<HelpSeekerProfile> {
    const [seeker] = await this.dataSource.query<Omit<HelpSeekerProfile, 'consents' | 'requests'>[]>(
      `SELECT id, name, salutation, phone, email, street_address AS "streetAddress", postal_code AS "postalCode",
              preferred_contact AS "preferredContact", preferred_language AS "preferredLanguage",
              accessibility_needs AS "accessibilityNeeds", priority_groups AS "priorityGroups",
              contact_person_name AS "contactPersonName",
              contact_person_relationship AS "contactPersonRelationship",
              contact_person_phone AS "contactPersonPhone", created_at AS "createdAt"
         FROM help_seeker WHERE id = $1`,
      [id],
    );
    if (!seeker) {
      throw new NotFoundError('help-seeker', id);
    }
    await this.audit.record({
      staffUserId: reader.id,
      action: 'help-seeker.viewed',
      entityType: 'help-seeker',
      entityId: id,
    });
    const [consents, requests] = await Promise.all([
      this.dataSource.query<HelpSeekerProfile['consents']>(
        `SELECT c.purpose, c.mode, c.given_at AS "givenAt", c.withdrawn_at AS "withdrawnAt", s.name AS "recordedBy"
           FROM consent_record c LEFT JOIN staff_user s ON s.id = c.recorded_by_staff_id
          WHERE c.subject_type = 'help-seeker' AND c.subject_id = $1 ORDER BY c.given_at`,
        [id],
      ),
      this.dataSource.query<HelpSeekerProfile['requests']>(
        `SELECT id, category, status, outcome, source, created_at AS "createdAt", starts_at AS "startsAt",
                closed_at AS "closedAt"
           FROM help_request WHERE help_seeker_id = $1 ORDER BY created_at DESC LIMIT 200`,
        [id],
      ),
    ]);
    const healthDataConsent = consents.some(
      (consent) => consent.purpose === 'health-data' && consent.withdrawnAt === null,
    );
    return {
      ...seeker,
      accessibilityNeeds: healthDataConsent ? seeker.accessibilityNeeds : [],
      healthDataConsent,
      consents,
      requests,
    };
  }

  /** The districts requests come from, for the filter; they change rarely, so a short cache. */
  async districtNames(): Promise<string[]> {
    return this.districts.get();
  }

  /** A district no request has come from yet, but a real one (from the postal codes). */
  private async postalCodeDistrict(name: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ district: string }[]>(
      `SELECT district FROM postal_code WHERE lower(district) = lower($1) LIMIT 1`,
      [name.slice(0, 120)],
    );
    return rows.map((row) => row.district);
  }
}
