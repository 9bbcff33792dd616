import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { ReportSettingsService, type ReportSettings } from '../settings/report-settings.service';
import { RequireRole } from '../staff/require-role';
import { CurrentStaff } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { ReportSettingsDto } from './dto/report-settings.dto';

@ApiStaffAuth()
@Controller('api/staff/settings/reports')
export class ReportSettingsController {
  constructor(private readonly settings: ReportSettingsService) {}

  @Get()
  @RequireRole('admin', 'coordinator')
  @ApiTags(API_TAGS.staff)
  @ApiDoc('Report settings', 'Whether coordinators may read the reports; admins always may.')
  @ApiOkResponse({ type: ReportSettingsDto })
  @ApiStaffErrors()
  get(): Promise<ReportSettings> {
    return this.settings.get();
  }

  @Patch()
  @RequireRole('admin')
  @ApiTags(API_TAGS.admin)
  @ApiDoc(
    'Change the report settings (admin)',
    'A wrong field is named in a 400 and nothing is stored. Audited with before and after.',
  )
  @ApiOkResponse({ type: ReportSettingsDto })
  @ApiStaffErrors()
  @ApiBody({ schema: { type: 'object', example: { reportsForCoordinators: false } } })
  update(@Body() body: unknown, @CurrentStaff() staff: AuthenticatedStaff): Promise<ReportSettings> {
    return this.settings.update(body, staff);
  }
}
