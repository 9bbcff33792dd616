import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Volunteer } from './volunteer.entity';
import { NotificationsModule } from '../notifications/notifications.module';
import { StaffModule } from '../staff/staff.module';
import { VolunteersController } from './volunteers.controller';
import { PublicVolunteersController } from './public-volunteers.controller';
import { VolunteersService } from './volunteers.service';
import { SelfServiceService } from './self-service.service';
import { VolunteerSearchService } from './volunteer-search.service';
import { AdvisoryInterviewsController } from './advisory-interviews.controller';
import { AdvisoryInterviewsService } from './advisory-interviews.service';

@Module({
  imports: [TypeOrmModule.forFeature([Volunteer]), StaffModule, NotificationsModule],
  controllers: [VolunteersController, PublicVolunteersController, AdvisoryInterviewsController],
  providers: [VolunteersService, SelfServiceService, VolunteerSearchService, AdvisoryInterviewsService],
  exports: [VolunteersService, SelfServiceService, VolunteerSearchService, AdvisoryInterviewsService],
})
export class VolunteersModule {}
