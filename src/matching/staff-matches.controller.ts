import { Controller, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { MatchDto } from './dto/matching.response';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { MatchDecisionsService } from './match-decisions.service';

@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/matches')
export class StaffMatchesController {
  constructor(private readonly decisions: MatchDecisionsService) {}

  /** Approve a proposal: the volunteer is emailed the offer. */
  @Post(':id/approve')
  @HttpCode(200)
  @ApiDoc(
    'Approve a proposal',
    'Staff agree with a proposed volunteer: the volunteer is emailed the offer (or it joins their daily digest) and has the agency’s answer time to accept or decline. ' +
      'Only a `proposed` match can be approved (409 otherwise).',
  )
  @ApiOkResponse({ type: MatchDto, description: 'the match, now `approved`' })
  @ApiStaffErrors(404, 409)
  approve(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.decisions.approve(id, staff);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiDoc(
    'Reject a proposal',
    'Staff decide against a proposed volunteer for this request; the volunteer hears nothing.',
  )
  @ApiOkResponse({ type: MatchDto, description: 'the match, now `rejected`' })
  @ApiStaffErrors(404, 409)
  reject(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.decisions.reject(id, staff);
  }
}
