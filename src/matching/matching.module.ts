import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { StaffModule } from '../staff/staff.module';
import { MatchDecisionsService } from './match-decisions.service';
import { OfferResponsesController } from './offer-responses.controller';
import { StaffMatchesController } from './staff-matches.controller';

@Module({
  imports: [StaffModule, NotificationsModule],
  controllers: [StaffMatchesController, OfferResponsesController],
  providers: [MatchDecisionsService],
  exports: [MatchDecisionsService],
})
export class MatchingModule {}
