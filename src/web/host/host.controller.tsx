import { sendMessagePage } from '../links/send-message-page';
import { Body, Controller, Get, Inject, Ip, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { isEmail } from 'class-validator';
import type { Request, Response } from 'express';
import { TooManySubmissionsError } from '../../abuse-protection/abuse-protection.service';
import type { MessageKey, Translator } from '../../i18n';
import { AgencyProfileService } from '../../settings/agency-profile.service';
import { DomainError } from '../../shared/domain-error';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { ConfirmFormPage, MessagePage } from '../links/link-shell';
import { linkTranslator, pagePath } from '../links/link-locale';
import { renderPage } from '../shell/render';
import { sendHtml } from '../shell/send-html';
import {
  HOST_OPPORTUNITY_WRITES,
  type HostActor,
  type HostOpportunityWrites,
} from './host-opportunity-writes';
import {
  HOST_DECLINE_REASONS,
  HOST_MOVES,
  HostPageService,
  type HostAccess,
  type HostDeclineReason,
  type HostMove,
} from './host-page.service';
import { HostLinkRequestPage, HostPage, withLang } from './host-pages';

type PostedBody = Record<string, unknown> | undefined;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OPPORTUNITY_ACTIONS = ['confirm', 'pause', 'resume'] as const;
type OpportunityAction = (typeof OPPORTUNITY_ACTIONS)[number];

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

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
    @Inject(HOST_OPPORTUNITY_WRITES) private readonly opportunities: HostOpportunityWrites,
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
          ? await this.opportunities.confirmCurrent(actor, opportunity.id, new Date())
          : opportunity.status === 'paused'
            ? opportunity
            : await this.opportunities.pause(actor, opportunity.id, new Date());
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
  async page(
    @Param('token') token: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const provider = await this.resolve(token, request, response);
    if (!provider) {
      return;
    }
    const t = linkTranslator(request, provider.locale);
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
        />,
      ),
    );
  }

  @Post(':token/opportunities/:id/:action')
  async opportunityAction(
    @Param('token') token: string,
    @Param('id') id: string,
    @Param('action') action: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const provider = await this.resolve(token, request, response);
    if (!provider) {
      return;
    }
    const t = linkTranslator(request, provider.locale);
    if (!UUID.test(id) || !(OPPORTUNITY_ACTIONS as readonly string[]).includes(action)) {
      return this.notFound(request, response, t);
    }
    const actor: HostActor = { kind: 'host', providerId: provider.id };
    const now = new Date();
    await this.act(request, response, t, token, () => {
      switch (action as OpportunityAction) {
        case 'confirm':
          return this.opportunities.confirmCurrent(actor, id, now);
        case 'pause':
          return this.opportunities.pause(actor, id, now);
        case 'resume':
          return this.opportunities.resume(actor, id, now);
      }
    });
  }

  @Post(':token/placements/:id/stage')
  async placementStage(
    @Param('token') token: string,
    @Param('id') id: string,
    @Body() body: PostedBody,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const provider = await this.resolve(token, request, response);
    if (!provider) {
      return;
    }
    const t = linkTranslator(request, provider.locale);
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
    await this.refuse(access, request, response);
    return null;
  }

  /** The token's provider, or the page that says why not (already sent). */
  private async resolve(token: string, request: Request, response: Response) {
    const access = await this.host.access(token, new Date());
    if (access.kind === 'ok') {
      return access.provider;
    }
    await this.refuse(access, request, response);
    return null;
  }

  private async refuse(
    access: Exclude<HostAccess, { kind: 'ok' }>,
    request: Request,
    response: Response,
  ): Promise<void> {
    if (access.kind === 'not-found') {
      return this.notFound(request, response, linkTranslator(request));
    }
    const t = linkTranslator(request, access.locale);
    await this.requestPage(
      request,
      response,
      t,
      410,
      access.kind === 'expired' ? 'host.expired.title' : 'host.revoked.title',
      access.kind === 'expired' ? 'host.expired.body' : 'host.revoked.body',
    );
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
    sendHtml(
      response,
      status,
      renderPage(
        <HostLinkRequestPage
          t={t}
          agency={await this.agencyProfile.get()}
          path={pagePath(request)}
          title={t.t(title)}
          body={t.t(body)}
          error={error ?? null}
        />,
      ),
    );
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
    sendMessagePage(
      request,
      response,
      { status, t, agency: await this.agencyProfile.get(), title, body },
      <p>
        <a href={withLang('/host/link', t)}>{t.t('host.link.title')}</a>
      </p>,
    );
  }
}
