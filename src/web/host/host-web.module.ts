import { Module } from '@nestjs/common';
import { NotificationsModule } from '../../notifications/notifications.module';
import { PlacementsModule } from '../../placements/placements.module';
import { HostController } from './host.controller';
import { EntityHostOpportunityWrites, HOST_OPPORTUNITY_WRITES } from './host-opportunity-writes';
import { HostPageService } from './host-page.service';

/** Host organisations' pages behind signed links (docs/hosts.md). */
@Module({
  imports: [PlacementsModule, NotificationsModule],
  controllers: [HostController],
  providers: [
    HostPageService,
    // MERGE: swap for OpportunitiesService (see host-opportunity-writes.ts).
    { provide: HOST_OPPORTUNITY_WRITES, useClass: EntityHostOpportunityWrites },
  ],
  exports: [HostPageService],
})
export class HostWebModule {}
