import { Module } from '@nestjs/common';
import { HelpSeekersModule } from '../../help-seekers/help-seekers.module';
import { ProvidersModule } from '../../providers/providers.module';
import { VolunteersModule } from '../../volunteers/volunteers.module';
import { PublicController } from './public.controller';

/** The agency's public website: forms for help-seekers, volunteers and providers, no login. */
@Module({
  imports: [HelpSeekersModule, VolunteersModule, ProvidersModule],
  controllers: [PublicController],
})
export class PublicWebModule {}
