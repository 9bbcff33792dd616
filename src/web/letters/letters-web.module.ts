import { Module } from '@nestjs/common';
import { MatchingModule } from '../../matching/matching.module';
import { StaffModule } from '../../staff/staff.module';
import { CallTaskLettersController } from './call-task-letters.controller';

/** Printed letters for people without email. */
@Module({
  imports: [StaffModule, MatchingModule],
  controllers: [CallTaskLettersController],
})
export class LettersWebModule {}
