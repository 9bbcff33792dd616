import { Module } from '@nestjs/common';
import { StaffModule } from '../staff/staff.module';
import { ReportSettingsController } from './report-settings.controller';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Figures for funders (docs/reports.md): the service, its JSON API; the console pages use the service. */
@Module({
  imports: [StaffModule],
  controllers: [ReportsController, ReportSettingsController],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
