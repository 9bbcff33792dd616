import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { StaffModule } from '../staff/staff.module';
import { CallTasksController } from './call-tasks.controller';
import { CallTasksService } from './call-tasks.service';
import { FollowUpController } from './follow-up.controller';
import { MatchDecisionsService } from './match-decisions.service';
import { OfferResponsesController } from './offer-responses.controller';
import { GlobalAssignmentService } from './global-assignment.service';
import { MatchingService } from './matching.service';
import { StaffMatchesController } from './staff-matches.controller';
import { StaffMatchingController } from './staff-matching.controller';
import { StaffMatchingService } from './staff-matching.service';

@Module({
  imports: [StaffModule, NotificationsModule],
  controllers: [
    StaffMatchesController,
    StaffMatchingController,
    OfferResponsesController,
    FollowUpController,
    CallTasksController,
  ],
  providers: [
    MatchDecisionsService,
    MatchingService,
    StaffMatchingService,
    GlobalAssignmentService,
    CallTasksService,
  ],
  exports: [MatchDecisionsService, StaffMatchingService, MatchingService, CallTasksService],
})
export class MatchingModule {}
