import { Controller, Get, Param, ParseUUIDPipe, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { StaffAuthGuard } from '../staff/staff-auth.guard';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import {
  OpportunitiesForVolunteerDto,
  OpportunityFitQueryDto,
  VolunteerFitQueryDto,
  VolunteersForOpportunityDto,
} from './dto/opportunity-fit.dto';
import { OpportunityFitService } from './opportunity-fit.service';

@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff')
export class OpportunityFitController {
  constructor(
    private readonly fit: OpportunityFitService,
    private readonly taxonomy: TaxonomyService,
  ) {}

  @Get('volunteers/:id/opportunity-fit')
  @ApiDoc(
    'Opportunities that fit a volunteer',
    'Published opportunities with open places, ranked by the matching engine (interests, skills, distance or remote, availability, languages, newcomer suitability) after its hard rules (eFZ, age, language, radius, availability); each criterion explained in German and English. Opportunities the volunteer already has an open placement in are listed apart. 400 for an unknown field.',
  )
  @ApiOkResponse({ type: OpportunitiesForVolunteerDto })
  @ApiStaffErrors(400, 404)
  forVolunteer(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: OpportunityFitQueryDto,
  ): Promise<OpportunitiesForVolunteerDto> {
    if (query.field !== undefined) {
      this.taxonomy.assertKnown('fields', [query.field], 'field');
    }
    return this.fit.rankOpportunitiesForVolunteer(id, { limit: query.limit, field: query.field ?? null });
  }

  @Get('opportunities/:id/volunteer-fit')
  @ApiDoc(
    'Volunteers who fit an opportunity',
    'Active volunteers ranked by the matching engine for the open places of a published opportunity, with explanations; volunteers with an open placement for it are listed apart. 409 when the opportunity is not published.',
  )
  @ApiOkResponse({ type: VolunteersForOpportunityDto })
  @ApiStaffErrors(400, 404, 409)
  forOpportunity(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: VolunteerFitQueryDto,
  ): Promise<VolunteersForOpportunityDto> {
    return this.fit.rankVolunteersForOpportunity(id, { limit: query.limit });
  }
}
