import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Volunteer } from './volunteer.entity';
import { NotificationsModule } from '../notifications/notifications.module';
import { StaffModule } from '../staff/staff.module';
import { VolunteerLinksController } from './volunteer-links.controller';
import { VolunteersController } from './volunteers.controller';
import { PublicVolunteersController } from './public-volunteers.controller';
import { VolunteersService } from './volunteers.service';
import { SelfServiceService } from './self-service.service';

@Module({
  imports: [TypeOrmModule.forFeature([Volunteer]), StaffModule, NotificationsModule],
  controllers: [VolunteersController, VolunteerLinksController, PublicVolunteersController],
  providers: [VolunteersService, SelfServiceService],
  exports: [VolunteersService],
})
export class VolunteersModule {}
