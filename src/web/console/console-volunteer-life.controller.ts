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
import { normaliseAnswerNote } from '../../matching/domain/volunteer-answers';
import { DropOutsService } from '../../matching/drop-outs.service';
import { RecordDropOutDto } from '../../matching/dto/drop-out.dto';
import { ConflictError, NotFoundError } from '../../shared/domain-error';
import type { AuthenticatedStaff } from '../../staff/staff-auth.service';
import { berlinDateOf } from '../../shared/berlin-time';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { AdvisoryInterviewsService } from '../../volunteers/advisory-interviews.service';
import { OpportunityFitService } from '../../fit/opportunity-fit.service';
import { FIT_CRITERIA } from '../../matching/domain/opportunity-fit';
import {
  INTERVIEW_MAX_OPPORTUNITIES,
  RecordInterviewWithPlacementsDto,
} from '../../placements/dto/interview-placements.dto';
import { InterviewPlacementsService } from '../../placements/interview-placements.service';
import { CreateVolunteerDto } from '../../volunteers/dto/create-volunteer.dto';
import { VolunteersService } from '../../volunteers/volunteers.service';
import { domainErrorAsProblem, formList, formNumber, formText, readForm } from '../forms/form-path';
import { parseAvailabilityLine } from './format';
import { labelsFor } from './pages/labels';
import {
  AdvisoryInterviewPage,
  RegisterVolunteerPage,
  type RegisterValues,
} from './pages/volunteer-onboarding.page';
import { parseLanguagesLine } from './pages/volunteers.page';
import { ConsoleAuthGuard, Staff, View } from './console-auth.guard';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { submitForm } from './forms';
import { RecordDropOutPage } from './pages/volunteer-life.page';
import { sendPage, type ConsoleView } from './view';
import { CRITERION_LABELS } from './pages/fit.page';
import type { InterviewOpportunityChoice } from './pages/interview-opportunities';
import { loadRequestVolunteerAnswers } from './volunteer-life.queries';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The posted form as typed, for showing it again with its problems (strings and lists only). */
function typed(body: Record<string, unknown>): RegisterValues {
  return Object.fromEntries(
    Object.entries(body)
      .filter(([key]) => key !== '_csrf')
      .map(([key, value]) => [
        key,
        typeof value === 'string'
          ? value
          : Array.isArray(value)
            ? value.filter((item): item is string => typeof item === 'string')
            : undefined,
      ]),
  );
}

