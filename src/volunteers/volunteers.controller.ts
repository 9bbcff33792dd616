import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { RevokedLinksDto } from './dto/revoked-links.response';
import { VolunteerDto } from './dto/volunteer.response';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { VOLUNTEER_STATUSES, type VolunteerStatus } from '../shared/volunteer-profile';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import {
  CreateVolunteerDto,
  RecordCertificateDto,
  UpdateVolunteerDto,
  UpdateVolunteerStatusDto,
} from './dto/create-volunteer.dto';
import { VolunteersService } from './volunteers.service';

class ListVolunteersQuery {
  @ApiPropertyOptional({ enum: VOLUNTEER_STATUSES, description: 'default: all' })
  @IsOptional()
  @IsIn(VOLUNTEER_STATUSES)
  status?: VolunteerStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/volunteers')
export class VolunteersController {
  constructor(private readonly volunteers: VolunteersService) {}

  @Post()
  @HttpCode(201)
  @ApiDoc(
    'Register a volunteer',
    'Staff register a volunteer after the intake conversation (Erstgespräch): languages, skills, where and when they can help. 409 when the email is already registered.',
  )
  @ApiCreatedResponse({ type: VolunteerDto })
  @ApiStaffErrors(409)
  register(@Body() body: CreateVolunteerDto, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.volunteers.register(body, staff);
  }

  @Get()
  @ApiDoc(
    'List volunteers',
    'Volunteers by name, optionally only one status (`pending`, `active`, `paused`, `inactive`).',
  )
  @ApiOkResponse({ type: [VolunteerDto] })
  @ApiStaffErrors()
  list(@Query() query: ListVolunteersQuery) {
    return this.volunteers.list(query.status, query.limit ?? 100);
  }

  @Get(':id')
  @ApiDoc('Show a volunteer', 'One volunteer’s profile as staff see it.')
  @ApiOkResponse({ type: VolunteerDto })
  @ApiStaffErrors(404)
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.volunteers.get(id);
  }

  /** Change any profile field; an active volunteer is then re-checked against open requests. */
  @Patch(':id')
  @ApiDoc(
    'Change a volunteer',
    'Change any profile field; an active volunteer is then re-checked against open requests. Audited with before and after.',
  )
  @ApiOkResponse({ type: VolunteerDto })
  @ApiStaffErrors(404, 409)
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateVolunteerDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    return this.volunteers.update(id, body, staff);
  }

  @Patch(':id/status')
  @ApiDoc(
    'Activate, pause or deactivate a volunteer',
    'Only `active` volunteers are proposed; activating needs a confirmed email address.',
  )
  @ApiOkResponse({ type: VolunteerDto })
  @ApiStaffErrors(404, 409)
  changeStatus(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateVolunteerStatusDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    return this.volunteers.changeStatus(id, body.status, staff);
  }

  /** Staff checked the address with the volunteer in person: no confirmation email needed. */
  @Post(':id/email-confirmation')
  @HttpCode(200)
  @ApiDoc(
    'Confirm a volunteer’s email in person',
    'Staff checked the address with the volunteer in person, so no confirmation email is needed (double opt-in done).',
  )
  @ApiOkResponse({ type: VolunteerDto })
  @ApiStaffErrors(404)
  confirmEmail(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.volunteers.confirmEmailByStaff(id, staff);
  }

  /**
   * Revokes every link sent to the volunteer so far (offers, follow-ups, settings, account,
   * unsubscribe, opt-in): their link version is raised. Audited with before and after.
   */
  @Post(':id/revoke-links')
  @HttpCode(200)
  @ApiDoc(
    'Revoke a volunteer’s links',
    'Every link sent to the volunteer so far (offers, follow-ups, settings, account, unsubscribe, opt-in) stops working, e.g. when an email went to the wrong person. Audited.',
  )
  @ApiOkResponse({ type: RevokedLinksDto })
  @ApiStaffErrors(404)
  async revokeLinks(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: AuthenticatedStaff) {
    const volunteer = await this.volunteers.revokeLinks(id, staff);
    return { id: volunteer.id, linkVersion: volunteer.linkVersion };
  }

  @Put(':id/certificate')
  @ApiDoc(
    'Record the criminal-record certificate (eFZ)',
    'Records that staff saw the volunteer’s extended certificate (when, by whom); never a copy. Needed for work with children or people with disabilities.',
  )
  @ApiOkResponse({ type: VolunteerDto })
  @ApiStaffErrors(404)
  recordCertificate(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecordCertificateDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    return this.volunteers.recordCertificate(id, body, staff);
  }
}
