import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { FieldError } from '../../common/validation';
import { OpportunityFitService } from '../../fit/opportunity-fit.service';
import { languageName } from '../../matching/domain/language-names';
import { PlacementStagesService } from '../../placements/placement-stages.service';
import { AgencyProfileService } from '../../settings/agency-profile.service';
import { AuditService } from '../../staff/audit.service';
import type { AuthenticatedStaff } from '../../staff/staff-auth.service';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { formList, formText } from '../forms/form-path';
import { ConsoleAuthGuard, Staff, View } from './console-auth.guard';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { CataloguePage, OpportunityFitPage, VolunteerFitPage, type CatalogueEntry } from './pages/fit.page';
import { labelsFor } from './pages/labels';
import { localized, sendPage, type ConsoleView } from './view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A shortlist is a handful; the whole catalogue is printed by field beyond this. */
const MAX_PICKED = 50;
const MAX_CATALOGUE = 500;

interface CatalogueRow extends Omit<CatalogueEntry, 'contactName' | 'contactEmail' | 'contactPhone'> {
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
}

/**
 * Opportunity fit in the console: the opportunities that fit a volunteer (propose → placements at
 * "advised", or print the shortlist), the volunteers who fit an opportunity (propose → placements
 * at "proposed"), and the printable "Katalog der Möglichkeiten".
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@Controller('console')
export class ConsoleFitController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly fit: OpportunityFitService,
    private readonly placements: PlacementStagesService,
    private readonly agency: AgencyProfileService,
    private readonly audit: AuditService,
    private readonly taxonomy: TaxonomyService,
  ) {}

  @Get('volunteers/:id/opportunities')
  async volunteerFit(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: Record<string, unknown>,
    @View() view: ConsoleView,
    @Res() response: Response,
  ): Promise<void> {
    const field = typeof query.field === 'string' && query.field !== '' ? query.field : null;
    const known = field === null || Object.hasOwn(this.taxonomy.taxonomy.fields, field);
    const problems: FieldError[] = known
      ? []
      : [{ field: 'field', message: view.t.t('fit.error.unknownField', { value: String(field) }) }];
    const notice =
      query.done === 'proposed'
        ? view.t.t('fit.volunteerPage.proposed', { count: Number(query.count) || 0 })
        : null;
    await this.sendVolunteerFit(
      response,
      known ? 200 : 400,
      view,
      id,
      known ? field : null,
      problems,
      notice,
    );
  }

  @Post('volunteers/:id/opportunities')
  async volunteerFitAction(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const intent = formText(body.intent);
    const ids = [...new Set(formList(body.ids))];
    const fail = (problem: FieldError) =>
      this.sendVolunteerFit(response, 400, view, id, null, [problem], null);
    if (intent !== 'propose' && intent !== 'catalogue') {
      return fail({ field: 'intent', message: view.t.t('fit.error.unknownIntent') });
    }
    if (ids.length === 0) {
      return fail({ field: 'ids', message: view.t.t('fit.error.nothingChosen') });
    }
    if (ids.length > MAX_PICKED || !ids.every((value) => UUID.test(value))) {
      return fail({ field: 'ids', message: view.t.t('fit.error.badIds') });
    }
    const open = await this.openOpportunities(ids);
    const closed = ids.find((value) => !open.has(value));
    if (closed !== undefined) {
      const title = (await this.titleOf(closed)) ?? closed;
      return fail({ field: 'ids', message: view.t.t('fit.error.notPublished', { title }) });
    }
    if (intent === 'catalogue') {
      response.redirect(303, `/console/catalogue?volunteer=${id}&ids=${ids.join(',')}`);
      return;
    }
    let count = 0;
    for (const opportunityId of ids) {
      const { created } = await this.placements.open({
        volunteerId: id,
        opportunityId,
        source: 'staff',
        stage: 'advised',
        staff,
      });
      count += created ? 1 : 0;
    }
    response.redirect(303, `/console/volunteers/${id}/opportunities?done=proposed&count=${count}`);
  }

  @Get('opportunities/:id/volunteers')
  async opportunityFit(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: Record<string, unknown>,
    @View() view: ConsoleView,
    @Res() response: Response,
  ): Promise<void> {
    const notice =
      query.done === 'proposed'
        ? view.t.t('fit.opportunityPage.proposed', { count: Number(query.count) || 0 })
        : null;
    await this.sendOpportunityFit(response, 200, view, id, [], notice);
  }

  @Post('opportunities/:id/volunteers')
  async opportunityFitAction(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const intent = formText(body.intent);
    const ids = [...new Set(formList(body.ids))];
    const fail = (problem: FieldError) => this.sendOpportunityFit(response, 400, view, id, [problem], null);
    if (intent !== 'propose') {
      return fail({ field: 'intent', message: view.t.t('fit.error.unknownIntent') });
    }
    if (ids.length === 0) {
      return fail({ field: 'ids', message: view.t.t('fit.error.nobodyChosen') });
    }
    if (ids.length > MAX_PICKED || !ids.every((value) => UUID.test(value))) {
      return fail({ field: 'ids', message: view.t.t('fit.error.badIds') });
    }
    const open = await this.openOpportunities([id]);
    if (!open.has(id)) {
      return fail({
        field: 'ids',
        message: view.t.t('fit.error.notPublished', { title: (await this.titleOf(id)) ?? id }),
      });
    }
    const known = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM volunteer WHERE id = ANY($1::uuid[]) AND erased_at IS NULL`,
      [ids],
    );
    if (known.length !== ids.length) {
      return fail({ field: 'ids', message: view.t.t('fit.error.badIds') });
    }
    let count = 0;
    for (const volunteerId of ids) {
      const { created } = await this.placements.open({
        volunteerId,
        opportunityId: id,
        source: 'staff',
        stage: 'proposed',
        staff,
      });
      count += created ? 1 : 0;
    }
    response.redirect(303, `/console/opportunities/${id}/volunteers?done=proposed&count=${count}`);
  }

  /**
   * `?volunteer=:id&ids=a,b,c` (that person's shortlist, audited), `?opportunity=:id` (one), or
   * `?field=KEY` / nothing (the whole published catalogue by field of activity, then title).
   */
  @Get('catalogue')
  async catalogue(
    @Query() query: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
    const volunteerId = text(query.volunteer);
    const opportunityId = text(query.opportunity);
    const field = text(query.field);
    const ids = (text(query.ids) ?? '').split(',').filter((value) => value !== '');
    const bad =
      (volunteerId !== null && (!UUID.test(volunteerId) || ids.length === 0)) ||
      (volunteerId === null && ids.length > 0) ||
      ids.length > MAX_PICKED ||
      !ids.every((value) => UUID.test(value)) ||
      (opportunityId !== null && !UUID.test(opportunityId)) ||
      (field !== null && !Object.hasOwn(this.taxonomy.taxonomy.fields, field)) ||
      [volunteerId, opportunityId, field].filter((value) => value !== null).length > 1;
    if (bad) {
      response.status(400).type('text/plain').send(view.t.t('fit.catalogue.badParams'));
      return;
    }
    let greetingName: string | null = null;
    let rows: CatalogueRow[];
    if (volunteerId !== null) {
      const [volunteer] = await this.dataSource.query<{ name: string }[]>(
        `SELECT name FROM volunteer WHERE id = $1 AND erased_at IS NULL`,
        [volunteerId],
      );
      if (!volunteer) {
        response.status(404).type('text/plain').send('volunteer not found');
        return;
      }
      greetingName = volunteer.name;
      rows = await this.catalogueRows(`o.id = ANY($1::uuid[])`, [ids], MAX_PICKED);
      const order = new Map(ids.map((value, index) => [value, index]));
      rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
      await this.audit.record({
        staffUserId: staff.id,
        action: 'fit.catalogue-printed',
        entityType: 'volunteer',
        entityId: volunteerId,
        details: { opportunityIds: rows.map((row) => row.id) },
      });
    } else if (opportunityId !== null) {
      rows = await this.catalogueRows(`o.id = $1`, [opportunityId], 1);
    } else if (field !== null) {
      rows = await this.catalogueRows(`o.fields_of_activity @> ARRAY[$1::text]`, [field], MAX_CATALOGUE + 1);
    } else {
      rows = await this.catalogueRows(`true`, [], MAX_CATALOGUE + 1);
    }
    const truncated = rows.length > MAX_CATALOGUE;
    const entries = rows.slice(0, MAX_CATALOGUE);
    const labels = labelsFor(this.taxonomy.taxonomy, view.t);
    const groups =
      greetingName !== null || opportunityId !== null
        ? [{ field: null, entries }]
        : groupByField(entries, field, labels.field);
    sendPage(response, 200, CataloguePage, {
      view,
      labels,
      agency: await this.agency.get(),
      greetingName,
      groups,
      truncatedAt: truncated ? MAX_CATALOGUE : null,
      languageName: (code: string) => {
        const name = languageName(code);
        return name !== null ? localized(view.t, name) : code;
      },
    });
  }

  private async catalogueRows(where: string, parameters: unknown[], limit: number): Promise<CatalogueRow[]> {
    return this.dataSource.query<CatalogueRow[]>(
      `SELECT o.id, o.title, o.description, o.tasks, o.fields_of_activity AS "fieldsOfActivity", pr.name AS "providerName",
              o.remote, o.street_address AS "streetAddress", o.postal_code AS "postalCode", o.district,
              o.time_pattern AS "timePattern", o.min_commitment_months AS "minCommitmentMonths", o.places,
              o.requires_certificate AS "requiresCertificate", o.minimum_age AS "minimumAge", o.languages, o.skills,
              o.for_newcomers AS "forNewcomers", o.little_german_ok AS "littleGermanOk", o.accessible,
              o.host_offers AS "hostOffers",
              coalesce(o.contact_name, pr.contact_person) AS "contactName",
              coalesce(o.contact_email, pr.email) AS "contactEmail",
              coalesce(o.contact_phone, pr.phone) AS "contactPhone"
         FROM opportunity o JOIN provider pr ON pr.id = o.provider_id
        WHERE o.status = 'published' AND ${where}
        ORDER BY (o.fields_of_activity)[1] NULLS LAST, o.title, o.id
        LIMIT ${limit}`,
      parameters,
    );
  }

  private async openOpportunities(ids: string[]): Promise<Set<string>> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT o.id FROM opportunity o
        WHERE o.id = ANY($1::uuid[]) AND o.status = 'published'
          AND o.places > (SELECT count(*) FROM placement s WHERE s.opportunity_id = o.id AND s.stage = 'started')`,
      [ids],
    );
    return new Set(rows.map((row) => row.id));
  }

  private async titleOf(id: string): Promise<string | null> {
    const rows = await this.dataSource.query<{ title: string }[]>(
      `SELECT title FROM opportunity WHERE id = $1`,
      [id],
    );
    return rows[0]?.title ?? null;
  }

  private async sendVolunteerFit(
    response: Response,
    status: number,
    view: ConsoleView,
    id: string,
    field: string | null,
    problems: FieldError[],
    notice: string | null,
  ): Promise<void> {
    const result = await this.fit.rankOpportunitiesForVolunteer(id, { limit: 30, field });
    sendPage(response, status, VolunteerFitPage, {
      view,
      labels: labelsFor(this.taxonomy.taxonomy, view.t),
      result,
      field,
      problems,
      notice,
    });
  }

  private async sendOpportunityFit(
    response: Response,
    status: number,
    view: ConsoleView,
    id: string,
    problems: FieldError[],
    notice: string | null,
  ): Promise<void> {
    const result = await this.fit.rankVolunteersForOpportunity(id, {});
    sendPage(response, status, OpportunityFitPage, {
      view,
      labels: labelsFor(this.taxonomy.taxonomy, view.t),
      result,
      problems,
      notice,
    });
  }
}

/** The whole catalogue: by the opportunity's first field (or the asked one), sorted by its label, then title. */
function groupByField(
  entries: CatalogueEntry[],
  field: string | null,
  label: (key: string) => string,
): { field: string | null; entries: CatalogueEntry[] }[] {
  const groups = new Map<string | null, CatalogueEntry[]>();
  for (const entry of entries) {
    const key = field ?? entry.fieldsOfActivity[0] ?? null;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : label(a).localeCompare(label(b), 'de')))
    .map(([key, list]) => ({
      field: key,
      entries: list.sort((x, y) => x.title.localeCompare(y.title, 'de') || (x.id < y.id ? -1 : 1)),
    }));
}
