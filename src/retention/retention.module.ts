import { Module } from '@nestjs/common';
import { StaffModule } from '../staff/staff.module';
import { RetentionAnswersService } from './retention-answers.service';
import { RetentionSettingsController } from './retention-settings.controller';
import { RetentionSettingsService } from './retention-settings.service';

/** The API side of retention: the periods (console settings) and volunteers' "stay" answers. */
@Module({
  // The staff guards of the settings API.
  imports: [StaffModule],
  controllers: [RetentionSettingsController],
  providers: [RetentionSettingsService, RetentionAnswersService],
  exports: [RetentionSettingsService, RetentionAnswersService],
})
export class RetentionModule {}
