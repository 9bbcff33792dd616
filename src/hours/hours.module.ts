import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StaffModule } from '../staff/staff.module';
import { HourEntry } from './hour-entry.entity';

/** Hours volunteers gave, their approval, and the proof of engagement (Engagementnachweis). */
@Module({
  imports: [TypeOrmModule.forFeature([HourEntry]), StaffModule],
  controllers: [],
  providers: [],
  exports: [],
})
export class HoursModule {}
