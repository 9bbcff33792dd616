import { Module } from '@nestjs/common';
import { HelpSeekersModule } from '../../help-seekers/help-seekers.module';
import { StaffModule } from '../../staff/staff.module';
import { CallTaskLettersController } from './call-task-letters.controller';

/** Printed letters for people without email. */
@Module({
  imports: [StaffModule, HelpSeekersModule],
  controllers: [CallTaskLettersController],
})
export class LettersWebModule {}
