import { Module } from '@nestjs/common';
import { StaffModule } from '../staff/staff.module';
import { CallTasksController } from './call-tasks.controller';
import { CallTasksService } from './call-tasks.service';
import { HelpRequestsService } from './help-requests.service';
import { PublicHelpRequestsController } from './public-help-requests.controller';
import {
  ProviderHelpRequestsController,
  StaffHelpRequestsController,
} from './staff-help-requests.controller';
import { StaffHelpRequestsService } from './staff-help-requests.service';

@Module({
  imports: [StaffModule],
  controllers: [
    PublicHelpRequestsController,
    StaffHelpRequestsController,
    ProviderHelpRequestsController,
    CallTasksController,
  ],
  providers: [HelpRequestsService, StaffHelpRequestsService, CallTasksService],
  exports: [HelpRequestsService, StaffHelpRequestsService, CallTasksService],
})
export class HelpSeekersModule {}
