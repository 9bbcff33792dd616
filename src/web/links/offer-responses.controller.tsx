import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { volunteerText } from '../shell/volunteer-text';
import type { Translator } from '../../i18n';
import { MatchDecisionsService, mayAccept } from '../../matching/match-decisions.service';
import { OFFER_ACTIONS, type OfferAction } from '../../shared/offer-links';
import { AgencyProfileService } from '../../settings/agency-profile.service';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { renderPage } from '../shell/render';
import { sendHtml } from '../shell/send-html';
import { pagePath } from './link-locale';
import { loadMatchLinkSubject } from './match-link-subject';
import { SignedLinkPages } from './signed-link-pages';
import {
  OfferConfirmationPage,
  OfferOutcomePage,
  type OfferSummary,
  type OutcomePageKind,
} from './offer-pages';
import { formatWhen } from '../shell/schedule-text';
import { firstAssignmentDate } from '../../notifications/domain/send-schedule';
import { postedAnswer } from './answer-reason-fields';
import {
  ANSWER_NOTE_MAX_LENGTH,
  isDeclineReason,
  normaliseAnswerNote,
} from '../../matching/domain/volunteer-answers';

const OUTCOME_STATUS = {
  accepted: 200,
  declined: 200,
  'already-answered': 200,
  'no-longer-open': 409,
  'volunteer-not-active': 409,
  expired: 410,
  invalid: 400,
} as const;

/**
 * The volunteer's side of an offer email. GET only shows a page, because mail scanners open links;
 * the POST from that page decides. Every answer is a readable page, never an error response.
 */
@ApiExcludeController()
@Controller('offers')
export class OfferResponsesController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: SignedLinkPages,
    private readonly decisions: MatchDecisionsService,
    private readonly taxonomy: TaxonomyService,
    private readonly agencyProfile: AgencyProfileService,
  ) {}

  @Get(':token')
  async show(
    @Param('token') token: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const opened = await this.open(token, request);
    if (opened.state === 'invalid') {
      return this.outcome(request, response, opened.t, 'invalid');
    }
    if (opened.state === 'revoked') {
      return this.links.refuse(request, response, opened);
    }
    const { t, subject: loaded } = opened;
    const action = opened.claims.action as OfferAction;
    const { match } = loaded;
    if (['accepted', 'declined'].includes(match.status)) {
      return this.outcome(request, response, t, 'already-answered');
    }
    if (!['approved', 'offered'].includes(match.status)) {
      return this.outcome(request, response, t, 'no-longer-open');
    }
    if (opened.state === 'open' && action === 'accept' && !mayAccept(loaded.volunteer)) {
      return this.outcome(request, response, t, 'volunteer-not-active');
    }
    // The stored deadline decides, as in the POST; the token's expiry is only its upper bound.
    if (opened.state === 'expired' || (match.offerExpiresAt && match.offerExpiresAt <= new Date())) {
      return this.outcome(request, response, t, 'expired');
    }
    const category = this.taxonomy.label('categories', loaded.request.category, t);
    const offer: OfferSummary = {
      category,
      district: loaded.request.district ?? loaded.request.postalCode,
      when: formatWhen(t, loaded.request.schedule, firstAssignmentDate(loaded.request.schedule, new Date())),
      details: volunteerText(t, loaded.request, category),
    };
    sendHtml(
      response,
      200,
      renderPage(
        <OfferConfirmationPage
          t={t}
          agency={await this.agencyProfile.get()}
          path={pagePath(request)}
          action={action}
          offer={offer}
        />,
      ),
    );
  }

  @Post(':token')
  async answer(
    @Param('token') token: string,
    @Body() body: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const opened = await this.open(token, request);
    if (opened.state === 'invalid') {
      return this.outcome(request, response, opened.t, 'invalid');
    }
    if (opened.state === 'revoked') {
      return this.links.refuse(request, response, opened);
    }
    const { t, claims } = opened;
    if (opened.state === 'expired') {
      return this.outcome(request, response, t, 'expired');
    }
    // A decline may say why (optional); an over-long note is cut to the limit rather than lost.
    const posted = postedAnswer(body);
    const note = normaliseAnswerNote(posted.note?.slice(0, ANSWER_NOTE_MAX_LENGTH));
    const outcome = await this.decisions.respond(claims.subjectId, claims.action as OfferAction, new Date(), {
      reason: isDeclineReason(posted.reason) ? posted.reason : null,
      note: note.ok ? note.note : null,
    });
    return this.outcome(request, response, t, outcome);
  }

  private async outcome(
    request: Request,
    response: Response,
    t: Translator,
    outcome: OutcomePageKind,
  ): Promise<void> {
    sendHtml(
      response,
      OUTCOME_STATUS[outcome],
      renderPage(
        <OfferOutcomePage
          t={t}
          agency={await this.agencyProfile.get()}
          path={pagePath(request)}
          outcome={outcome}
        />,
      ),
    );
  }

  /**
   * The offer's match, request and volunteer. An expired link is kept: the stored deadline decides,
   * and the page says that the offer ran out. An offer link sent before the volunteer's links were
   * revoked answers nothing.
   */
  private open(token: string, request: Request) {
    return this.links.open(
      request,
      { purpose: 'offer', token, actions: OFFER_ACTIONS, expired: 'keep' },
      (claims) => loadMatchLinkSubject(this.dataSource, claims),
    );
  }
}
