import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { RequestValidationError } from '../common/validation';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { readOpportunityFilters } from './domain/opportunity-search';
import {
  CreateOpportunityDto,
  CreateProjectDto,
  OpportunityActionDto,
  OpportunityDto,
  OpportunityFieldsDto,
  OpportunityPageDto,
  ProjectDto,
  ProjectInputDto,
  toOpportunityDto,
  toProjectDto,
} from './dto/opportunity.dto';
import { OpportunitiesService, type OpportunityInput } from './opportunities.service';

const asInput = (dto: object): OpportunityInput => {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(dto)) {
    if (value !== undefined && key !== 'providerId' && key !== 'publish') {
      input[key] = value;
    }
  }
  return input;
};

@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/opportunities')
export class OpportunitiesController {
  constructor(
    private readonly opportunities: OpportunitiesService,
    private readonly taxonomy: TaxonomyService,
  ) {}

  @Get()
  @ApiDoc(
    'List opportunities (Engagementangebote)',
    'Newest first, 50 per page. Filters: status (`current` = all but archived, the default; `all`; or one status), field (field-of-activity key), district, providerId, q (title, description, provider name), overdue (review-by date passed), page. An unknown value is a 400 naming the filter.',
  )
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'field', required: false })
  @ApiQuery({ name: 'district', required: false })
  @ApiQuery({ name: 'providerId', required: false })
  @ApiQuery({ name: 'q', required: false })
  @ApiQuery({ name: 'overdue', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiOkResponse({ type: OpportunityPageDto })
  @ApiStaffErrors(400)
  async list(@Query() query: Record<string, unknown>): Promise<OpportunityPageDto> {
    const { filters, problems } = readOpportunityFilters(query, (key) =>
      Object.hasOwn(this.taxonomy.taxonomy.fields, key),
    );
    if (problems.length > 0) {
      throw new RequestValidationError(
        problems.map((problem) => ({ field: problem.field, message: `unknown value: ${problem.value}` })),
      );
    }
    const { rows, hasNext } = await this.opportunities.search(filters);
    return { items: rows, hasNext, page: filters.page };
  }

  @Get(':id')
  @ApiDoc('Get an opportunity', 'All its fields, status and review-by date.')
  @ApiOkResponse({ type: OpportunityDto })
  @ApiStaffErrors(404)
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<OpportunityDto> {
    return toOpportunityDto(await this.opportunities.get(id));
  }

  @Post()
  @HttpCode(201)
  @ApiDoc(
    'Create an opportunity',
    'A draft of the provider (or published with `publish: true`, which sets the review-by date). Every field is checked: lengths, taxonomy keys, language codes, a known postal code unless remote, the time pattern, places 1–1000, minimum age 14–99, commitment 1–60 months, host offers, contact email. Audited.',
  )
  @ApiCreatedResponse({ type: OpportunityDto })
  @ApiStaffErrors(400)
  async create(
    @Body() dto: CreateOpportunityDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<OpportunityDto> {
    const saved = await this.opportunities.create(
      dto.providerId,
      asInput(dto),
      { kind: 'staff', staff },
      { publish: dto.publish === true },
    );
    return toOpportunityDto(saved);
  }

  @Patch(':id')
  @ApiDoc(
    'Change an opportunity',
    'The fields sent replace the stored ones; the whole is checked again. Audited with before and after.',
  )
  @ApiOkResponse({ type: OpportunityDto })
  @ApiStaffErrors(400, 404, 409)
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: OpportunityFieldsDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<OpportunityDto> {
    return toOpportunityDto(await this.opportunities.update(id, asInput(dto), { kind: 'staff', staff }));
  }

  @Post(':id/actions')
  @HttpCode(200)
  @ApiDoc(
    'Change an opportunity’s status',
    'publish, pause (note: why), fill, archive, draft (back to draft), approve or reject a host submission (reject needs a note), confirm (still current: review-by = today + the review interval). 409 when the status does not allow it. Audited.',
  )
  @ApiOkResponse({ type: OpportunityDto })
  @ApiStaffErrors(400, 404, 409)
  async act(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: OpportunityActionDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<OpportunityDto> {
    return toOpportunityDto(await this.opportunities.act(id, dto.action, { kind: 'staff', staff }, dto.note));
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @ApiDoc(
    'Confirm an opportunity is still current',
    'Sets review-by to today (Berlin) plus the review interval; a paused offer whose review was overdue is published again. Audited.',
  )
  @ApiOkResponse({ type: OpportunityDto })
  @ApiStaffErrors(404, 409)
  async confirm(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<OpportunityDto> {
    return toOpportunityDto(await this.opportunities.act(id, 'confirm', { kind: 'staff', staff }));
  }
}

@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/projects')
export class ProjectsController {
  constructor(private readonly opportunities: OpportunitiesService) {}

  @Get()
  @ApiDoc('List projects', 'A host’s projects (Projekte), by title; all of them without providerId.')
  @ApiQuery({ name: 'providerId', required: false })
  @ApiOkResponse({ type: [ProjectDto] })
  @ApiStaffErrors(400)
  async list(@Query('providerId') providerId?: string): Promise<ProjectDto[]> {
    if (providerId !== undefined && !/^[0-9a-f-]{36}$/i.test(providerId)) {
      throw new RequestValidationError([{ field: 'providerId', message: 'must be a provider id' }]);
    }
    return (await this.opportunities.listProjects(providerId ?? null)).map(toProjectDto);
  }

  @Post()
  @HttpCode(201)
  @ApiDoc('Create a project', 'Under a provider; title 2–120 characters. Audited.')
  @ApiCreatedResponse({ type: ProjectDto })
  @ApiStaffErrors(400)
  async create(
    @Body() dto: CreateProjectDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<ProjectDto> {
    return toProjectDto(
      await this.opportunities.createProject(dto.providerId, dto, { kind: 'staff', staff }),
    );
  }

  @Get(':id')
  @ApiDoc('Get a project', 'Its title and description.')
  @ApiOkResponse({ type: ProjectDto })
  @ApiStaffErrors(404)
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<ProjectDto> {
    return toProjectDto(await this.opportunities.getProject(id));
  }

  @Patch(':id')
  @ApiDoc('Change a project', 'Title and description. Audited with before and after.')
  @ApiOkResponse({ type: ProjectDto })
  @ApiStaffErrors(400, 404)
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ProjectInputDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<ProjectDto> {
    return toProjectDto(await this.opportunities.updateProject(id, dto, { kind: 'staff', staff }));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiDoc('Delete a project', 'Its opportunities stay, without a project. Audited.')
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiStaffErrors(404)
  async remove(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<void> {
    await this.opportunities.deleteProject(id, { kind: 'staff', staff });
  }
}
