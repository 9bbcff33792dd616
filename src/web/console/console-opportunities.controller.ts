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
import type { Response } from 'express';
import type { FieldError } from '../../common/validation';
import type { MessageKey, Translator } from '../../i18n';
import {
  checkOpportunityInput,
  OPPORTUNITY_ACTIONS,
  type OpportunityAction,
  type OpportunityProblem,
} from '../../opportunities/domain/opportunity-input';
import {
  OPPORTUNITY_FILTER_FIELDS,
  readOpportunityFilters,
} from '../../opportunities/domain/opportunity-search';
import { OpportunitiesService, type OpportunityInput } from '../../opportunities/opportunities.service';
import type { Opportunity } from '../../opportunities/opportunity.entity';
import { berlinDateOf } from '../../shared/berlin-time';
import type { AuthenticatedStaff } from '../../staff/staff-auth.service';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { domainErrorAsProblem, formCheckbox, formList, formNumber, formText } from '../forms/form-path';
import { ConsoleAuthGuard, Staff, View } from './console-auth.guard';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { labelsFor } from './pages/labels';
import {
  formValuesOf,
  OpportunityDetailPage,
  OpportunityFormPage,
  OpportunityListPage,
  WEEKLY_ROWS,
  type OpportunityFormValues,
} from './pages/opportunities.page';
import { sendPage, type ConsoleView } from './view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ERROR_WORDS: Record<OpportunityProblem['code'], MessageKey> = {
  required: 'opportunities.error.required',
  'too-short': 'opportunities.error.too-short',
  'too-long': 'opportunities.error.too-long',
  invalid: 'opportunities.error.invalid',
  'out-of-range': 'opportunities.error.out-of-range',
  'in-past': 'opportunities.error.in-past',
  'unknown-value': 'opportunities.error.unknown-value',
  'not-allowed': 'opportunities.error.not-allowed',
};

const firstText = (value: unknown): string => {
  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof first === 'string' ? first.slice(0, 200) : '';
};

/** The posted form as typed (strings and lists of strings only), to show it again. */
function typed(body: Record<string, unknown>): OpportunityFormValues {
  const values: OpportunityFormValues = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf' || key === '__proto__' || key === 'constructor') {
      continue;
    }
    if (typeof value === 'string') {
      values[key] = value.slice(0, 5000);
    } else if (Array.isArray(value)) {
      values[key] = value
        .filter((item): item is string => typeof item === 'string')
        .map((item) => item.slice(0, 200));
    }
  }
  return values;
}

/**
 * The posted form as the service's input, and which form row each weekly slot came from (so a
 * slot's problem lands beside its row).
 */
export function opportunityInputOfForm(body: Record<string, unknown>): {
  input: OpportunityInput;
  slotRows: number[];
} {
  const kind = formText(body.timeKind) ?? 'weekly';
  const slotRows: number[] = [];
  let timePattern: unknown;
  if (kind === 'weekly') {
    const slots: unknown[] = [];
    for (let i = 0; i < WEEKLY_ROWS; i += 1) {
      const weekday = formText(body[`weekday${i}`]);
      const start = formText(body[`slotStart${i}`]);
      const end = formText(body[`slotEnd${i}`]);
      if (weekday !== undefined || start !== undefined || end !== undefined) {
        slotRows.push(i);
        slots.push({ weekday: weekday === undefined ? undefined : Number(weekday), start, end });
      }
    }
    timePattern = { kind, slots };
  } else if (kind === 'flexible') {
    timePattern = {
      kind,
      ...(formText(body.hoursPerWeek) !== undefined ? { hoursPerWeek: formNumber(body.hoursPerWeek) } : {}),
      ...(formText(body.hoursPerMonth) !== undefined
        ? { hoursPerMonth: formNumber(body.hoursPerMonth) }
        : {}),
    };
  } else {
    timePattern = { kind, date: formText(body.date), start: formText(body.start), end: formText(body.end) };
  }
  const projectChoice = formText(body.projectId);
  const input: OpportunityInput = {
    title: formText(body.title),
    description: formText(body.description),
    tasks: formText(body.tasks),
    fieldsOfActivity: formList(body.fieldsOfActivity),
    remote: formCheckbox(body.remote),
    postalCode: formText(body.postalCode),
    streetAddress: formText(body.streetAddress),
    timePattern,
    minCommitmentMonths: formNumber(body.minCommitmentMonths),
    places: formNumber(body.places),
    requiresCertificate: formCheckbox(body.requiresCertificate),
    minimumAge: formNumber(body.minimumAge),
    languages: (formText(body.languages) ?? '')
      .split(/[\s,;]+/)
      .map((code) => code.trim().toLowerCase())
      .filter((code) => code !== ''),
    skills: formList(body.skills),
    forNewcomers: formCheckbox(body.forNewcomers),
    littleGermanOk: formCheckbox(body.littleGermanOk),
    accessible: formCheckbox(body.accessible),
    hostOffers: formList(body.hostOffers),
    contactName: formText(body.contactName),
    contactEmail: formText(body.contactEmail),
    contactPhone: formText(body.contactPhone),
  };
  if (projectChoice === 'new') {
    input.newProjectTitle = formText(body.newProjectTitle) ?? '';
  } else {
    input.projectId = projectChoice ?? null;
  }
  return { input, slotRows };
}

