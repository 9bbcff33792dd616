import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../staff/require-role';
import { CurrentStaff } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { MatchingSettingsService } from './matching-settings.service';

@ApiTags('staff')
@ApiCookieAuth()
@Controller('api/staff/settings')
export class SettingsController {
  constructor(private readonly matchingSettings: MatchingSettingsService) {}

  @Get('matching')
  @RequireRole('admin', 'coordinator')
  getMatching() {
    return this.matchingSettings.get();
  }

  /** Weights, caps and escalation; validated as a whole (the body is checked field by field there). */
  @Put('matching')
  @RequireRole('admin')
  @ApiBody({
    schema: {
      type: 'object',
      example: { policy: { weights: { distance: 0.4 } }, offerResponseHours: 24, autoOffer: true },
    },
  })
  updateMatching(@Body() body: unknown, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.matchingSettings.update(body, staff);
  }
}
