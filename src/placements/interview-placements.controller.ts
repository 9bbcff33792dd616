import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import {
  AdvisoryInterviewRecordedDto,
  RecordInterviewWithPlacementsDto,
} from './dto/interview-placements.dto';
import { InterviewPlacementsService } from './interview-placements.service';

/**
 * Recording an advisory interview, with the opportunities chosen in it. Lives with placements
 * (it opens them); listing the interviews stays in the volunteers' controller at the same path.
 */
@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/volunteers/:id/advisory-interviews')
export class InterviewPlacementsController {
  constructor(private readonly interviews: InterviewPlacementsService) {}

  @Post()
  @HttpCode(201)
  @ApiDoc(
    'Record an advisory interview and the placements it led to',
    'The Beratungsgespräch with a volunteer: when, who advised, motivation, time budget, mobility, interests ' +
      '(field-of-activity keys), next steps, notes, and `opportunityIds`: published opportunities chosen with ' +
      'the person. One transaction records the interview and opens a placement at "advised" for each, linked ' +
      'to the interview (an open placement of the same pair is linked, not duplicated; see `created`). ' +
      'No opportunity: an interview that led to nothing (it still counts in reports). Audited. 400 for a date ' +
      'in the future, an unknown interest, or an opportunity that is unknown or not published; nothing is stored then.',
  )
  @ApiCreatedResponse({ type: AdvisoryInterviewRecordedDto })
  @ApiStaffErrors(400, 404)
  record(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RecordInterviewWithPlacementsDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<AdvisoryInterviewRecordedDto> {
    return this.interviews.record(id, dto, staff);
  }
}
