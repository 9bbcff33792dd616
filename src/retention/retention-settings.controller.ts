import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { RequireRole } from '../staff/require-role';
import { CurrentStaff } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { RetentionSettingsDto } from './dto/retention-settings.dto';
import { RetentionSettingsService } from './retention-settings.service';

/** The retention periods (see docs/privacy.md#retention); admins only. */
@ApiTags(API_TAGS.admin)
@ApiStaffAuth()
@Controller('api/staff/settings/retention')
export class RetentionSettingsController {
  constructor(private readonly retention: RetentionSettingsService) {}

  @Get()
  @RequireRole('admin')
  @ApiDoc(
    'Retention periods (admin)',
    'How long closed cases, inactive volunteers, unanswered offers and audit details are kept before they are erased.',
  )
  @ApiOkResponse({ type: RetentionSettingsDto })
  @ApiStaffErrors()
  get() {
    return this.retention.get();
  }

  /** All four periods at once, validated (whole numbers within their ranges) and audited. */
  @Put()
  @RequireRole('admin')
  @ApiDoc(
    'Change the retention periods (admin)',
    'All four periods at once, in whole months (days for the answer period), each within its legal range. Audited.',
  )
  @ApiOkResponse({ type: RetentionSettingsDto })
  @ApiStaffErrors()
  update(@Body() body: RetentionSettingsDto, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.retention.update(body, staff);
  }
}
