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

@Module({
  imports: [TypeOrmModule.forFeature([Volunteer]), StaffModule, NotificationsModule],
  controllers: [VolunteersController, PublicVolunteersController],
  providers: [VolunteersService, SelfServiceService, VolunteerSearchService],
  exports: [VolunteersService, SelfServiceService, VolunteerSearchService],
})
export class VolunteersModule {}
