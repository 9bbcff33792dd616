import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/config';
import type { Translator } from '../../i18n';
import { MatchDecisionsService } from '../../matching/match-decisions.service';
import { FOLLOW_UP_OUTCOMES, Match, type FollowUpOutcome } from '../../matching/match.entity';
import { AgencyProfileService } from '../../settings/agency-profile.service';
import { isCurrentLinkVersion, verifyLinkToken } from '../../shared/signed-links';
import { Volunteer } from '../../volunteers/volunteer.entity';
import { renderPage } from '../shell/render';
import { sendHtml } from '../shell/send-html';
import { linkTranslator, pagePath } from './link-locale';
import { ConfirmFormPage, MessagePage, REVOKED_LINK_STATUS, RevokedLinkPage } from './link-shell';

const ANSWER_TEXT = {
  'went-well': 'links.followUp.wentWell',
  problems: 'links.followUp.problems',
  'did-not-happen': 'links.followUp.didNotHappen',
} as const satisfies Record<FollowUpOutcome, string>;

const RESULT = {
  recorded: [200, 'links.followUp.thanks', 'links.followUp.thanksBody'],
  'already-recorded': [200, 'links.followUp.already', 'links.followUp.alreadyBody'],
  'not-applicable': [409, 'links.followUp.notApplicable', 'links.followUp.notApplicableBody'],
} as const;

/** "Did it happen, how did it go?" from the follow-up email: GET shows the answer, POST records it on the match. */
@ApiExcludeController()
@Controller('follow-ups')
export class FollowUpController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly decisions: MatchDecisionsService,
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
    const agency = await this.agencyProfile.get();
    if (!checked) {
      return this.invalid(request, response, t);
    }
    if (checked.revoked) {
      return sendHtml(
        response,
        REVOKED_LINK_STATUS,
        renderPage(
          <RevokedLinkPage t={t} agency={await this.agencyProfile.get()} path={pagePath(request)} />,
        ),
      );
    }
    sendHtml(
      response,
      200,
      renderPage(
        <ConfirmFormPage
          t={t}
          agency={agency}
          path={pagePath(request)}
          title={t.t('links.followUp.question')}
          paragraphs={[t.t('links.followUp.yourAnswer', { answer: t.t(ANSWER_TEXT[checked.outcome]) })]}
          button={t.t('links.followUp.save')}
        />,
      ),
    );
  }

  @Post(':token')
  async record(
    @Param('token') token: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const checked = await this.check(token);
    const t = linkTranslator(request, checked?.locale);
    if (!checked) {
      return this.invalid(request, response, t);
    }
    if (checked.revoked) {
      return sendHtml(
        response,
        REVOKED_LINK_STATUS,
        renderPage(
          <RevokedLinkPage t={t} agency={await this.agencyProfile.get()} path={pagePath(request)} />,
        ),
      );
    }
    const result = await this.decisions.recordFollowUp(checked.matchId, checked.outcome);
    const [status, title, body] = RESULT[result];
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

  private async check(
    token: string,
  ): Promise<{ matchId: string; outcome: FollowUpOutcome; locale: string; revoked: boolean } | null> {
    const check = verifyLinkToken(this.config.LINK_SECRET, 'follow-up', token, new Date());
    if (!check.valid || !(FOLLOW_UP_OUTCOMES as readonly string[]).includes(check.claims.action)) {
      return null;
    }
    const match = await this.dataSource.getRepository(Match).findOneBy({ id: check.claims.subjectId });
    if (!match) {
      return null;
    }
    const volunteer = await this.dataSource
      .getRepository(Volunteer)
      .findOneByOrFail({ id: match.volunteerId });
    // An erased person's links lead nowhere, follow-ups included.
    if (volunteer.erasedAt !== null) {
      return null;
    }
    return {
      matchId: match.id,
      outcome: check.claims.action as FollowUpOutcome,
      locale: volunteer.locale,
      // Sent before the volunteer's links were revoked.
      revoked: !isCurrentLinkVersion(check.claims, volunteer.linkVersion),
    };
  }
}
