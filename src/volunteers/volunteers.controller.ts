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
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
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
  @IsOptional()
  @IsIn(VOLUNTEER_STATUSES)
  status?: VolunteerStatus;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

@ApiTags('staff')
@ApiCookieAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/volunteers')
export class VolunteersController {
  constructor(private readonly volunteers: VolunteersService) {}

  @Post()
  @HttpCode(201)
  register(@Body() body: CreateVolunteerDto, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.volunteers.register(body, staff);
  }

  @Get()
  list(@Query() query: ListVolunteersQuery) {
    return this.volunteers.list(query.status, query.limit ?? 100);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.volunteers.get(id);
  }

  /** Change any profile field; an active volunteer is then re-checked against open requests. */
  @Patch(':id')
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateVolunteerDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    return this.volunteers.update(id, body, staff);
  }

  @Patch(':id/status')
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
  confirmEmail(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.volunteers.confirmEmailByStaff(id, staff);
  }

  /**
   * Revokes every link sent to the volunteer so far (offers, follow-ups, settings, account,
   * unsubscribe, opt-in): their link version is raised. Audited with before and after.
   */
  @Post(':id/revoke-links')
  @HttpCode(200)
  async revokeLinks(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: AuthenticatedStaff) {
    const volunteer = await this.volunteers.revokeLinks(id, staff);
    return { id: volunteer.id, linkVersion: volunteer.linkVersion };
  }

  @Put(':id/certificate')
  recordCertificate(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecordCertificateDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    return this.volunteers.recordCertificate(id, body, staff);
  }
}
