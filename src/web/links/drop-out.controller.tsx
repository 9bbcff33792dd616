import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import type { MessageKey, Translator } from '../../i18n';
import {
  ANSWER_NOTE_MAX_LENGTH,
  DROP_OUT_REASONS,
  isDropOutReason,
  normaliseAnswerNote,
  type DropOutReason,
} from '../../matching/domain/volunteer-answers';
import { DropOutsService, type DropOutOutcome } from '../../matching/drop-outs.service';
import { AgencyProfileService } from '../../settings/agency-profile.service';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { renderPage } from '../shell/render';
import { sendHtml } from '../shell/send-html';
import { AnswerReasonFields, postedAnswer } from './answer-reason-fields';
import { pagePath } from './link-locale';
import { ConfirmFormPage, MessagePage } from './link-shell';
import { loadMatchLinkSubject, type MatchLinkSubject } from './match-link-subject';
import { SignedLinkPages } from './signed-link-pages';
import { requestWhen } from '../shell/schedule-text';

export const DROP_OUT_REASON_TEXT = {
  ill: 'links.dropOut.reason.ill',
  'no-time': 'links.dropOut.reason.no-time',
  personal: 'links.dropOut.reason.personal',
  other: 'links.dropOut.reason.other',
} as const satisfies Record<DropOutReason, MessageKey>;

const CHOICES = DROP_OUT_REASONS.map((value) => ({ value, label: DROP_OUT_REASON_TEXT[value] }));

const RESULT = {
  'dropped-out': [200, 'links.dropOut.done', 'links.dropOut.doneBody'],
  'already-dropped-out': [200, 'links.dropOut.already', 'links.dropOut.alreadyBody'],
  'not-applicable': [409, 'links.dropOut.notApplicable', 'links.dropOut.notApplicableBody'],
} as const satisfies Record<DropOutOutcome, readonly [number, MessageKey, MessageKey]>;

/**
 * "Ich kann doch nicht" from the volunteer's confirmation email: GET shows the assignment and asks
 * (with an optional reason), only the POST calls it off. A second click, an old link (revoked
 * links, 410) or a match no longer agreed change nothing.
 */
@ApiExcludeController()
@Controller('drop-outs')
export class DropOutLinkController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: SignedLinkPages,
    private readonly dropOuts: DropOutsService,
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
    if (opened.state !== 'open') {
      return this.links.refuse(request, response, opened);
    }
    const { t, subject: checked } = opened;
    if (checked.match.status === 'dropped-out') {
      return this.result(request, response, t, 'already-dropped-out');
    }
    if (checked.match.status !== 'accepted' || checked.request.status !== 'matched') {
      return this.result(request, response, t, 'not-applicable');
    }
    return this.form(request, response, t, checked, 200);
  }

  @Post(':token')
  async confirm(
    @Param('token') token: string,
    @Body() body: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const opened = await this.open(token, request);
    if (opened.state !== 'open') {
      return this.links.refuse(request, response, opened);
    }
    const { t, subject: checked } = opened;
    const posted = postedAnswer(body);
    const note = normaliseAnswerNote(posted.note);
    if (!note.ok) {
      return this.form(request, response, t, checked, 400, posted);
    }
    const outcome = await this.dropOuts.dropOut(
      checked.match.id,
      { reason: isDropOutReason(posted.reason) ? posted.reason : null, note: note.note },
      null,
    );
    return this.result(request, response, t, outcome);
  }

  private async form(
    request: Request,
    response: Response,
    t: Translator,
    { request: helpRequest }: MatchLinkSubject,
    status: number,
    values?: { reason?: string; note?: string },
  ): Promise<void> {
    sendHtml(
      response,
      status,
      renderPage(
        <ConfirmFormPage
          t={t}
          agency={await this.agencyProfile.get()}
          path={pagePath(request)}
          title={t.t('links.dropOut.title')}
          paragraphs={[t.t('links.dropOut.intro')]}
          button={t.t('links.dropOut.confirm')}
          fields={
            <AnswerReasonFields
              t={t}
              legend={t.t('links.dropOut.reasonLegend')}
              choices={CHOICES}
              noteLabel={t.t('links.dropOut.note', { max: ANSWER_NOTE_MAX_LENGTH })}
              values={values}
              noteError={values ? t.t('links.dropOut.noteTooLong', { max: ANSWER_NOTE_MAX_LENGTH }) : null}
            />
          }
        >
          <dl>
            <dt>{t.t('links.offer.what')}</dt>
            <dd>{this.taxonomy.label('categories', helpRequest.category, t)}</dd>
            <dt>{t.t('links.offer.where')}</dt>
            <dd>{helpRequest.district ?? helpRequest.postalCode}</dd>
            <dt>{t.t('links.offer.when')}</dt>
            <dd>{requestWhen(t, helpRequest)}</dd>
          </dl>
        </ConfirmFormPage>,
      ),
    );
  }

  private async result(
    request: Request,
    response: Response,
    t: Translator,
    outcome: keyof typeof RESULT,
  ): Promise<void> {
    const [status, title, body] = RESULT[outcome];
    sendHtml(
      response,
      status,
      renderPage(
        <MessagePage
          t={t}
          agency={await this.agencyProfile.get()}
          path={pagePath(request)}
          title={t.t(title)}
          body={t.t(body)}
        />,
      ),
    );
  }

  /** The link's match and request; an old link (links revoked since) or one past its time: the same page, 410. */
  private open(token: string, request: Request) {
    return this.links.open(request, { purpose: 'drop-out', token, expired: 'as-revoked' }, (claims) =>
      loadMatchLinkSubject(this.dataSource, claims),
    );
  }
}
