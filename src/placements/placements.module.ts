import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module';
import { StaffModule } from '../staff/staff.module';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { InterviewPlacementsController } from './interview-placements.controller';
import { InterviewPlacementsService } from './interview-placements.service';
import { PlacementEvent } from './placement-event.entity';
import { PlacementStagesService } from './placement-stages.service';
import { PlacementFollowUpsService } from './placement-follow-ups.service';
import { StaffRoleGuard } from '../staff/require-role';
import { PlacementSettingsController } from './placement-settings.controller';
import { PlacementsController } from './placements.controller';
import { PlacementsService } from './placements.service';
import { Placement } from './placement.entity';

/** Placements (Vermittlungen): volunteers on their way into hosts' opportunities. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Placement, PlacementEvent]),
    StaffModule,
    NotificationsModule,
    VolunteersModule,
  ],
  controllers: [PlacementsController, PlacementSettingsController, InterviewPlacementsController],
  providers: [
    PlacementStagesService,
    PlacementsService,
    PlacementFollowUpsService,
    StaffRoleGuard,
    InterviewPlacementsService,
  ],
  exports: [PlacementStagesService, PlacementsService, PlacementFollowUpsService, InterviewPlacementsService],
})
export class PlacementsModule {}
