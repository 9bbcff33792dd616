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
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import {
  ListPlacementsQuery,
  MovePlacementDto,
  OpenedPlacementDto,
  OpenPlacementDto,
  PlacementDetailDto,
  PlacementDto,
  PlacementNoteDto,
} from './dto/placement.dto';
import { PlacementsService } from './placements.service';

@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/placements')
export class PlacementsController {
  constructor(private readonly placements: PlacementsService) {}

  @Get()
  @ApiDoc(
    'List placements',
    'Placements (Vermittlungen), longest waiting first: by default the open ones; filter by stage, opportunity, ' +
      'host (provider), volunteer, or only those waiting longer than the agency’s threshold (`stuck=true`). At most 500.',
  )
  @ApiOkResponse({ type: [PlacementDto] })
  @ApiStaffErrors(400)
  list(@Query() query: ListPlacementsQuery): Promise<PlacementDto[]> {
    return this.placements.list({
      stage: query.stage,
      opportunityId: query.opportunityId,
      providerId: query.providerId,
      volunteerId: query.volunteerId,
      onlyStuck: query.stuck === true,
      includeClosed: query.volunteerId !== undefined || query.opportunityId !== undefined,
    });
  }

  @Get(':id')
  @ApiDoc(
    'One placement with its timeline',
    'Stage moves (who, why), notes and follow-up answers, oldest first.',
  )
  @ApiOkResponse({ type: PlacementDetailDto })
  @ApiStaffErrors(404)
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<PlacementDetailDto> {
    const [placement, timeline] = await Promise.all([this.placements.get(id), this.placements.timeline(id)]);
    return { ...placement, timeline };
  }

  @Post()
  @HttpCode(201)
  @ApiDoc(
    'Open a placement',
    'Staff place a volunteer towards a published opportunity, at "interested", "advised" (default) or "proposed", ' +
      'optionally from one of the volunteer’s advisory interviews. A second call for the same open pair returns ' +
      'the open placement (`created: false`). Audited.',
  )
  @ApiCreatedResponse({ type: OpenedPlacementDto })
  @ApiStaffErrors(400, 404)
  open(
    @Body() dto: OpenPlacementDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<OpenedPlacementDto> {
    return this.placements.open(dto, staff);
  }

  @Post(':id/stage')
  @HttpCode(200)
  @ApiDoc(
    'Move a placement to another stage',
    'Forward (stages may be skipped, never back), declined before it started, or ended once started; declining ' +
      'and ending need a reason from the list ("other" also a note). When as many placements have started as the ' +
      'opportunity has places it becomes "filled"; when one of them ends it is published again. Audited.',
  )
  @ApiOkResponse({ type: PlacementDetailDto })
  @ApiStaffErrors(400, 404, 409)
  async move(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: MovePlacementDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<PlacementDetailDto> {
    await this.placements.move(id, dto.stage, {
      actor: 'staff',
      staff,
      reason: dto.reason ?? null,
      note: dto.note ?? null,
    });
    return this.get(id);
  }

  @Post(':id/notes')
  @HttpCode(201)
  @ApiDoc(
    'Add a note to a placement',
    'A note in the placement’s timeline, under the staff member’s name. Audited.',
  )
  @ApiCreatedResponse({ type: PlacementDetailDto })
  @ApiStaffErrors(400, 404)
  async note(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: PlacementNoteDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<PlacementDetailDto> {
    await this.placements.addNote(id, dto.note, staff);
    return this.get(id);
  }
}
