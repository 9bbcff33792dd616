import { Module } from '@nestjs/common';
import { RetentionAnswersService } from './retention-answers.service';
import { RetentionSettingsService } from './retention-settings.service';

/** The API side of retention: the periods (console settings) and volunteers' "stay" answers. */
@Module({
  providers: [RetentionSettingsService, RetentionAnswersService],
  exports: [RetentionSettingsService, RetentionAnswersService],
})
export class RetentionModule {}
