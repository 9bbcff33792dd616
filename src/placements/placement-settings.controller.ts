import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { PlacementSettingsService, type PlacementSettings } from '../settings/placement-settings.service';
import { RequireRole } from '../staff/require-role';
import { CurrentStaff } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { PlacementSettingsDto } from './dto/placement-settings.dto';

@ApiStaffAuth()
@Controller('api/staff/settings/placements')
export class PlacementSettingsController {
  constructor(private readonly settings: PlacementSettingsService) {}

  @Get()
  @RequireRole('admin', 'coordinator')
  @ApiTags(API_TAGS.staff)
  @ApiDoc(
    'Placement settings',
    'When a placement counts as stuck at each stage, the follow-up weeks, host reminder days, the review-by interval and whether host submissions are reviewed.',
  )
  @ApiOkResponse({ type: PlacementSettingsDto })
  @ApiStaffErrors()
  get(): Promise<PlacementSettings> {
    return this.settings.get();
  }

  @Patch()
  @RequireRole('admin')
  @ApiTags(API_TAGS.admin)
  @ApiDoc(
    'Change the placement settings (admin)',
    'Given parts are merged into the current settings and validated as a whole; a wrong field is named in a 400 and nothing is stored. Audited with before and after.',
  )
  @ApiOkResponse({ type: PlacementSettingsDto })
  @ApiStaffErrors()
  @ApiBody({ schema: { type: 'object', example: { followUpWeeks: 8, stuckAfterDays: { proposed: 5 } } } })
  update(@Body() body: unknown, @CurrentStaff() staff: AuthenticatedStaff): Promise<PlacementSettings> {
    return this.settings.update(body, staff);
  }
}
