import { Module } from '@nestjs/common';
import { StaffRoleGuard } from '../staff/require-role';
import { StaffModule } from '../staff/staff.module';
import { SettingsController } from './settings.controller';
import { UrgencySettingsController } from './urgency-settings.controller';

@Module({
  imports: [StaffModule],
  controllers: [SettingsController, UrgencySettingsController],
  providers: [StaffRoleGuard],
})
export class SettingsApiModule {}
