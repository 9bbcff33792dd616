import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { StaffModule } from '../staff/staff.module';
import { CallTasksController } from './call-tasks.controller';
import { CallTasksService } from './call-tasks.service';
import { MatchDecisionsService } from './match-decisions.service';
import { GlobalAssignmentService } from './global-assignment.service';
import { MatchingService } from './matching.service';
import { OfferWithdrawalService } from './offer-withdrawal.service';
import { RequestEditController } from './request-edit.controller';
import { RequestEditService } from './request-edit.service';
import { RequestClosingService } from './request-closing.service';
import { DropOutsService } from './drop-outs.service';
import { StaffDropOutsController } from './staff-drop-outs.controller';
import { StaffMatchesController } from './staff-matches.controller';
import { StaffMatchingController } from './staff-matching.controller';
import { StaffMatchingService } from './staff-matching.service';
import { StaffEngineController } from './staff-engine.controller';
import { StaffOverridesService } from './staff-overrides.service';

@Module({
  imports: [StaffModule, NotificationsModule],
  controllers: [
    StaffMatchesController,
    StaffMatchingController,
    CallTasksController,
    RequestEditController,
    StaffEngineController,
    StaffDropOutsController,
  ],
  providers: [
    MatchDecisionsService,
    MatchingService,
    StaffMatchingService,
    GlobalAssignmentService,
    CallTasksService,
    OfferWithdrawalService,
    RequestEditService,
    StaffOverridesService,
    RequestClosingService,
    DropOutsService,
  ],
  exports: [
    DropOutsService,
    MatchDecisionsService,
    StaffMatchingService,
    MatchingService,
    CallTasksService,
    OfferWithdrawalService,
    RequestEditService,
    StaffOverridesService,
    RequestClosingService,
  ],
})
export class MatchingModule {}
