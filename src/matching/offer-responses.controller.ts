import { Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { sendPage } from '../common/link-pages';
import { APP_CONFIG, AppConfig } from '../config/config';
import { HelpRequest } from '../help-seekers/help-request.entity';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { Volunteer } from '../volunteers/volunteer.entity';
import { formatScheduleDe, formatScheduleEn } from '../shared/schedule';
import { MatchDecisionsService } from './match-decisions.service';
import { Match } from './match.entity';
import { verifyOfferToken } from '../shared/offer-links';
import { OfferSummary, confirmationPage, outcomePage } from './offer-pages';

const OUTCOME_STATUS = {
  accepted: 200,
  declined: 200,
  'already-answered': 200,
  'no-longer-open': 409,
  expired: 410,
} as const;

/**
 * The volunteer's side of an offer email. GET only shows a page, because mail scanners open links;
 * the POST from that page decides. Every answer is a readable page, never an error response.
 */
@ApiExcludeController()
@Controller('offers')
export class OfferResponsesController {
  constructor(
    // DataSource, not repositories: Read model: the offer page shows the match with its request and volunteer.
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly decisions: MatchDecisionsService,
    private readonly taxonomy: TaxonomyService,
  ) {}

  @Get(':token')
  async show(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const check = verifyOfferToken(this.config.LINK_SECRET, token, new Date());
    const loaded = check.valid || check.reason === 'expired' ? await this.load(check.claims.matchId) : null;
    if (!loaded) {
      return sendPage(response, 400, outcomePage('de', 'invalid'));
    }
    const { match, locale, offer } = loaded;
    if (['accepted', 'declined'].includes(match.status)) {
      return sendPage(response, 200, outcomePage(locale, 'already-answered'));
    }
    if (!['approved', 'offered'].includes(match.status)) {
      return sendPage(response, 409, outcomePage(locale, 'no-longer-open'));
    }
    // The stored deadline decides, as in the POST; the token's expiry is only its upper bound.
    if (!check.valid || (match.offerExpiresAt && match.offerExpiresAt <= new Date())) {
      return sendPage(response, 410, outcomePage(locale, 'expired'));
    }
    return sendPage(
      response,
      200,
      confirmationPage(locale, check.claims.action, offer, `/offers/${encodeURIComponent(token)}`),
    );
  }

  @Post(':token')
  async answer(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const check = verifyOfferToken(this.config.LINK_SECRET, token, new Date());
    const loaded = check.valid || check.reason === 'expired' ? await this.load(check.claims.matchId) : null;
    if (!loaded) {
      return sendPage(response, 400, outcomePage('de', 'invalid'));
    }
    if (!check.valid) {
      return sendPage(response, 410, outcomePage(loaded.locale, 'expired'));
    }
    const outcome = await this.decisions.respond(check.claims.matchId, check.claims.action);
    return sendPage(response, OUTCOME_STATUS[outcome], outcomePage(loaded.locale, outcome));
  }

  private async load(
    matchId: string,
  ): Promise<{ match: Match; locale: 'de' | 'en'; offer: OfferSummary } | null> {
    const match = await this.dataSource.getRepository(Match).findOneBy({ id: matchId });
    if (!match) {
      return null;
    }
    const [request, volunteer] = await Promise.all([
      this.dataSource.getRepository(HelpRequest).findOneByOrFail({ id: match.requestId }),
      this.dataSource.getRepository(Volunteer).findOneByOrFail({ id: match.volunteerId }),
    ]);
    // The link pages exist in German and English until they move to the catalogue (web/links).
    const locale = volunteer.locale === 'de' ? 'de' : 'en';
    return {
      match,
      locale,
      offer: {
        category: this.taxonomy.label('categories', request.category, locale),
        district: request.district ?? request.postalCode,
        when: locale === 'de' ? formatScheduleDe(request.schedule) : formatScheduleEn(request.schedule),
      },
    };
  }
}