/** A problem's slot index mapped back to its form row. */
const toRow = (field: string, slotRows: number[]): string =>
  field.replace(
    /^timePattern\.slots\.(\d+)\./,
    (_, index: string) => `timePattern.slots.${slotRows[Number(index)] ?? index}.`,
  );

function localize(t: Translator, problems: OpportunityProblem[], slotRows: number[]): FieldError[] {
  return problems.map((problem) => ({
    field: toRow(problem.field, slotRows),
    message: t.t(ERROR_WORDS[problem.code]),
  }));
}

/**
 * Opportunities in the console: the list with filters, one form for new and edit, the page with
 * status actions and its placements. Writes go through OpportunitiesService (checked, audited).
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@Controller('console/opportunities')
export class ConsoleOpportunitiesController {
  constructor(
    private readonly opportunities: OpportunitiesService,
    private readonly taxonomy: TaxonomyService,
  ) {}

  @Get()
  async list(
    @View() view: ConsoleView,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const form = Object.fromEntries(
      OPPORTUNITY_FILTER_FIELDS.filter((field) => field !== 'page')
        .map((field) => [field, firstText(query[field])])
        .filter(([, value]) => value !== ''),
    ) as Record<string, string>;
    const { filters, problems } = readOpportunityFilters(query, (key) =>
      Object.hasOwn(this.taxonomy.taxonomy.fields, key),
    );
    const [districts, providers] = await Promise.all([
      this.opportunities.districtNames(),
      this.opportunities.providerChoices(),
    ]);
    const labels = labelsFor(this.taxonomy.taxonomy, view.t);
    const today = berlinDateOf(new Date());
    if (problems.length > 0) {
      sendPage(response, 400, OpportunityListPage, {
        view,
        labels,
        filters: { ...filters, page: 0 },
        form,
        districts,
        providers,
        rows: [],
        hasNext: false,
        today,
        problems: problems.map((problem) => ({
          field: problem.field,
          message: view.t.t('opportunities.list.unknownValue', { value: problem.value }),
        })),
      });
      return;
    }
    const { rows, hasNext } = await this.opportunities.search(filters);
    sendPage(response, 200, OpportunityListPage, {
      view,
      labels,
      filters,
      form,
      districts,
      providers,
      rows,
      hasNext,
      today,
    });
  }

  @Get('new')
  async newForm(
    @View() view: ConsoleView,
    @Res() response: Response,
    @Query('provider') provider?: string,
  ): Promise<void> {
    const providerId = typeof provider === 'string' && UUID.test(provider) ? provider : '';
    await this.sendForm(response, 200, view, { providerId, places: '1', timeKind: 'weekly' }, [], undefined);
  }

  @Post('new')
  async create(
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const { t } = view;
    const values = typed(body);
    const providerId = formText(body.providerId);
    const { input, slotRows } = opportunityInputOfForm(body);
    const problems = this.precheck(t, input, slotRows);
    if (providerId === undefined || !UUID.test(providerId)) {
      problems.unshift({ field: 'providerId', message: t.t('opportunities.error.providerRequired') });
    }
    if (problems.length > 0 || providerId === undefined) {
      return this.sendForm(response, 400, view, values, problems, undefined);
    }
    let saved: Opportunity;
    try {
      saved = await this.opportunities.create(
        providerId,
        input,
        { kind: 'staff', staff },
        { publish: formCheckbox(body.publish) },
      );
    } catch (error) {
      const domain = domainErrorAsProblem(error, t);
      if (!domain) {
        throw error;
      }
      return this.sendForm(response, 400, view, values, domain, undefined);
    }
    response.redirect(303, `/console/opportunities/${saved.id}?done=saved`);
  }

  @Get(':id')
  async detail(
    @Param('id', ParseUUIDPipe) id: string,
    @View() view: ConsoleView,
    @Res() response: Response,
    @Query('done') done?: string,
  ): Promise<void> {
    const opportunity = await this.opportunities.get(id);
    const notice =
      done === 'saved'
        ? view.t.t('opportunities.detail.saved')
        : done === 'status'
          ? view.t.t('opportunities.detail.done')
          : null;
    await this.sendDetail(response, 200, view, opportunity, notice, []);
  }

  @Get(':id/edit')
  async editForm(
    @Param('id', ParseUUIDPipe) id: string,
    @View() view: ConsoleView,
    @Res() response: Response,
  ): Promise<void> {
    const opportunity = await this.opportunities.get(id);
    await this.sendForm(response, 200, view, formValuesOf(opportunity), [], opportunity);
  }

  @Post(':id/edit')
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const { t } = view;
    const opportunity = await this.opportunities.get(id);
    const values = typed(body);
    const { input, slotRows } = opportunityInputOfForm(body);
    const problems = this.precheck(t, input, slotRows);
    if (problems.length > 0) {
      return this.sendForm(response, 400, view, values, problems, opportunity);
    }
    try {
      await this.opportunities.update(id, input, { kind: 'staff', staff });
    } catch (error) {
      const domain = domainErrorAsProblem(error, t);
      if (!domain) {
        throw error;
      }
      return this.sendForm(response, 400, view, values, domain, opportunity);
    }
    response.redirect(303, `/console/opportunities/${id}?done=saved`);
  }

  @Post(':id/actions')
  async act(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const { t } = view;
    const opportunity = await this.opportunities.get(id);
    const action = formText(body.action);
    const note = formText(body.note);
    const problems: FieldError[] = [];
    if (action === undefined || !(OPPORTUNITY_ACTIONS as readonly string[]).includes(action)) {
      problems.push({ field: 'note', message: t.t('opportunities.error.invalid') });
    } else if (action === 'reject' && note === undefined) {
      problems.push({ field: 'note', message: t.t('opportunities.error.required') });
    } else if (note !== undefined && note.length > 1000) {
      problems.push({ field: 'note', message: t.t('opportunities.error.too-long') });
    }
    if (problems.length > 0) {
      return this.sendDetail(response, 400, view, opportunity, null, problems);
    }
    // The ConsoleExceptionFilter shows a status that does not allow the action as a 409 page.
    await this.opportunities.act(id, action as OpportunityAction, { kind: 'staff', staff }, note ?? null);
    response.redirect(303, `/console/opportunities/${id}?done=status`);
  }

  /** The pure check's problems (and the new project's title), in the reader's words, before any write. */
  private precheck(t: Translator, input: OpportunityInput, slotRows: number[]): FieldError[] {
    const { projectId: _projectId, newProjectTitle, ...fields } = input;
    const check = checkOpportunityInput(fields, berlinDateOf(new Date()));
    const problems = check.ok ? [] : localize(t, check.problems, slotRows);
    if (
      newProjectTitle !== undefined &&
      (typeof newProjectTitle !== 'string' || newProjectTitle.length < 2 || newProjectTitle.length > 120)
    ) {
      problems.push({ field: 'newProjectTitle', message: t.t('opportunities.error.projectTitle') });
    }
    if (typeof input.projectId === 'string' && !UUID.test(input.projectId)) {
      problems.push({ field: 'projectId', message: t.t('opportunities.error.invalid') });
    }
    return problems;
  }

  private async sendForm(
    response: Response,
    status: number,
    view: ConsoleView,
    values: OpportunityFormValues,
    problems: FieldError[],
    opportunity: Opportunity | undefined,
  ): Promise<void> {
    const providerId =
      opportunity?.providerId ?? (typeof values.providerId === 'string' ? values.providerId : '');
    const [providers, projects] = await Promise.all([
      this.opportunities.providerChoices(),
      UUID.test(providerId) ? this.opportunities.projectsOf(providerId) : Promise.resolve([]),
    ]);
    sendPage(response, status, OpportunityFormPage, {
      view,
      labels: labelsFor(this.taxonomy.taxonomy, view.t),
      values,
      providers,
      projects,
      opportunity,
      problems,
    });
  }

  private async sendDetail(
    response: Response,
    status: number,
    view: ConsoleView,
    opportunity: Opportunity,
    notice: string | null,
    problems: FieldError[],
  ): Promise<void> {
    const [placements, providers, projects] = await Promise.all([
      this.opportunities.placementsOf(opportunity.id),
      this.opportunities.providerChoices(),
      this.opportunities.projectsOf(opportunity.providerId),
    ]);
    sendPage(response, status, OpportunityDetailPage, {
      view,
      labels: labelsFor(this.taxonomy.taxonomy, view.t),
      opportunity,
      providerName: providers.find((provider) => provider.id === opportunity.providerId)?.name ?? '',
      projectTitle: projects.find((project) => project.id === opportunity.projectId)?.title ?? null,
      placements,
      today: berlinDateOf(new Date()),
      notice,
      problems,
    });
  }
}
