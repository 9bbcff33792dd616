import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { ProviderHelpRequestDto, StaffHelpRequestDto } from './dto/create-help-request.dto';
import { HELP_REQUEST_STATUSES, type HelpRequestStatus } from './help-request.entity';
import { CreatedHelpRequest, HelpRequestsService } from './help-requests.service';
import { StaffHelpRequestsService } from './staff-help-requests.service';

class ListHelpRequestsQuery {
  @IsOptional()
  @IsIn(HELP_REQUEST_STATUSES)
  status?: HelpRequestStatus;

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
@Controller('api/staff/help-requests')
export class StaffHelpRequestsController {
  constructor(
    private readonly helpRequests: HelpRequestsService,
    private readonly staffHelpRequests: StaffHelpRequestsService,
  ) {}

  /** Phone intake: staff enter a request for a caller and record their oral consent. */
  @Post()
  @HttpCode(201)
  create(
    @Body() body: StaffHelpRequestDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<CreatedHelpRequest> {
    return this.helpRequests.recordPhoneIntake(body, staff);
  }

  @Get()
  list(@Query() query: ListHelpRequestsQuery) {
    return this.staffHelpRequests.list(query.status, query.limit ?? 100);
  }
}

@ApiTags('staff')
@ApiCookieAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/providers/:providerId/help-requests')
export class ProviderHelpRequestsController {
  constructor(private readonly helpRequests: HelpRequestsService) {}

  /** A provider asks the agency for a volunteer for one of its opportunities. */
  @Post()
  @HttpCode(201)
  create(
    @Param('providerId', ParseUUIDPipe) providerId: string,
    @Body() body: ProviderHelpRequestDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<CreatedHelpRequest> {
    return this.helpRequests.recordForProvider(providerId, body, staff);
  }
}
