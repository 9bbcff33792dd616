import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { AdvisoryInterviewsService } from './advisory-interviews.service';
import { AdvisoryInterviewDto, CreateAdvisoryInterviewDto } from './dto/advisory-interview.dto';

@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/volunteers/:id/advisory-interviews')
export class AdvisoryInterviewsController {
  constructor(private readonly interviews: AdvisoryInterviewsService) {}

  @Post()
  @HttpCode(201)
  @ApiDoc(
    'Record an advisory interview',
    'The Beratungsgespräch with a volunteer: when, who advised, motivation, time budget, mobility, interests (field-of-activity keys), next steps, notes. Audited. 400 for a date in the future or an unknown interest.',
  )
  @ApiCreatedResponse({ type: AdvisoryInterviewDto })
  @ApiStaffErrors(400, 404)
  record(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateAdvisoryInterviewDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<AdvisoryInterviewDto> {
    return this.interviews.record(id, dto, staff);
  }

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
