import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { MatchDecisionsService } from '../../matching/match-decisions.service';
import { FOLLOW_UP_OUTCOMES, Match, type FollowUpOutcome } from '../../matching/match.entity';
import { AgencyProfileService } from '../../settings/agency-profile.service';
import { Volunteer } from '../../volunteers/volunteer.entity';
import { renderPage } from '../shell/render';
import { sendHtml } from '../shell/send-html';
import { pagePath } from './link-locale';
import { ConfirmFormPage, MessagePage } from './link-shell';
import { SignedLinkPages } from './signed-link-pages';

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
    private readonly links: SignedLinkPages,
    private readonly decisions: MatchDecisionsService,
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
    const { t, claims } = opened;
    sendHtml(
      response,
      200,
      renderPage(
        <ConfirmFormPage
          t={t}
          agency={await this.agencyProfile.get()}
          path={pagePath(request)}
          title={t.t('links.followUp.question')}
          paragraphs={[
            t.t('links.followUp.yourAnswer', { answer: t.t(ANSWER_TEXT[claims.action as FollowUpOutcome]) }),
          ]}
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
    const opened = await this.open(token, request);
    if (opened.state !== 'open') {
      return this.links.refuse(request, response, opened);
    }
    const { t } = opened;
    const result = await this.decisions.recordFollowUp(
      opened.subject.id,
      opened.claims.action as FollowUpOutcome,
    );
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

  /** The link's match (its action is the answer); an expired link is invalid. */
  private open(token: string, request: Request) {
    return this.links.open(
      request,
      { purpose: 'follow-up', token, actions: FOLLOW_UP_OUTCOMES },
      async (claims) => {
        const match = await this.dataSource.getRepository(Match).findOneBy({ id: claims.subjectId });
        if (!match) {
          return null;
        }
        const volunteer = await this.dataSource
          .getRepository(Volunteer)
          .findOneByOrFail({ id: match.volunteerId });
        // An erased person's links lead nowhere, follow-ups included.
        return volunteer.erasedAt === null ? { subject: match, holder: volunteer } : null;
      },
    );
  }
}
