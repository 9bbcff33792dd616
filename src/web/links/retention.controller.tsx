import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RetentionAnswersService } from '../../retention/retention-answers.service';
import { AgencyProfileService } from '../../settings/agency-profile.service';
import { renderPage } from '../shell/render';
import { sendHtml } from '../shell/send-html';
import { linkTranslator, pagePath } from './link-locale';
import { ConfirmFormPage, MessagePage } from './link-shell';
import { SignedLinkPages } from './signed-link-pages';

/**
 * "Would you like to stay?" from the retention email: GET asks (GET never acts), POST records the
 * answer, which starts the volunteer's inactivity period again. An erased person's link is dead.
 */
@ApiExcludeController()
@Controller('retention')
export class RetentionLinkController {
  constructor(
    private readonly links: SignedLinkPages,
    private readonly answers: RetentionAnswersService,
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
    const { t } = opened;
    sendHtml(
      response,
      200,
      renderPage(
        <ConfirmFormPage
          t={t}
          agency={await this.agencyProfile.get()}
          path={pagePath(request)}
          title={t.t('links.retention.title')}
          paragraphs={[t.t('links.retention.question')]}
          button={t.t('links.retention.stay')}
        />,
      ),
    );
  }

  @Post(':token')
  async stay(
    @Param('token') token: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const opened = await this.open(token, request);
    if (opened.state !== 'open') {
      return this.links.refuse(request, response, opened);
    }
    const { t } = opened;
    if ((await this.answers.confirmStay(opened.subject)) !== 'stayed') {
      return this.links.refuse(request, response, { state: 'invalid', t });
    }
    sendHtml(
      response,
      200,
      renderPage(
        <MessagePage
          t={t}
          agency={await this.agencyProfile.get()}
          path={pagePath(request)}
          title={t.t('links.retention.stayed')}
          body={t.t('links.retention.stayedBody')}
        />,
      ),
    );
  }

  /** The volunteer asked (the only action: stay); an expired or revoked link leads nowhere (400). */
  private async open(token: string, request: Request) {
    const opened = await this.links.open(
      request,
      { purpose: 'retention', token, actions: ['stay'] },
      async (claims) => {
        const answerer = await this.answers.answerer(claims.subjectId);
        return answerer ? { subject: claims.subjectId, holder: answerer } : null;
      },
    );
    return opened.state === 'revoked' ? ({ state: 'invalid', t: linkTranslator(request) } as const) : opened;
  }
}
