import { Module } from '@nestjs/common';
import { MatchingModule } from '../../matching/matching.module';
import { VolunteersModule } from '../../volunteers/volunteers.module';
import { FollowUpController } from './follow-up.controller';
import { OfferResponsesController } from './offer-responses.controller';
import { VolunteerLinksController } from './volunteer-links.controller';

/** The pages behind links in emails: GET shows a page with a form, POST acts. */
@Module({
  imports: [VolunteersModule, MatchingModule],
  controllers: [VolunteerLinksController, OfferResponsesController, FollowUpController],
})
export class LinksWebModule {}
