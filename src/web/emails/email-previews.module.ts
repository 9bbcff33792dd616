import { Module } from '@nestjs/common';
import { StaffModule } from '../../staff/staff.module';
import { EmailTemplatePreviewsController } from './email-template-previews.controller';

/** Every email as staff will receive or send it, with sample data (API side; composing is the worker's). */
@Module({
  imports: [StaffModule],
  controllers: [EmailTemplatePreviewsController],
})
export class EmailPreviewsModule {}
