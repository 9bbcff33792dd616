import { Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import {
  confirmFormPage,
  INVALID_LINK,
  messagePage,
  SAVED_ONLY_ON_PRESS,
  sendPage,
} from '../common/link-pages';
import { verifyLinkToken } from '../shared/signed-links';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Volunteer } from '../volunteers/volunteer.entity';
import { MatchDecisionsService } from './match-decisions.service';
import { FOLLOW_UP_OUTCOMES, Match, type FollowUpOutcome } from './match.entity';

const TEXT = {
  de: {
    question: 'Ihre Rückmeldung speichern?',
    answers: {
      'went-well': 'Hat stattgefunden, lief gut',
      problems: 'Hat stattgefunden, es gab Probleme',
      'did-not-happen': 'Hat nicht stattgefunden',
    },
    save: 'Rückmeldung speichern',
    yourAnswer: 'Ihre Antwort:',
    thanks: 'Danke für Ihre Rückmeldung!',
    thanksBody: 'Wir haben sie gespeichert. Wenn es Probleme gab, meldet sich die Agentur bei Ihnen.',
    already: 'Ihre Rückmeldung haben wir schon.',
    alreadyBody: 'Sie müssen nichts weiter tun. Danke!',
    notApplicable: 'Zu diesem Einsatz ist keine Rückmeldung mehr möglich.',
    notApplicableBody: 'Bei Fragen melden Sie sich bitte bei der Agentur.',
  },
  en: {
    question: 'Save your answer?',
    answers: {
      'went-well': 'It happened and went well',
      problems: 'It happened, there were problems',
      'did-not-happen': 'It did not happen',
    },
    save: 'Save my answer',
    yourAnswer: 'Your answer:',
    thanks: 'Thank you for letting us know!',
    thanksBody: 'We have saved it. If there were problems, the agency will get in touch.',
    already: 'We already have your answer.',
    alreadyBody: 'There is nothing more to do. Thank you!',
    notApplicable: 'This assignment can no longer be answered.',
    notApplicableBody: 'If you have questions, please contact the agency.',
  },
} as const;

/** "Did it happen, how did it go?" from the follow-up email: GET shows the answer, POST records it on the match. */
@ApiExcludeController()
@Controller('follow-ups')
export class FollowUpController {
  constructor(
    // DataSource, not repositories: Read model: the follow-up page reads the match and its volunteer.
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly decisions: MatchDecisionsService,
  ) {}

  @Get(':token')
  async show(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const checked = await this.check(token);
    if (!checked) {
      return sendPage(response, 400, messagePage('de', INVALID_LINK.de[0], INVALID_LINK.de[1]));
    }
    const t = TEXT[checked.locale];
    sendPage(
      response,
      200,
      confirmFormPage({
        lang: checked.locale,
        title: t.question,
        paragraphs: [`${t.yourAnswer} ${t.answers[checked.outcome]}`],
        postPath: `/follow-ups/${encodeURIComponent(token)}`,
        button: t.save,
        note: SAVED_ONLY_ON_PRESS[checked.locale],
      }),
    );
  }

  @Post(':token')
  async record(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const checked = await this.check(token);
    if (!checked) {
      return sendPage(response, 400, messagePage('de', INVALID_LINK.de[0], INVALID_LINK.de[1]));
    }
    const t = TEXT[checked.locale];
    const result = await this.decisions.recordFollowUp(checked.matchId, checked.outcome);
    const [status, title, body] = {
      recorded: [200, t.thanks, t.thanksBody] as const,
      'already-recorded': [200, t.already, t.alreadyBody] as const,
      'not-applicable': [409, t.notApplicable, t.notApplicableBody] as const,
    }[result];
    sendPage(response, status, messagePage(checked.locale, title, body));
  }

  private async check(
    token: string,
  ): Promise<{ matchId: string; outcome: FollowUpOutcome; locale: 'de' | 'en' } | null> {
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
    return {
      matchId: match.id,
      outcome: check.claims.action as FollowUpOutcome,
      // The link pages exist in German and English until they move to the catalogue (web/links).
      locale: volunteer.locale === 'de' ? 'de' : 'en',
    };
  }
}
