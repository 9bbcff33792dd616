import { Global, Module } from '@nestjs/common';
import { MatchingSettingsService } from './matching-settings.service';

/** Settings readers for both processes; the HTTP side is SettingsApiModule. */
@Global()
@Module({
  providers: [MatchingSettingsService],
  exports: [MatchingSettingsService],
})
export class SettingsModule {}
