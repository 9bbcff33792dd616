import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../staff/require-role';
import { CurrentStaff } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { AgencyProfileDto } from './dto/agency-profile.dto';
import { AgencyProfileService } from './agency-profile.service';
import { MatchingSettingsService } from './matching-settings.service';

@ApiTags('staff')
@ApiCookieAuth()
@Controller('api/staff/settings')
export class SettingsController {
  constructor(
    private readonly matchingSettings: MatchingSettingsService,
    private readonly agencyProfile: AgencyProfileService,
  ) {}

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

  /** The agency's name, address, phone, opening hours, imprint: what every page and email shows. */
  @Get('agency-profile')
  @RequireRole('admin', 'coordinator')
  getAgencyProfile() {
    return this.agencyProfile.get();
  }

  @Put('agency-profile')
  @RequireRole('admin')
  updateAgencyProfile(@Body() body: AgencyProfileDto, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.agencyProfile.update(body, staff);
  }
}
