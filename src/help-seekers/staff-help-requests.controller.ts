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
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { RequestValidationError } from '../common/validation';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { ProviderHelpRequestDto, StaffHelpRequestDto } from './dto/create-help-request.dto';
import { filterProblemMessage } from './domain/request-search';
import { CreatedHelpRequestDto } from './dto/help-request.response';
import { RequestListItemDto, RequestSearchQueryDto } from './dto/request-search.dto';
import { CreatedHelpRequest, HelpRequestsService } from './help-requests.service';
import { RequestSearchService } from './request-search.service';

@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/help-requests')
export class StaffHelpRequestsController {
  constructor(
    private readonly helpRequests: HelpRequestsService,
    private readonly search: RequestSearchService,
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
    'Requests filtered by status (or `open-work`), district, category, urgency, source, needed language, ' +
      'days created and days of the appointment, and text in the description or the help-seeker’s name; ' +
      'oldest first unless `sort` says otherwise; `page` and `limit` page through (fewer than `limit` items: the last page). ' +
      'An unknown category or district is a 400 naming the field. No contact data of the help-seekers; open a request for that.',
  )
  @ApiOkResponse({ type: [RequestListItemDto] })
  @ApiStaffErrors()
  async list(@Query() query: RequestSearchQueryDto) {
    const { filters, problems } = await this.search.readFilters(
      { ...query, page: query.page === undefined ? undefined : String(query.page) },
      { status: 'all', sort: 'oldest' },
    );
    if (problems.length > 0) {
      throw new RequestValidationError(
        problems.map((problem) => ({ field: problem.field, message: filterProblemMessage(problem) })),
      );
    }
    const { rows } = await this.search.searchRequests(filters, query.limit ?? 100);
    return rows.map((row) => this.search.summary(row));
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
