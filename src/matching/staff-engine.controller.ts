import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  UseGuards,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import {
  BlockRemovedDto,
  MatchDto,
  OverrideCheckDto,
  OverrideProposalDto,
  RecordAttendanceDto,
  VolunteerBlockListItemDto,
} from './dto/engine.dto';
import { MatchDecisionsService } from './match-decisions.service';
import { StaffOverridesService } from './staff-overrides.service';

/** Overrides with a reason, placements agreed by phone, no-shows, and a help-seeker's blocks. */
@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff')
export class StaffEngineController {
  constructor(
    private readonly overrides: StaffOverridesService,
    private readonly decisions: MatchDecisionsService,
  ) {}

  @Get('help-requests/:id/volunteers/:volunteerId/override')
  @ApiDoc(
    'Could this volunteer be proposed with an override?',
    'Applies the hard rules and says what proposing this volunteer would take: nothing (`eligible`), an override of soft rules ' +
      '(`overridable`: radius a little, stated hours, open assignments, weekly offers) with each rule explained, or no way at all ' +
      '(`refused`: a safeguarding rule such as certificate, minimum age, blocked pair or not active, or a firm rule such as double booking or a needed language).',
  )
  @ApiOkResponse({ type: OverrideCheckDto })
  @ApiStaffErrors(404)
  check(@Param('id', ParseUUIDPipe) id: string, @Param('volunteerId', ParseUUIDPipe) volunteerId: string) {
    return this.overrides.check(id, volunteerId);
  }

  @Post('help-requests/:id/override-proposals')
  @HttpCode(201)
  @ApiDoc(
    'Propose a volunteer outside soft limits, with a reason',
    'Stores a proposal for a volunteer the soft rules exclude, with the mandatory reason and the overridden rules on the match (audited). ' +
      'Safeguarding rules can never be overridden: 409 naming the rule. With `agreedByPhone` the match is accepted on the volunteer’s behalf ' +
      'at once: the request is matched and the usual confirmation emails go out.',
  )
  @ApiCreatedResponse({ type: MatchDto })
  @ApiStaffErrors(400, 404, 409)
  propose(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: OverrideProposalDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    return this.overrides.propose(id, body, staff);
  }

  @Post('matches/:id/accept-on-behalf')
  @HttpCode(200)
  @ApiDoc(
    'Record a placement agreed by phone',
    'The volunteer said yes by phone: the proposal or open offer is accepted on their behalf (recorded with the staff member, audited), ' +
      'the request is matched and the usual confirmation emails go out. 409 when another volunteer was already asked or the volunteer is not active.',
  )
  @ApiOkResponse({ type: MatchDto })
  @ApiStaffErrors(404, 409)
  acceptOnBehalf(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.decisions.acceptOnBehalf(id, staff);
  }

  @Post('matches/:id/attendance')
  @HttpCode(200)
  @ApiDoc(
    'Record a no-show or a late cancellation',
    'On an accepted assignment (also after the follow-up answer “did not happen”, once staff know it was the volunteer’s). ' +
      'It lowers the reliability part of the volunteer’s responsiveness score. Audited with before and after.',
  )
  @ApiOkResponse({ type: MatchDto })
  @ApiStaffErrors(400, 404, 409)
  attendance(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecordAttendanceDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    return this.overrides.recordAttendance(id, body.attendance, staff);
  }

  @Get('help-seekers/:id/blocks')
  @ApiDoc(
    'The blocks of a help-seeker',
    'Volunteers never to be proposed to this help-seeker again, newest first, with the reason and who recorded it.',
  )
  @ApiOkResponse({ type: [VolunteerBlockListItemDto] })
  @ApiStaffErrors(404)
  blocks(@Param('id', ParseUUIDPipe) id: string) {
    return this.overrides.blocks(id);
  }

  @Delete('help-seekers/:id/blocks/:volunteerId')
  @HttpCode(200)
  @ApiDoc(
    'Lift a block',
    'The volunteer may be proposed to this help-seeker again (e.g. a block recorded by mistake). Audited with what was removed.',
  )
  @ApiOkResponse({ type: BlockRemovedDto })
  @ApiStaffErrors(404)
  removeBlock(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('volunteerId', ParseUUIDPipe) volunteerId: string,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    return this.overrides.removeBlock(id, volunteerId, staff);
  }
}
