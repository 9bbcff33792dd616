import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { MatchingSettingsDto } from './dto/matching-settings.response';
import { RequireRole } from '../staff/require-role';
import { CurrentStaff } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { AgencyProfileDto } from './dto/agency-profile.dto';
import { AgencyProfileService } from './agency-profile.service';
import { MatchingSettingsService } from './matching-settings.service';

@ApiStaffAuth()
@Controller('api/staff/settings')
export class SettingsController {
  constructor(
    private readonly matchingSettings: MatchingSettingsService,
    private readonly agencyProfile: AgencyProfileService,
  ) {}

  @Get('matching')
  @RequireRole('admin', 'coordinator')
  @ApiTags(API_TAGS.staff)
  @ApiDoc(
    'Matching settings',
    'How matching weighs distance, availability, skills, language and fairness; how long volunteers have to answer; whether public requests are reviewed first.',
  )
  @ApiOkResponse({ type: MatchingSettingsDto })
  @ApiStaffErrors()
  getMatching() {
    return this.matchingSettings.get();
  }

  /** Weights, caps and escalation; validated as a whole (the body is checked field by field there). */
  @Put('matching')
  @RequireRole('admin')
  @ApiTags(API_TAGS.admin)
  @ApiDoc(
    'Change the matching settings (admin)',
    'Weights, caps, escalation, answer time and review of public requests; given fields are merged into the current settings and the result validated as a whole. Audited.',
  )
  @ApiOkResponse({ type: MatchingSettingsDto })
  @ApiStaffErrors()
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
  @ApiTags(API_TAGS.staff)
  @ApiDoc(
    'The agency’s profile',
    'The agency’s name, address, phone, opening hours and imprint: what every page and email shows.',
  )
  @ApiOkResponse({ type: AgencyProfileDto })
  @ApiStaffErrors()
  getAgencyProfile() {
    return this.agencyProfile.get();
  }

  @Put('agency-profile')
  @RequireRole('admin')
  @ApiTags(API_TAGS.admin)
  @ApiDoc('Change the agency’s profile (admin)', 'Replaces the profile every page and email shows. Audited.')
  @ApiOkResponse({ type: AgencyProfileDto })
  @ApiStaffErrors()
  updateAgencyProfile(@Body() body: AgencyProfileDto, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.agencyProfile.update(body, staff);
  }
}
