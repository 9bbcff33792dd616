import { Module } from '@nestjs/common';
import { PlacementsModule } from '../placements/placements.module';
import { StaffModule } from '../staff/staff.module';
import { VolunteersModule } from '../volunteers/volunteers.module';
import { EngagementInterestService } from './engagement-interest.service';
import { OpportunityExportController } from './opportunity-export.controller';
import { OpportunitySearchService } from './opportunity-search.service';
import { PublicOpportunitiesController } from './public-opportunities.controller';

/** Published opportunities for the public: search, interest, partner feed, platform export (issue 13). */
@Module({
  imports: [StaffModule, VolunteersModule, PlacementsModule],
  controllers: [PublicOpportunitiesController, OpportunityExportController],
  providers: [OpportunitySearchService, EngagementInterestService],
  exports: [OpportunitySearchService, EngagementInterestService],
})
export class EngagementModule {}
