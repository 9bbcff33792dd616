import { Module } from '@nestjs/common';
import { MatchingModule } from '../../matching/matching.module';
import { RetentionModule } from '../../retention/retention.module';
import { VolunteersModule } from '../../volunteers/volunteers.module';
import { HoursModule } from '../../hours/hours.module';
import { PlacementsModule } from '../../placements/placements.module';
import { PlacementFollowUpController } from './placement-follow-up.controller';
import { HoursLinksController } from './hours-links.controller';
import { DropOutLinkController } from './drop-out.controller';
import { FollowUpController } from './follow-up.controller';
import { OfferResponsesController } from './offer-responses.controller';
import { RetentionLinkController } from './retention.controller';
import { SignedLinkPages } from './signed-link-pages';
import { VolunteerLinksController } from './volunteer-links.controller';

/** The pages behind links in emails: GET shows a page with a form, POST acts. */
@Module({
  imports: [VolunteersModule, MatchingModule, RetentionModule, HoursModule, PlacementsModule],
  controllers: [
    VolunteerLinksController,
    OfferResponsesController,
    FollowUpController,
    RetentionLinkController,
    DropOutLinkController,
    HoursLinksController,
    PlacementFollowUpController,
  ],
  providers: [SignedLinkPages],
})
export class LinksWebModule {}
