import { Module } from '@nestjs/common';
import { HelpSeekersModule } from '../../help-seekers/help-seekers.module';
import { ProvidersModule } from '../../providers/providers.module';
import { VolunteersModule } from '../../volunteers/volunteers.module';
import { PublicController } from './public.controller';
import { EngagementModule } from '../../engagement/engagement.module';
import { EngagementController } from './engagement.controller';

/** The agency's public website: forms for help-seekers, volunteers and providers, no login. */
@Module({
  imports: [HelpSeekersModule, VolunteersModule, ProvidersModule, EngagementModule],
  controllers: [PublicController, EngagementController],
})
export class PublicWebModule {}
