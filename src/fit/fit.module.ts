import { Module } from '@nestjs/common';
import { MatchingModule } from '../matching/matching.module';
import { StaffModule } from '../staff/staff.module';
import { OpportunityFitController } from './opportunity-fit.controller';
import { OpportunityFitService } from './opportunity-fit.service';

/** Opportunity fit (matching both ways between volunteers and opportunities) and its staff API. */
@Module({
  imports: [StaffModule, MatchingModule],
  controllers: [OpportunityFitController],
  providers: [OpportunityFitService],
  exports: [OpportunityFitService],
})
export class FitModule {}
