import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '../../config/config';
import type { Translator } from '../../i18n';
import { RetentionAnswersService } from '../../retention/retention-answers.service';
import { AgencyProfileService } from '../../settings/agency-profile.service';
import { isCurrentLinkVersion, verifyLinkToken } from '../../shared/signed-links';
import { renderPage } from '../shell/render';
import { sendHtml } from '../shell/send-html';
import { linkTranslator, pagePath } from './link-locale';
import { ConfirmFormPage, MessagePage } from './link-shell';

/**
 * "Would you like to stay?" from the retention email: GET asks (GET never acts), POST records the
 * answer, which starts the volunteer's inactivity period again. An erased person's link is dead.
 */
@ApiExcludeController()
@Controller('retention')
export class RetentionLinkController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly answers: RetentionAnswersService,
    private readonly agencyProfile: AgencyProfileService,
  ) {}

  @Get(':token')
  async show(
    @Param('token') token: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const checked = await this.check(token);
    const t = linkTranslator(request, checked?.locale);
    if (!checked) {
      return this.invalid(request, response, t);
    }
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
    const checked = await this.check(token);
    const t = linkTranslator(request, checked?.locale);
    if (!checked || (await this.answers.confirmStay(checked.volunteerId)) !== 'stayed') {
      return this.invalid(request, response, t);
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

  private async invalid(request: Request, response: Response, t: Translator): Promise<void> {
    sendHtml(
      response,
      400,
      renderPage(
        <MessagePage
          t={t}
          agency={await this.agencyProfile.get()}
          path={pagePath(request)}
          title={t.t('links.invalid.title')}
          body={t.t('links.invalid.body')}
        />,
      ),
    );
  }

  private async check(token: string): Promise<{ volunteerId: string; locale: string } | null> {
    const check = verifyLinkToken(this.config.LINK_SECRET, 'retention', token, new Date());
    if (!check.valid || check.claims.action !== 'stay') {
      return null;
    }
    const volunteerId = check.claims.subjectId;
    const answerer = await this.answers.answerer(volunteerId);
    // A link sent before the volunteer's links were revoked leads nowhere.
    return answerer && isCurrentLinkVersion(check.claims, answerer.linkVersion)
      ? { volunteerId, locale: answerer.locale }
      : null;
  }
}
