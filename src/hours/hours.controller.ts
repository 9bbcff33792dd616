import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { RequireRole } from '../staff/require-role';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import {
  ApproveHourEntriesDto,
  ApprovedCountDto,
  CorrectHourEntryDto,
  CreateHourEntryDto,
  HourEntryDto,
  HoursSettingsDto,
  HoursSummaryDto,
  ListHourEntriesQueryDto,
  UpdateHoursSettingsDto,
} from './dto/hours.dto';
import { HoursSettingsService } from './hours-settings.service';
import { HoursService } from './hours.service';

@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff')
export class HoursController {
  constructor(
    private readonly hours: HoursService,
    private readonly settings: HoursSettingsService,
  ) {}

  @Get('hours')
  @ApiDoc(
    'List hour entries',
    'Hours volunteers gave. status=submitted is the approval queue, oldest first; otherwise newest day first. At most 200.',
  )
  @ApiOkResponse({ type: [HourEntryDto] })
  @ApiStaffErrors()
  list(@Query() query: ListHourEntriesQueryDto): Promise<HourEntryDto[]> {
    return this.hours.list({ status: query.status, volunteerId: query.volunteerId });
  }

  @Post('hours')
  @HttpCode(201)
  @ApiDoc(
    'Enter hours for a volunteer',
    'Staff enter hours (approved at once, audited): a day not in the future and within 400 days, 1–1440 minutes, for the volunteer’s accepted assignment, started or ended placement, or general.',
  )
  @ApiCreatedResponse({ type: HourEntryDto })
  @ApiStaffErrors(400, 404)
  create(@Body() dto: CreateHourEntryDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<HourEntryDto> {
    return this.hours.log(dto.volunteerId, dto, staff);
  }

  @Post('hours/approve')
  @HttpCode(200)
  @ApiDoc(
    'Approve several hour entries',
    'Approves the listed entries that still wait; returns how many. Audited per entry.',
  )
  @ApiOkResponse({ type: ApprovedCountDto })
  @ApiStaffErrors(400)
  async approveMany(
    @Body() dto: ApproveHourEntriesDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<ApprovedCountDto> {
    return { approved: await this.hours.approveMany(dto.ids, staff) };
  }

  @Post('hours/:id/approve')
  @HttpCode(200)
  @ApiDoc('Approve an hour entry', 'Only a submitted entry can be approved (409 otherwise). Audited.')
  @ApiOkResponse({ type: HourEntryDto })
  @ApiStaffErrors(404, 409)
  approve(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<HourEntryDto> {
    return this.hours.approve(id, staff);
  }

  @Post('hours/:id/correct')
  @HttpCode(200)
  @ApiDoc(
    'Correct an hour entry',
    'Sets the minutes and approves; the value the volunteer entered stays in originalMinutes. Audited with before and after.',
  )
  @ApiOkResponse({ type: HourEntryDto })
  @ApiStaffErrors(400, 404)
  correct(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CorrectHourEntryDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<HourEntryDto> {
    return this.hours.correct(id, dto.minutes, staff);
  }

  @Post('hours/:id/reject')
  @HttpCode(200)
  @ApiDoc('Reject an hour entry', 'The entry no longer counts anywhere. Audited.')
  @ApiOkResponse({ type: HourEntryDto })
  @ApiStaffErrors(404)
  reject(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<HourEntryDto> {
    return this.hours.reject(id, staff);
  }

  @Get('volunteers/:id/hours/summary')
  @ApiDoc(
    'A volunteer’s hours',
    'Approved minutes by year and by what (help category, opportunity, general); minutes still waiting.',
  )
  @ApiOkResponse({ type: HoursSummaryDto })
  @ApiStaffErrors(404)
  summary(@Param('id', ParseUUIDPipe) id: string): Promise<HoursSummaryDto> {
    return this.hours.summary(id);
  }

  @Get('settings/hours')
  @ApiDoc(
    'Hours settings',
    'The Engagementkarte threshold the proof states: card name and approved hours per year.',
  )
  @ApiOkResponse({ type: HoursSettingsDto })
  @ApiStaffErrors()
  getSettings(): Promise<HoursSettingsDto> {
    return this.settings.get();
  }

  @Put('settings/hours')
  @RequireRole('admin')
  @ApiDoc('Change the hours settings', 'Admins only; partial changes merge; audited with before and after.')
  @ApiOkResponse({ type: HoursSettingsDto })
  @ApiStaffErrors(400, 403)
  updateSettings(
    @Body() dto: UpdateHoursSettingsDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<HoursSettingsDto> {
    return this.settings.update(dto, staff);
  }
}
