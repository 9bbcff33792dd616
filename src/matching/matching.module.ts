import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { StaffModule } from '../staff/staff.module';
import { MatchDecisionsService } from './match-decisions.service';
import { GlobalAssignmentService } from './global-assignment.service';
import { MatchingService } from './matching.service';
import { StaffMatchesController } from './staff-matches.controller';
import { StaffMatchingController } from './staff-matching.controller';
import { StaffMatchingService } from './staff-matching.service';

@Module({
  imports: [StaffModule, NotificationsModule],
  controllers: [StaffMatchesController, StaffMatchingController],
  providers: [MatchDecisionsService, MatchingService, StaffMatchingService, GlobalAssignmentService],
  exports: [MatchDecisionsService, StaffMatchingService, MatchingService],
})
export class MatchingModule {}
