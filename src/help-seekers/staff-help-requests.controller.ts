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
import { ApiCreatedResponse, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { ProviderHelpRequestDto, StaffHelpRequestDto } from './dto/create-help-request.dto';
import { HELP_REQUEST_STATUSES, type HelpRequestStatus } from './help-request.entity';
import { CreatedHelpRequestDto, HelpRequestSummaryDto } from './dto/help-request.response';
import { CreatedHelpRequest, HelpRequestsService } from './help-requests.service';
import { StaffHelpRequestsService } from './staff-help-requests.service';

class ListHelpRequestsQuery {
  @ApiPropertyOptional({ enum: HELP_REQUEST_STATUSES, description: 'default: all' })
  @IsOptional()
  @IsIn(HELP_REQUEST_STATUSES)
  status?: HelpRequestStatus;

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
@Controller('api/staff/help-requests')
export class StaffHelpRequestsController {
  constructor(
    private readonly helpRequests: HelpRequestsService,
    private readonly staffHelpRequests: StaffHelpRequestsService,
  ) {}

  /** Phone intake: staff enter a request for a caller and record their oral consent. */
  @Post()
  @HttpCode(201)
  @ApiDoc(
    'Record a request taken by phone',
    'Phone intake: staff enter a request for a caller (or visitor) and record their oral consent. ' +
      'Matching starts at once; the answer is the new request and its status.',
  )
  @ApiCreatedResponse({ type: CreatedHelpRequestDto })
  @ApiStaffErrors(404, 409)
  create(
    @Body() body: StaffHelpRequestDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<CreatedHelpRequest> {
    return this.helpRequests.recordPhoneIntake(body, staff);
  }

  @Get()
  @ApiDoc(
    'List requests (work list)',
    'Requests oldest first, so what has waited longest is seen first; optionally only one status (e.g. `in-review`, `proposals-ready`). ' +
      'No contact data of the help-seekers; open a request for that.',
  )
  @ApiOkResponse({ type: [HelpRequestSummaryDto] })
  @ApiStaffErrors()
  list(@Query() query: ListHelpRequestsQuery) {
    return this.staffHelpRequests.list(query.status, query.limit ?? 100);
  }
}

@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/providers/:providerId/help-requests')
export class ProviderHelpRequestsController {
  constructor(private readonly helpRequests: HelpRequestsService) {}

  /** A provider asks the agency for a volunteer for one of its opportunities. */
  @Post()
  @HttpCode(201)
  @ApiDoc(
    'Record a request for a provider',
    'A provider (Einsatzstelle) asks the agency for a volunteer for one of its opportunities; matching starts at once.',
  )
  @ApiCreatedResponse({ type: CreatedHelpRequestDto })
  @ApiStaffErrors(404, 409)
  create(
    @Param('providerId', ParseUUIDPipe) providerId: string,
    @Body() body: ProviderHelpRequestDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<CreatedHelpRequest> {
    return this.helpRequests.recordForProvider(providerId, body, staff);
  }
}
