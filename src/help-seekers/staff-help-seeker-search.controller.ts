import { Controller, Get, Param, ParseUUIDPipe, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { HelpSeekerListDto, HelpSeekerProfileDto, HelpSeekerSearchQueryDto } from './dto/request-search.dto';
import { RequestSearchService } from './request-search.service';

/** Finding a help-seeker (a caller who asked before) and reading their profile; reads are audited. */
@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/help-seekers')
export class StaffHelpSeekerSearchController {
  constructor(private readonly search: RequestSearchService) {}

  @Get()
  @ApiDoc(
    'Find help-seekers',
    'By part of the name or email address, by phone number (only the digits are compared, so "040 123-45" finds "04012345"), ' +
      'or by postal code (five digits); in name order, `page` by `page`.',
  )
  @ApiOkResponse({ type: HelpSeekerListDto })
  @ApiStaffErrors()
  async list(@Query() query: HelpSeekerSearchQueryDto): Promise<HelpSeekerListDto> {
    const page = query.page ?? 0;
    const { rows, hasNext } = await this.search.searchHelpSeekers(query.q, page, query.limit ?? 50);
    return { items: rows, page, hasNext };
  }

  @Get(':id')
  @ApiDoc(
    'Read a help-seeker’s profile',
    'Contact, salutation, contact person, preferences, accessibility needs (only with a recorded consent to health data), ' +
      'consents, and every request of the person with its status and outcome. The read is audited (`help-seeker.viewed`).',
  )
  @ApiOkResponse({ type: HelpSeekerProfileDto })
  @ApiStaffErrors(404)
  profile(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<HelpSeekerProfileDto> {
    return this.search.profile(id, staff);
  }
}
