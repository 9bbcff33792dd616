import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { RequireRole } from '../staff/require-role';
import { CurrentStaff } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { UrgencySettingsDto } from './dto/urgency-settings.dto';
import { UrgencySettingsService } from './urgency-settings.service';

@ApiStaffAuth()
@Controller('api/staff/settings/urgency')
export class UrgencySettingsController {
  constructor(private readonly urgency: UrgencySettingsService) {}

  @Get()
  @RequireRole('admin', 'coordinator')
  @ApiTags(API_TAGS.staff)
  @ApiDoc(
    'Urgency thresholds and opening hours',
    'How long a request of each urgency may wait for staff before Heute highlights it, and the opening hours in which that waiting time is counted (none: calendar time).',
  )
  @ApiOkResponse({ type: UrgencySettingsDto })
  @ApiStaffErrors()
  get() {
    return this.urgency.get();
  }

  /** Validated as a whole (the body is checked field by field there); nothing is stored on an error. */
  @Put()
  @RequireRole('admin')
  @ApiTags(API_TAGS.admin)
  @ApiDoc(
    'Change the urgency thresholds and opening hours (admin)',
    'Given parts are merged into the current settings and the result validated as a whole; a wrong field is named in a 400 and nothing is stored. Audited with before and after.',
  )
  @ApiOkResponse({ type: UrgencySettingsDto })
  @ApiStaffErrors()
  @ApiBody({
    schema: {
      type: 'object',
      example: {
        thresholds: { high: { amount: 4, unit: 'hours' }, normal: { amount: 2, unit: 'days' } },
        openingHours: [{ weekday: 1, start: '09:00', end: '17:00' }],
      },
    },
  })
  update(@Body() body: unknown, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.urgency.update(body, staff);
  }
}
