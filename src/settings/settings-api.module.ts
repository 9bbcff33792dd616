import { Module } from '@nestjs/common';
import { StaffRoleGuard } from '../staff/require-role';
import { StaffModule } from '../staff/staff.module';
import { SettingsController } from './settings.controller';

@Module({
  imports: [StaffModule],
  controllers: [SettingsController],
  providers: [StaffRoleGuard],
})
export class SettingsApiModule {}
