import { Global, Module } from '@nestjs/common';
import { AgencyProfileService } from './agency-profile.service';
import { MatchingSettingsService } from './matching-settings.service';

/** Settings readers for both processes; the HTTP side is SettingsApiModule. */
@Global()
@Module({
  providers: [MatchingSettingsService, AgencyProfileService],
  exports: [MatchingSettingsService, AgencyProfileService],
})
export class SettingsModule {}
