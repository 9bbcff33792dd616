import { Body, Controller, Get, Ip, Param, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { isEmail } from 'class-validator';
import type { Request, Response } from 'express';
import { TooManySubmissionsError } from '../../abuse-protection/abuse-protection.service';
import type { MessageKey, Translator } from '../../i18n';
import { AgencyProfileService } from '../../settings/agency-profile.service';
import { ConflictError, DomainError } from '../../shared/domain-error';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { ConfirmFormPage, MessagePage } from '../links/link-shell';
import { linkTranslator, pagePath } from '../links/link-locale';
import { renderPage } from '../shell/render';
import { sendHtml } from '../shell/send-html';
import { RequestValidationError, type FieldError } from '../../common/validation';
import { checkOpportunityInput } from '../../opportunities/domain/opportunity-input';
import {
  OpportunitiesService,
  type OpportunityActor,
  type OpportunityInput,
} from '../../opportunities/opportunities.service';
import { PlacementSettingsService } from '../../settings/placement-settings.service';
import { berlinDateOf } from '../../shared/berlin-time';
import type { Provider } from '../../providers/provider.entity';
import { opportunityInputOfForm } from '../console/console-opportunities.controller';
import { formValuesOf, type OpportunityFormValues } from '../console/pages/opportunities.page';
import { domainErrorAsProblem, formText } from '../forms/form-path';
import { HOST_ERROR_WORDS, HostOpportunityFormPage, HostProjectFormPage } from './host-forms';
import {
  HOST_DECLINE_REASONS,
  HOST_MOVES,
  HostPageService,
  type HostDeclineReason,
  type HostMove,
} from './host-page.service';
import { sendHostLinkRequestPage, sendHostMessage, sendHostRefusal } from './host-answers';
import { HostLink, HostLinkInterceptor, type HostLinkHolder } from './host-link.interceptor';
import { HostPage, withLang } from './host-pages';

type PostedBody = Record<string, unknown> | undefined;
type HostActor = Extract<OpportunityActor, { kind: 'host' }>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OPPORTUNITY_ACTIONS = ['confirm', 'pause', 'resume'] as const;
type OpportunityAction = (typeof OPPORTUNITY_ACTIONS)[number];

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The posted form as typed (strings and lists of strings only, bounded), to show it again. */
function typed(body: PostedBody): OpportunityFormValues {
  const values: OpportunityFormValues = {};
  for (const [key, value] of Object.entries(body ?? {})) {
    if (key === '__proto__' || key === 'constructor' || key.length > 40) {
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

/** A problem's slot index mapped back to its form row. */
const toRow = (field: string, slotRows: number[]): string =>
  field.replace(
    /^timePattern\.slots\.(\d+)\./,
    (_, index: string) => `timePattern.slots.${slotRows[Number(index)] ?? index}.`,
  );

/** The pure check's problems (and the project choice), in the host's words, before any write. */
function precheck(t: Translator, input: OpportunityInput, slotRows: number[]): FieldError[] {
  const { projectId, newProjectTitle, ...fields } = input;
  const check = checkOpportunityInput(fields, berlinDateOf(new Date()));
  const problems: FieldError[] = check.ok
    ? []
    : check.problems.map((problem) => ({
        field: toRow(problem.field, slotRows),
        message: t.t(HOST_ERROR_WORDS[problem.code]),
      }));
  if (
    newProjectTitle !== undefined &&
    (typeof newProjectTitle !== 'string' || newProjectTitle.length < 2 || newProjectTitle.length > 120)
  ) {
    problems.push({ field: 'newProjectTitle', message: t.t('host.form.error.projectTitle') });
  }
  if (typeof projectId === 'string' && !UUID.test(projectId)) {
    problems.push({ field: 'projectId', message: t.t('host.form.error.invalid') });
  }
  return problems;
}

/** What the service refused as bad input, as field errors in the host's words; null for anything else. */
function serviceProblems(error: unknown, t: Translator): FieldError[] | null {
  if (error instanceof RequestValidationError) {
    return error.fieldErrors.map((problem) => ({
      field: problem.field,
      message: t.t('host.form.error.invalid'),
    }));
  }
  return domainErrorAsProblem(error, t);
}

/**
 * A host organisation's page behind its signed link (docs/hosts.md): its projects, opportunities
 * and proposed volunteers, no password. Every route resolves the provider from the token and acts
 * only on that provider's rows (404 otherwise); an expired or revoked link offers a new one.
 */
@ApiExcludeController()
@Controller('host')
export class HostController {
  constructor(
    private readonly host: HostPageService,
    private readonly opportunities: OpportunitiesService,
    private readonly placementSettings: PlacementSettingsService,
    private readonly agencyProfile: AgencyProfileService,
    private readonly taxonomy: TaxonomyService,
  ) {}

  @Get('link')
  async linkForm(@Req() request: Request, @Res() response: Response): Promise<void> {
    const t = linkTranslator(request);
    await this.requestPage(request, response, t, 200, 'host.link.title', 'host.link.body');
  }

  @Post('link')
  async sendLink(
    @Body() body: PostedBody,
    @Ip() ip: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const t = linkTranslator(request);
    const email = text(body?.email)?.trim() ?? '';
    if (!email || email.length > 254 || !isEmail(email)) {
      return this.requestPage(
        request,
        response,
        t,
        400,
        'host.link.title',
        'host.link.body',
        t.t('host.link.invalidEmail'),
      );
    }
    try {
      await this.host.requestLink(email, ip);
    } catch (error) {
      if (error instanceof TooManySubmissionsError) {
        return this.message(request, response, t, 429, 'host.link.tooManyTitle', 'host.link.tooManyBody');
      }
      throw error;
    }
    await this.message(request, response, t, 200, 'host.link.sentTitle', 'host.link.sentBody');
  }

  /** One-click from the review reminder: GET only shows (mail scanners prefetch), POST acts. */
  @Get('review/:token')
  async showReview(
    @Param('token') token: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const access = await this.reviewAccess(token, request, response);
    if (!access) {
      return;
    }
    const { t, opportunity, action } = access;
    const confirm = action === 'review-confirm';
    sendHtml(
      response,
      200,
      renderPage(
        <ConfirmFormPage
          t={t}
          agency={await this.agencyProfile.get()}
          path={pagePath(request)}
          title={t.t(confirm ? 'host.review.confirmTitle' : 'host.review.pauseTitle', {
            opportunity: opportunity.title,
          })}
          paragraphs={[t.t(confirm ? 'host.review.confirmBody' : 'host.review.pauseBody')]}
          button={t.t(confirm ? 'host.opportunity.confirm' : 'host.opportunity.pause')}
          secondary={!confirm}
          note={t.t('host.review.savedOnlyOnPress')}
        />,
      ),
    );
  }

  @Post('review/:token')
  async review(
    @Param('token') token: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const access = await this.reviewAccess(token, request, response);
    if (!access) {
      return;
    }
    const { t, opportunity, provider, action } = access;
    const actor: HostActor = { kind: 'host', providerId: provider.id };
    let status = opportunity.status;
    try {
      const changed =
        action === 'review-confirm'
          ? await this.opportunities.act(opportunity.id, 'confirm', actor)
          : opportunity.status === 'paused'
            ? opportunity
            : await this.opportunities.act(opportunity.id, 'pause', actor);
      status = changed.status;
    } catch (error) {
      if (error instanceof DomainError) {
        return this.message(request, response, t, 409, 'host.error.title', 'host.error.conflict');
      }
      throw error;
    }
    sendHtml(
      response,
      200,
      renderPage(
        <MessagePage
          t={t}
          agency={await this.agencyProfile.get()}
          path={pagePath(request)}
          title={t.t('host.review.done')}
          body={t.t('host.review.doneBody', {
            opportunity: opportunity.title,
            status: t.t(`host.status.${status}`),
          })}
        />,
      ),
    );
  }

  @Get(':token')
  @UseInterceptors(HostLinkInterceptor)
  async page(
    @Param('token') token: string,
    @HostLink() { provider, t }: HostLinkHolder,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const view = await this.host.page(provider);
    sendHtml(
      response,
      200,
      renderPage(
        <HostPage
          t={t}
          agency={await this.agencyProfile.get()}
          path={pagePath(request)}
          token={token}
          view={view}
          taxonomy={this.taxonomy}
          done={typeof request.query.done === 'string' ? request.query.done : null}
        />,
      ),
    );
  }

  // ---- the host's own opportunities and projects (through OpportunitiesService, actor host) ----

  @Get(':token/opportunities/new')
  @UseInterceptors(HostLinkInterceptor)
  async newOpportunityForm(
    @Param('token') token: string,
    @HostLink() { provider, t }: HostLinkHolder,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.opportunityForm(
      request,
      response,
      t,
      token,
      provider,
      200,
      { places: '1', timeKind: 'weekly' },
      [],
      undefined,
    );
  }

  @Post(':token/opportunities/new')
  @UseInterceptors(HostLinkInterceptor)
  async createOpportunity(
    @Param('token') token: string,
    @Body() body: PostedBody,
    @HostLink() { provider, t }: HostLinkHolder,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const values = typed(body);
    const { input, slotRows } = opportunityInputOfForm(body ?? {});
    const problems = precheck(t, input, slotRows);
    if (problems.length > 0) {
      return this.opportunityForm(request, response, t, token, provider, 400, values, problems, undefined);
    }
    const actor: HostActor = { kind: 'host', providerId: provider.id };
    try {
      const saved = await this.opportunities.create(provider.id, input, actor, {
        publish: formText(body?.submitAs) !== 'draft',
      });
      response.redirect(303, `${withLang(`/host/${token}`, t)}&done=${saved.status}#opportunity-${saved.id}`);
    } catch (error) {
      const domain = serviceProblems(error, t);
      if (!domain) {
        throw error;
      }
      return this.opportunityForm(request, response, t, token, provider, 400, values, domain, undefined);
    }
  }

  @Get(':token/opportunities/:id/edit')
  @UseInterceptors(HostLinkInterceptor)
  async editOpportunityForm(
    @Param('token') token: string,
    @Param('id') id: string,
    @HostLink() { provider, t }: HostLinkHolder,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const opportunity = await this.ownOpportunity(provider, id);
    if (!opportunity) {
      return this.notFound(request, response, t);
    }
    await this.opportunityForm(
      request,
      response,
      t,
      token,
      provider,
      200,
      formValuesOf(opportunity),
      [],
      opportunity,
    );
  }

  @Post(':token/opportunities/:id/edit')
  @UseInterceptors(HostLinkInterceptor)
  async updateOpportunity(
    @Param('token') token: string,
    @Param('id') id: string,
    @Body() body: PostedBody,
    @HostLink() { provider, t }: HostLinkHolder,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const opportunity = await this.ownOpportunity(provider, id);
    if (!opportunity) {
      return this.notFound(request, response, t);
    }
    const values = typed(body);
    const { input, slotRows } = opportunityInputOfForm(body ?? {});
    const problems = precheck(t, input, slotRows);
    if (problems.length > 0) {
      return this.opportunityForm(request, response, t, token, provider, 400, values, problems, opportunity);
    }
    try {
      const saved = await this.opportunities.update(id, input, { kind: 'host', providerId: provider.id });
      response.redirect(303, `${withLang(`/host/${token}`, t)}&done=${saved.status}#opportunity-${saved.id}`);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'conflict') {
        return this.message(request, response, t, 409, 'host.error.title', 'host.error.conflict');
      }
      const domain = serviceProblems(error, t);
      if (!domain) {
        throw error;
      }
      return this.opportunityForm(request, response, t, token, provider, 400, values, domain, opportunity);
    }
  }

  @Get(':token/projects/new')
  @UseInterceptors(HostLinkInterceptor)
  async newProjectForm(
    @Param('token') token: string,
    @HostLink() { t }: HostLinkHolder,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.projectForm(request, response, t, token, 200, { title: '', description: '' }, [], undefined);
  }

  @Post(':token/projects/new')
  @UseInterceptors(HostLinkInterceptor)
  async createProject(
    @Param('token') token: string,
    @Body() body: PostedBody,
    @HostLink() { provider, t }: HostLinkHolder,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.saveProject(request, response, t, token, body, undefined, (fields) =>
      this.opportunities.createProject(provider.id, fields, { kind: 'host', providerId: provider.id }),
    );
  }

  @Get(':token/projects/:id/edit')
  @UseInterceptors(HostLinkInterceptor)
  async editProjectForm(
    @Param('token') token: string,
    @Param('id') id: string,
    @HostLink() { provider, t }: HostLinkHolder,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const project = await this.ownProject(provider, id);
    if (!project) {
      return this.notFound(request, response, t);
    }
    await this.projectForm(
      request,
      response,
      t,
      token,
      200,
      { title: project.title, description: project.description ?? '' },
      [],
      project,
    );
  }

  @Post(':token/projects/:id/edit')
  @UseInterceptors(HostLinkInterceptor)
  async updateProject(
    @Param('token') token: string,
    @Param('id') id: string,
    @Body() body: PostedBody,
    @HostLink() { provider, t }: HostLinkHolder,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const project = await this.ownProject(provider, id);
    if (!project) {
      return this.notFound(request, response, t);
    }
    await this.saveProject(request, response, t, token, body, project, (fields) =>
      this.opportunities.updateProject(id, fields, { kind: 'host', providerId: provider.id }),
    );
  }

  @Post(':token/opportunities/:id/:action')
  @UseInterceptors(HostLinkInterceptor)
  async opportunityAction(
    @Param('token') token: string,
    @Param('id') id: string,
    @Param('action') action: string,
    @HostLink() { provider, t }: HostLinkHolder,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    if (!UUID.test(id) || !(OPPORTUNITY_ACTIONS as readonly string[]).includes(action)) {
      return this.notFound(request, response, t);
    }
    const actor: HostActor = { kind: 'host', providerId: provider.id };
    await this.act(request, response, t, token, async () => {
      switch (action as OpportunityAction) {
        case 'confirm':
          return this.opportunities.act(id, 'confirm', actor);
        case 'pause':
          return this.opportunities.act(id, 'pause', actor);
        case 'resume': {
          // "Wieder veröffentlichen" is for a paused offer only (publishing a draft is the form's).
          const current = await this.opportunities.get(id, actor);
          if (current.status !== 'paused') {
            throw new ConflictError(`a ${current.status} opportunity cannot be resumed`);
          }
          return this.opportunities.act(id, 'publish', actor);
        }
      }
    });
  }

  @Post(':token/placements/:id/stage')
  @UseInterceptors(HostLinkInterceptor)
  async placementStage(
    @Param('token') token: string,
    @Param('id') id: string,
    @Body() body: PostedBody,
    @HostLink() { provider, t }: HostLinkHolder,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    if (!UUID.test(id)) {
      return this.notFound(request, response, t);
    }
    const move = text(body?.move);
    const reason = text(body?.reason);
    const note = text(body?.note)?.trim().slice(0, 500) || null;
    if (!move || !(move in HOST_MOVES)) {
      return this.message(request, response, t, 400, 'host.error.title', 'host.error.move');
    }
    if (move === 'declined' && (!reason || !(HOST_DECLINE_REASONS as readonly string[]).includes(reason))) {
      return this.message(request, response, t, 400, 'host.error.title', 'host.error.reason');
    }
    if (move === 'declined' && reason === 'other' && !note) {
      return this.message(request, response, t, 400, 'host.error.title', 'host.error.note');
    }
    await this.act(request, response, t, token, () =>
      this.host.move(provider, id, move as HostMove, (reason as HostDeclineReason | null) ?? null, note),
    );
  }

  /** This provider's opportunity, or null (another host's, archived, malformed id: all "not found"). */
  private async ownOpportunity(provider: Provider, id: string) {
    if (!UUID.test(id)) {
      return null;
    }
    try {
      const opportunity = await this.opportunities.get(id, { kind: 'host', providerId: provider.id });
      return opportunity.status === 'archived' ? null : opportunity;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not-found') {
        return null;
      }
      throw error;
    }
  }

  private async ownProject(provider: Provider, id: string) {
    if (!UUID.test(id)) {
      return null;
    }
    try {
      return await this.opportunities.getProject(id, { kind: 'host', providerId: provider.id });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not-found') {
        return null;
      }
      throw error;
    }
  }

  private async opportunityForm(
    request: Request,
    response: Response,
    t: Translator,
    token: string,
    provider: Provider,
    status: number,
    values: OpportunityFormValues,
    problems: FieldError[],
    opportunity: { id: string; title: string } | undefined,
  ): Promise<void> {
    const [projects, settings, agency] = await Promise.all([
      this.opportunities.projectsOf(provider.id),
      this.placementSettings.get(),
      this.agencyProfile.get(),
    ]);
    sendHtml(
      response,
      status,
      renderPage(
        <HostOpportunityFormPage
          t={t}
          agency={agency}
          path={pagePath(request)}
          token={token}
          taxonomy={this.taxonomy}
          values={values}
          projects={projects}
          opportunity={opportunity ? { id: opportunity.id, title: opportunity.title } : undefined}
          problems={problems}
          reviewHostSubmissions={settings.reviewHostSubmissions}
        />,
      ),
    );
  }

  private async projectForm(
    request: Request,
    response: Response,
    t: Translator,
    token: string,
    status: number,
    values: { title: string; description: string },
    problems: FieldError[],
    project: { id: string; title: string } | undefined,
  ): Promise<void> {
    sendHtml(
      response,
      status,
      renderPage(
        <HostProjectFormPage
          t={t}
          agency={await this.agencyProfile.get()}
          path={pagePath(request)}
          token={token}
          values={values}
          project={project ? { id: project.id, title: project.title } : undefined}
          problems={problems}
        />,
      ),
    );
  }

  private async saveProject(
    request: Request,
    response: Response,
    t: Translator,
    token: string,
    body: PostedBody,
    project: { id: string; title: string } | undefined,
    save: (fields: { title: string; description: string | null }) => Promise<{ id: string }>,
  ): Promise<void> {
    const values = {
      title: (text(body?.title) ?? '').slice(0, 500),
      description: (text(body?.description) ?? '').slice(0, 5000),
    };
    const title = values.title.trim();
    const problems: FieldError[] = [];
    if (title.length < 2 || title.length > 120) {
      problems.push({ field: 'title', message: t.t('host.form.error.projectTitle') });
    }
    if (values.description.length > 2000) {
      problems.push({ field: 'description', message: t.t('host.form.error.too-long') });
    }
    if (problems.length > 0) {
      return this.projectForm(request, response, t, token, 400, values, problems, project);
    }
    try {
      const saved = await save({ title, description: values.description.trim() || null });
      response.redirect(303, `${withLang(`/host/${token}`, t)}&done=saved#project-${saved.id}`);
    } catch (error) {
      const domain = serviceProblems(error, t);
      if (!domain) {
        throw error;
      }
      return this.projectForm(request, response, t, token, 400, values, domain, project);
    }
  }

  /** Runs a host action, then back to the page (303); not found → 404, refused by the rules → 409. */
  private async act(
    request: Request,
    response: Response,
    t: Translator,
    token: string,
    work: () => Promise<unknown>,
  ): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (error instanceof DomainError) {
        return error.code === 'not-found'
          ? this.notFound(request, response, t)
          : this.message(request, response, t, 409, 'host.error.title', 'host.error.conflict');
      }
      throw error;
    }
    response.redirect(303, withLang(`/host/${token}`, t));
  }

  private async reviewAccess(token: string, request: Request, response: Response) {
    const access = await this.host.reviewAccess(token, new Date());
    if (access.kind === 'ok') {
      return { ...access, t: linkTranslator(request, access.provider.locale) };
    }
    sendHostRefusal(request, response, access, await this.agencyProfile.get());
    return null;
  }

  private async requestPage(
    request: Request,
    response: Response,
    t: Translator,
    status: number,
    title: MessageKey,
    body: MessageKey,
    error?: string,
  ): Promise<void> {
    const agency = await this.agencyProfile.get();
    sendHostLinkRequestPage(request, response, { status, t, agency, title, body, error });
  }

  private notFound(request: Request, response: Response, t: Translator): Promise<void> {
    return this.message(request, response, t, 404, 'host.notFound.title', 'host.notFound.body');
  }

  private async message(
    request: Request,
    response: Response,
    t: Translator,
    status: number,
    title: MessageKey,
    body: MessageKey,
  ): Promise<void> {
    sendHostMessage(request, response, { status, t, agency: await this.agencyProfile.get(), title, body });
  }
}
