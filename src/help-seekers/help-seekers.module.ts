import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HelpRequest } from './help-request.entity';
import { HelpSeeker } from './help-seeker.entity';
import { StaffModule } from '../staff/staff.module';
import { HelpRequestsService } from './help-requests.service';
import { PublicHelpRequestsController } from './public-help-requests.controller';
import {
  ProviderHelpRequestsController,
  StaffHelpRequestsController,
} from './staff-help-requests.controller';
import { StaffHelpRequestsService } from './staff-help-requests.service';
import { HelpSeekerRightsService } from './help-seeker-rights.service';
import { StaffHelpSeekersController } from './staff-help-seekers.controller';
import { StaffHelpSeekerSearchController } from './staff-help-seeker-search.controller';
import { RequestSearchService } from './request-search.service';
import { HelpSeekerEditController } from './help-seeker-edit.controller';
import { HelpSeekerEditService } from './help-seeker-edit.service';
import { CallBacksService } from './call-backs.service';
import { StaffCallBacksController } from './staff-call-backs.controller';

@Module({
  imports: [TypeOrmModule.forFeature([HelpRequest, HelpSeeker]), StaffModule],
  controllers: [
    PublicHelpRequestsController,
    StaffHelpRequestsController,
    ProviderHelpRequestsController,
    StaffHelpSeekersController,
    StaffHelpSeekerSearchController,
    HelpSeekerEditController,
    StaffCallBacksController,
  ],
  providers: [
    HelpRequestsService,
    StaffHelpRequestsService,
    HelpSeekerRightsService,
    RequestSearchService,
    HelpSeekerEditService,
    CallBacksService,
  ],
  exports: [
    HelpRequestsService,
    StaffHelpRequestsService,
    HelpSeekerRightsService,
    RequestSearchService,
    HelpSeekerEditService,
    CallBacksService,
  ],
})
export class HelpSeekersModule {}
