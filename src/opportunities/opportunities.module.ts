import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StaffModule } from '../staff/staff.module';
import { OpportunitiesController, ProjectsController } from './opportunities.controller';
import { OpportunitiesService } from './opportunities.service';
import { Opportunity } from './opportunity.entity';
import { Project } from './project.entity';

/** Hosts' projects and opportunities (Engagementangebote): maintained, searched, matched, exported. */
@Module({
  imports: [TypeOrmModule.forFeature([Opportunity, Project]), StaffModule],
  controllers: [OpportunitiesController, ProjectsController],
  providers: [OpportunitiesService],
  exports: [OpportunitiesService],
})
export class OpportunitiesModule {}
