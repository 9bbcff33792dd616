import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { StaffModule } from '../staff/staff.module';
import { VolunteersController } from './volunteers.controller';
import { PublicVolunteersController } from './public-volunteers.controller';
import { VolunteersService } from './volunteers.service';
import { SelfServiceService } from './self-service.service';

@Module({
  imports: [StaffModule, NotificationsModule],
  controllers: [VolunteersController, PublicVolunteersController],
  providers: [VolunteersService, SelfServiceService],
  exports: [VolunteersService, SelfServiceService],
})
export class VolunteersModule {}
