import { Module } from '@nestjs/common';
import { NotificationsModule } from '../../notifications/notifications.module';
import { OpportunitiesModule } from '../../opportunities/opportunities.module';
import { PlacementsModule } from '../../placements/placements.module';
import { StaffModule } from '../../staff/staff.module';
import { HostController } from './host.controller';
import { HostLinksApiController } from './host-links-api.controller';
import { HostPageService } from './host-page.service';

/** Host organisations' pages behind signed links, and staff sending or revoking them (docs/hosts.md). */
@Module({
  imports: [PlacementsModule, NotificationsModule, OpportunitiesModule, StaffModule],
  controllers: [HostController, HostLinksApiController],
  providers: [HostPageService],
  exports: [HostPageService],
})
export class HostWebModule {}
