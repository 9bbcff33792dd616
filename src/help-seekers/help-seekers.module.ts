import { Module } from '@nestjs/common';
import { StaffModule } from '../staff/staff.module';
import { HelpRequestsService } from './help-requests.service';
import { PublicHelpRequestsController } from './public-help-requests.controller';
import {
  ProviderHelpRequestsController,
  StaffHelpRequestsController,
} from './staff-help-requests.controller';
import { StaffHelpRequestsService } from './staff-help-requests.service';

@Module({
  imports: [StaffModule],
  controllers: [PublicHelpRequestsController, StaffHelpRequestsController, ProviderHelpRequestsController],
  providers: [HelpRequestsService, StaffHelpRequestsService],
  exports: [HelpRequestsService, StaffHelpRequestsService],
})
export class HelpSeekersModule {}
