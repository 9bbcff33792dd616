import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgencyProfileService } from './agency-profile.service';
import { AgencySettingsStore } from './agency-settings-store.service';
import { AgencySetting } from './agency-setting.entity';
import { MatchingSettingsService } from './matching-settings.service';
import { PlacementSettingsService } from './placement-settings.service';
import { ReportSettingsService } from './report-settings.service';
import { UrgencySettingsService } from './urgency-settings.service';

const SETTINGS_PROVIDERS = [
  AgencySettingsStore,
  MatchingSettingsService,
  AgencyProfileService,
  UrgencySettingsService,
  PlacementSettingsService,
  ReportSettingsService,
];

/** Settings readers for both processes; the HTTP side is SettingsApiModule. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AgencySetting])],
  providers: SETTINGS_PROVIDERS,
  exports: SETTINGS_PROVIDERS,
})
export class SettingsModule {}
