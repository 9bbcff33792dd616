import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StaffModule } from '../staff/staff.module';
import { HourEntry } from './hour-entry.entity';
import { HoursSettingsService } from './hours-settings.service';
import { HoursController } from './hours.controller';
import { HoursService } from './hours.service';

/** Hours volunteers gave, their approval, and the proof of engagement (Engagementnachweis). */
@Module({
  imports: [TypeOrmModule.forFeature([HourEntry]), StaffModule],
  controllers: [HoursController],
  providers: [HoursService, HoursSettingsService],
  exports: [HoursService, HoursSettingsService],
})
export class HoursModule {}
