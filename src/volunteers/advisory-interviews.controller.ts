import { Controller, Get, Param, ParseUUIDPipe, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { AdvisoryInterviewsService } from './advisory-interviews.service';
import { AdvisoryInterviewDto } from './dto/advisory-interview.dto';

@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
// Recording one (POST, with the placements it led to) is in src/placements/interview-placements.controller.ts.
@Controller('api/staff/volunteers/:id/advisory-interviews')
export class AdvisoryInterviewsController {
  constructor(private readonly interviews: AdvisoryInterviewsService) {}

  @Get()
  @ApiDoc('List a volunteer’s advisory interviews', 'Newest first, at most 100; the read is audited.')
  @ApiOkResponse({ type: [AdvisoryInterviewDto] })
  @ApiStaffErrors(404)
  list(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<AdvisoryInterviewDto[]> {
    return this.interviews.list(id, staff);
  }
}
