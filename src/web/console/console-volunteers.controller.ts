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
import { AuditService } from '../../staff/audit.service';
import type { AuthenticatedStaff } from '../../staff/staff-auth.service';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { RecordCertificateDto, UpdateVolunteerDto } from '../../volunteers/dto/create-volunteer.dto';
import { VolunteersService } from '../../volunteers/volunteers.service';
import { AdvisoryInterviewsService } from '../../volunteers/advisory-interviews.service';
import { loadInterviewLedTo } from './interview-placements.queries';
import { ConsoleAuthGuard, Staff, View } from './console-auth.guard';
import { noticeOf } from './console.controller';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { parseAvailabilityLine } from './format';
import { submitForm } from './forms';
import { formList, formNumber, formText } from '../forms/form-path';
import { labelsFor } from './pages/labels';
import {
  parseLanguagesLine,
  VolunteerListPage,
  VolunteerPage,
  type VolunteerHistoryRow,
} from './pages/volunteers.page';
import { VolunteerSearchService } from '../../volunteers/volunteer-search.service';
import { streamVolunteerCsv } from './volunteer-export';
import { ASSIGNMENTS_SHOWN, loadVolunteerAssignments } from './volunteer-assignments.queries';
import { HoursService } from '../../hours/hours.service';
import { loadVolunteerHours } from './console-hours.controller';
import { sendPage, type ConsoleView } from './view';
import { loadVolunteerPlacements } from './volunteer-placements.queries';

@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@Controller('console/volunteers')
export class ConsoleVolunteersController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly volunteers: VolunteersService,
    private readonly search: VolunteerSearchService,
    private readonly taxonomy: TaxonomyService,
    private readonly audit: AuditService,
    private readonly interviews: AdvisoryInterviewsService,
    private readonly hours: HoursService,
  ) {}

  @Get()
  async list(
    @View() view: ConsoleView,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const [outcome, districts] = await Promise.all([
      this.search.search(query, new Date()),
      this.search.districtNames(),
    ]);
    const labels = labelsFor(this.taxonomy.taxonomy, view.t);
    sendPage(response, outcome.ok ? 200 : 400, VolunteerListPage, {
      view,
      labels,
      filters: outcome.filters,
      rows: outcome.ok ? outcome.rows : [],
      hasNext: outcome.ok && outcome.hasNext,
      districts,
      query,
      unknown: outcome.ok ? [] : outcome.unknown,
    });
  }

  /** The search result (every page) as CSV for spreadsheets; audited with the filters and the row count. */
  @Get('export.csv')
  async export(
    @View() view: ConsoleView,
    @Query() query: Record<string, unknown>,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const { separator, ...filterQuery } = query;
    const { filters, unknown } = await this.search.parse(filterQuery);
    if (
      unknown.length > 0 ||
      (separator !== undefined && separator !== 'comma' && separator !== 'semicolon')
    ) {
      // The list with its message; nothing is exported.
      await this.list(view, filterQuery, response);
      return;
    }
    const labels = labelsFor(this.taxonomy.taxonomy, view.t);
    const batches = await this.search.export(filters, staff, new Date(), 'csv');
    await streamVolunteerCsv(response, view.t, labels, batches, separator === 'comma' ? ',' : ';');
  }

  @Get(':id')
  async profile(
    @Param('id', ParseUUIDPipe) id: string,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
    @Query('done') done?: string,
    @Query('assignments') assignments?: string,
  ): Promise<void> {
    await this.sendProfile(response, 200, view, id, [], noticeOf(view, done), staff, Number(assignments));
  }

  @Post(':id')
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const plain = {
      name: formText(body.name) ?? '',
      phone: formText(body.phone),
      postalCode: formText(body.postalCode) ?? '',
      maxTravelKm: formNumber(body.maxTravelKm),
      skills: formList(body.skills),
      languages: parseLanguagesLine(formText(body.languages) ?? ''),
      availability: parseAvailabilityLine(formText(body.availability) ?? ''),
      status: formText(body.status),
      birthDate: formText(body.birthDate),
      // The form always sends it: "not given" clears it.
      gender: formText(body.gender) ?? null,
    };
    await this.save(view, id, response, UpdateVolunteerDto, plain, (dto) =>
      this.volunteers.update(id, dto, staff),
    );
  }

  /** Pause until a return date (the volunteer is "away" and not asked), or end the pause. */
  @Post(':id/pause')
  async pause(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const awayUntil = typeof body.awayUntil === 'string' && body.awayUntil !== '' ? body.awayUntil : null;
    await this.save(view, id, response, UpdateVolunteerDto, { awayUntil }, (dto) =>
      this.volunteers.update(id, dto, staff),
    );
  }

  @Post(':id/certificate')
  async certificate(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    await this.save(view, id, response, RecordCertificateDto, { inspectedOn: body.inspectedOn }, (dto) =>
      this.volunteers.recordCertificate(id, dto, staff),
    );
  }

  /** Every link sent to the volunteer so far is refused from now on (audited in the service). */
  @Post(':id/revoke-links')
  async revokeLinks(
    @Param('id', ParseUUIDPipe) id: string,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    await this.volunteers.revokeLinks(id, staff);
    response.redirect(303, `/console/volunteers/${id}?done=links-revoked`);
  }

  /** Validate with the API's DTO, call the service, redirect (PRG); or show the profile with its errors. */
  private save<T extends object>(
    view: ConsoleView,
    id: string,
    response: Response,
    dtoClass: new () => T,
    plain: Record<string, unknown>,
    action: (dto: T) => Promise<unknown>,
  ): Promise<void> {
    return submitForm(response, {
      t: view.t,
      dtoClass,
      plain,
      action,
      redirectTo: `/console/volunteers/${id}?done=saved`,
      showErrors: (problems) => this.sendProfile(response, 400, view, id, problems, null),
    });
  }

  private async sendProfile(
    response: Response,
    status: number,
    view: ConsoleView,
    id: string,
    problems: FieldError[],
    notice: string | null,
    reader?: AuthenticatedStaff,
    assignmentsShown = ASSIGNMENTS_SHOWN,
  ): Promise<void> {
    const volunteer = await this.volunteers.get(id);
    if (reader) {
      // A read of a volunteer's profile (contact, birth date, certificate) is audited like a help-seeker's.
      await this.audit.record({
        staffUserId: reader.id,
        action: 'volunteer.viewed',
        entityType: 'volunteer',
        entityId: id,
      });
    }
    const history = await this.dataSource.query<VolunteerHistoryRow[]>(
      `SELECT r.id AS "requestId", r.category, r.district, m.status, m.score, m.created_at AS "createdAt"
         FROM match m JOIN help_request r ON r.id = m.request_id
        WHERE m.volunteer_id = $1 ORDER BY m.created_at DESC LIMIT 100`,
      [id],
    );
    sendPage(response, status, VolunteerPage, {
      view,
      labels: labelsFor(this.taxonomy.taxonomy, view.t),
      volunteer,
      history,
      problems,
      notice,
      assignments: await loadVolunteerAssignments(this.dataSource.manager, id, assignmentsShown, new Date()),
      // The profile read is audited above; the interviews are part of it.
      interviews: await this.interviews.list(id, null),
      interviewLedTo: await loadInterviewLedTo(this.dataSource.manager, id),
      placements: await loadVolunteerPlacements(this.dataSource.manager, id),
      hours: await loadVolunteerHours(this.hours, id),
    });
  }
}