/**
 * Volunteer life cycle in the console: staff record that an agreed volunteer dropped out, register
 * a volunteer after the intake conversation, record advisory interviews. Registered before the
 * volunteers' controller, so /console/volunteers/new is this page and not a volunteer's id.
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@Controller('console')
export class ConsoleVolunteerLifeController {
  constructor(
    // DataSource, not repositories: the console's read model (the request's volunteers and their answers).
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly dropOuts: DropOutsService,
    private readonly volunteers: VolunteersService,
    private readonly interviews: AdvisoryInterviewsService,
    private readonly taxonomy: TaxonomyService,
    private readonly fit: OpportunityFitService,
    private readonly interviewPlacements: InterviewPlacementsService,
  ) {}

  @Get('volunteers/new')
  registerForm(@View() view: ConsoleView, @Res() response: Response): void {
    this.sendRegister(response, 200, view, {}, []);
  }

  @Post('volunteers/new')
  async register(
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const { t } = view;
    const plain = {
      name: formText(body.name) ?? '',
      email: formText(body.email) ?? '',
      phone: formText(body.phone),
      postalCode: formText(body.postalCode) ?? '',
      maxTravelKm: formNumber(body.maxTravelKm),
      availability: parseAvailabilityLine(formText(body.availability) ?? ''),
      languages: parseLanguagesLine(formText(body.languages) ?? ''),
      skills: formList(body.skills),
      interests: formList(body.interests),
      birthDate: formText(body.birthDate),
      gender: formText(body.gender),
      locale: formText(body.locale),
      status: formText(body.status) ?? 'pending',
    };
    const outcome = await readForm(CreateVolunteerDto, plain, t);
    const problems: FieldError[] = outcome.ok ? [] : [...outcome.problems];
    // Consent is given orally in the conversation; without it nothing is stored.
    if (formText(body.consent) !== 'oral') {
      problems.push({ field: 'consent', message: t.t('console.onboarding.consentMissing') });
    }
    const certificateOn = formText(body.certificateInspectedOn);
    const today = berlinDateOf(new Date());
    if (certificateOn !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(certificateOn)) {
      problems.push({ field: 'certificateInspectedOn', message: t.t('validation.isCalendarDate') });
    } else if (certificateOn !== undefined && certificateOn > today) {
      problems.push({ field: 'certificateInspectedOn', message: t.t('console.onboarding.dateInFuture') });
    }
    if (plain.birthDate !== undefined && plain.birthDate > today) {
      problems.push({ field: 'birthDate', message: t.t('console.onboarding.dateInFuture') });
    }
    if (!outcome.ok || problems.length > 0) {
      return this.sendRegister(response, 400, view, typed(body), problems);
    }
    let id: string;
    try {
      // Registered pending, then activated: an activation by staff sends the welcome email.
      ({ id } = await this.volunteers.register({ ...outcome.dto, status: 'pending' }, staff));
    } catch (error) {
      const domain = domainErrorAsProblem(error, t);
      if (!domain) {
        throw error;
      }
      return this.sendRegister(response, 400, view, typed(body), domain);
    }
    if (certificateOn !== undefined) {
      await this.volunteers.recordCertificate(id, { inspectedOn: certificateOn }, staff);
    }
    if (outcome.dto.status === 'active') {
      await this.volunteers.changeStatus(id, 'active', staff);
    }
    response.redirect(303, `/console/volunteers/${id}?done=saved`);
  }

  @Get('volunteers/:id/advisory-interviews/new')
  async interviewForm(
    @Param('id', ParseUUIDPipe) id: string,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Query('q') q: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const query = typeof q === 'string' ? q.trim().slice(0, 100) : '';
    await this.sendInterview(response, 200, view, staff, id, { heldOn: berlinDateOf(new Date()) }, [], query);
  }

  @Post('volunteers/:id/advisory-interviews')
  async recordInterview(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const plain = {
      heldOn: formText(body.heldOn) ?? '',
      adviserStaffId: formText(body.adviserStaffId),
      motivation: formText(body.motivation),
      timeBudget: formText(body.timeBudget),
      mobility: formText(body.mobility),
      interests: formList(body.interests),
      nextSteps: formText(body.nextSteps),
      notes: formText(body.notes),
      opportunityIds: formList(body.opportunityIds),
    };
    let interviewId = '';
    await submitForm(response, {
      t: view.t,
      dtoClass: RecordInterviewWithPlacementsDto,
      plain,
      action: async (dto) => {
        interviewId = (await this.interviewPlacements.record(id, dto, staff)).id;
      },
      redirectTo: () => `/console/volunteers/${id}?done=saved#interview-${interviewId}`,
      showErrors: (problems) => this.sendInterview(response, 400, view, staff, id, typed(body), problems),
    });
  }

  private sendRegister(
    response: Response,
    status: number,
    view: ConsoleView,
    values: RegisterValues,
    problems: FieldError[],
  ): void {
    sendPage(response, status, RegisterVolunteerPage, {
      view,
      labels: labelsFor(this.taxonomy.taxonomy, view.t),
      values,
      problems,
    });
  }

  private async sendInterview(
    response: Response,
    status: number,
    view: ConsoleView,
    staff: AuthenticatedStaff,
    volunteerId: string,
    values: RegisterValues,
    problems: FieldError[],
    query = '',
  ): Promise<void> {
    const volunteer = await this.volunteers.get(volunteerId);
    const chosen = (
      Array.isArray(values.opportunityIds) ? values.opportunityIds : [values.opportunityIds ?? '']
    )
      .filter((value): value is string => typeof value === 'string' && UUID.test(value))
      .slice(0, INTERVIEW_MAX_OPPORTUNITIES);
    const advisers = await this.dataSource.query<{ id: string; name: string }[]>(
      `SELECT id, name FROM staff_user WHERE deactivated_at IS NULL OR id = $1 ORDER BY name LIMIT 200`,
      [staff.id],
    );
    sendPage(response, status, AdvisoryInterviewPage, {
      view,
      labels: labelsFor(this.taxonomy.taxonomy, view.t),
      volunteer: { id: volunteer.id, name: volunteer.name },
      advisers,
      defaultAdviserId: staff.id,
      values,
      problems,
      opportunities: {
        ranked: await this.rankedChoices(volunteerId),
        found: await this.foundChoices(query, chosen),
        query,
      },
    });
  }

  /** The volunteer's best fits among published opportunities, each with its strongest reason. */
  private async rankedChoices(volunteerId: string): Promise<InterviewOpportunityChoice[]> {
    const { ranked } = await this.fit.rankOpportunitiesForVolunteer(volunteerId, { limit: 8 });
    return ranked.map(({ opportunity, fit }) => {
      const strongest = FIT_CRITERIA.filter((c) => fit.breakdown[c].applicable).sort(
        (a, b) => fit.breakdown[b].points - fit.breakdown[a].points,
      )[0];
      return {
        id: opportunity.id,
        title: opportunity.title,
        providerName: opportunity.providerName,
        score: fit.score,
        why: strongest
          ? { criterionKey: CRITERION_LABELS[strongest], explanation: fit.breakdown[strongest].explanation }
          : null,
      };
    });
  }

  /** Published opportunities whose title matches the search, plus those already ticked (a form shown again). */
  private async foundChoices(query: string, chosen: string[]): Promise<InterviewOpportunityChoice[]> {
    if (query === '' && chosen.length === 0) {
      return [];
    }
    const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await this.dataSource.query<{ id: string; title: string; provider_name: string }[]>(
      `SELECT o.id, o.title, pr.name AS provider_name
         FROM opportunity o JOIN provider pr ON pr.id = o.provider_id
        WHERE o.status = 'published'
          AND (o.id = ANY($1::uuid[]) OR ($2 <> '' AND o.title ILIKE $3))
        ORDER BY o.id = ANY($1::uuid[]) DESC, o.title, o.id LIMIT 30`,
      [chosen, query, pattern],
    );
    return rows.map((row) => ({ id: row.id, title: row.title, providerName: row.provider_name }));
  }

  @Get('requests/:id/drop-out')
  async dropOutForm(
    @Param('id', ParseUUIDPipe) id: string,
    @View() view: ConsoleView,
    @Res() response: Response,
  ): Promise<void> {
    await this.sendDropOutForm(response, 200, view, id, [], {});
  }

  @Post('requests/:id/drop-out')
  async recordDropOut(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const values = { reason: formText(body.reason) ?? '', note: formText(body.note) ?? undefined };
    const accepted = await this.accepted(id);
    await submitForm(response, {
      t: view.t,
      dtoClass: RecordDropOutDto,
      plain: values,
      action: async (dto) => {
        const note = normaliseAnswerNote(dto.note);
        const outcome = await this.dropOuts.dropOut(
          accepted.matchId,
          { reason: dto.reason, note: note.ok ? note.note : null },
          staff,
        );
        if (outcome !== 'dropped-out') {
          throw new ConflictError('the volunteer has no agreed assignment for this request any more');
        }
      },
      redirectTo: `/console/requests/${id}?done=rematched`,
      showErrors: (problems) => this.sendDropOutForm(response, 400, view, id, problems, values),
    });
  }

  private async accepted(requestId: string): Promise<{ matchId: string; volunteerName: string }> {
    const { accepted } = await loadRequestVolunteerAnswers(this.dataSource.manager, requestId);
    if (!accepted) {
      throw new NotFoundError('agreed assignment of request', requestId);
    }
    return accepted;
  }

  private async sendDropOutForm(
    response: Response,
    status: number,
    view: ConsoleView,
    requestId: string,
    problems: FieldError[],
    values: { reason?: string; note?: string },
  ): Promise<void> {
    const accepted = await this.accepted(requestId);
    sendPage(response, status, RecordDropOutPage, {
      view,
      requestId,
      volunteerName: accepted.volunteerName,
      problems,
      values,
    });
  }
}
