import { Module } from '@nestjs/common';
import { StaffModule } from '../../staff/staff.module';
import { AgencyExportController } from './agency-export.controller';
import { AgencyExportService } from './agency-export.service';

/** Export everything: the agency's data as a zip of CSV and JSON files (admins only, audited). */
@Module({
  imports: [StaffModule],
  controllers: [AgencyExportController],
  providers: [AgencyExportService],
  exports: [AgencyExportService],
})
export class AgencyExportModule {}
