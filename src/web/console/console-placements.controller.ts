import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { RequestValidationError, type FieldError } from '../../common/validation';
import { PlacementSettingsService, type PlacementSettings } from '../../settings/placement-settings.service';
import { MovePlacementDto, OpenPlacementDto, PlacementNoteDto } from '../../placements/dto/placement.dto';
import { PlacementsService } from '../../placements/placements.service';
import { NotFoundError } from '../../shared/domain-error';
import type { AuthenticatedStaff } from '../../staff/staff-auth.service';
import { formText } from '../forms/form-path';
import { ConsoleAuthGuard, ConsoleRoles, Staff, View } from './console-auth.guard';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { submitForm } from './forms';
import {
  NewPlacementPage,
  PlacementBoardPage,
  PlacementPage,
  PlacementSettingsPage,
  SETTINGS_NUMBERS,
  STUCK_STAGES,
  type BoardFilters,
} from './pages/placements.page';
import { sendPage, type Choice, type ConsoleView } from './view';

/** The settings as form values (strings; the checkbox "1" when on). */
function settingsValues(settings: PlacementSettings): Record<string, string> {
  return {
    ...Object.fromEntries(
      STUCK_STAGES.map((stage) => [`stuckAfterDays.${stage}`, String(settings.stuckAfterDays[stage])]),
    ),
    ...Object.fromEntries(SETTINGS_NUMBERS.map((name) => [name, String(settings[name])])),
    reviewHostSubmissions: settings.reviewHostSubmissions ? '1' : '',
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Placements in the console: the board by stage, one placement with its timeline, staff moves and notes. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@Controller('console')
export class ConsolePlacementsController {
  constructor(
    // DataSource, not repositories: the board's filter choices (opportunities, hosts, advisers).
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly placements: PlacementsService,
    private readonly settings: PlacementSettingsService,
  ) {}

  @Get('settings/placements')
  async settingsPage(
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Query('done') done: unknown,
    @Res() response: Response,
  ): Promise<void> {
    sendPage(response, 200, PlacementSettingsPage, {
      view,
      values: settingsValues(await this.settings.get()),
      canEdit: staff.role === 'admin',
      problems: [],
      notice: done === 'saved' ? view.t.t('placements.settings.saved') : null,
    });
  }

  @Post('settings/placements')
  @ConsoleRoles('admin')
  async saveSettings(
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const asNumber = (value: unknown): unknown => {
      const text = formText(value) ?? '';
      return /^\d{1,6}$/.test(text) ? Number(text) : text;
    };
    const change = {
      stuckAfterDays: Object.fromEntries(
        STUCK_STAGES.map((stage) => [stage, asNumber(body[`stuckAfterDays.${stage}`])]),
      ),
      ...Object.fromEntries(SETTINGS_NUMBERS.map((name) => [name, asNumber(body[name])])),
      reviewHostSubmissions: formText(body.reviewHostSubmissions) !== undefined,
    };
    try {
      await this.settings.update(change, staff);
      response.redirect(303, '/console/settings/placements?done=saved');
    } catch (error) {
      if (!(error instanceof RequestValidationError)) {
        throw error;
      }
      const values = Object.fromEntries(
        Object.entries(body)
          .filter(([key, value]) => key !== '_csrf' && typeof value === 'string')
          .map(([key, value]) => [key, value as string]),
      );
      sendPage(response, 400, PlacementSettingsPage, {
        view,
        values,
        canEdit: true,
        problems: error.fieldErrors.map((problem) => ({
          ...problem,
          message: view.t.t('placements.settings.invalid'),
        })),
      });
    }
  }

  @Get('placements')
  async board(
    @View() view: ConsoleView,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const problems: FieldError[] = [];
    const filters: BoardFilters = {};
    for (const [param, key] of [
      ['opportunity', 'opportunityId'],
      ['provider', 'providerId'],
      ['adviser', 'adviserId'],
    ] as const) {
      const value = query[param];
      if (value === undefined || value === '') {
        continue;
      }
      if (typeof value === 'string' && UUID.test(value)) {
        filters[key] = value;
      } else {
        problems.push({ field: param, message: view.t.t('placements.board.invalid', { field: param }) });
      }
    }
    if (query.stuck !== undefined && query.stuck !== '') {
      if (query.stuck === '1' || query.stuck === 'true') {
        filters.stuck = true;
      } else {
        problems.push({ field: 'stuck', message: view.t.t('placements.board.invalid', { field: 'stuck' }) });
      }
    }
    const placements = problems.length
      ? []
      : await this.placements.list({
          opportunityId: filters.opportunityId,
          providerId: filters.providerId,
          adviserId: filters.adviserId,
          onlyStuck: filters.stuck,
        });
    const [opportunities, providers, advisers] = await Promise.all([
      this.choices(
        `SELECT o.id AS value, o.title AS label FROM opportunity o
          WHERE o.status = 'published' OR EXISTS (SELECT 1 FROM placement p WHERE p.opportunity_id = o.id)
          ORDER BY o.title LIMIT 500`,
      ),
      this.choices(
        `SELECT pr.id AS value, pr.name AS label FROM provider pr
          WHERE EXISTS (SELECT 1 FROM opportunity o WHERE o.provider_id = pr.id) ORDER BY pr.name LIMIT 500`,
      ),
      this.choices(
        `SELECT id AS value, name AS label FROM staff_user WHERE deactivated_at IS NULL ORDER BY name LIMIT 200`,
      ),
    ]);
    sendPage(response, problems.length ? 400 : 200, PlacementBoardPage, {
      view,
      placements,
      filters,
      opportunities,
      providers,
      advisers,
      problems,
    });
  }

  @Get('placements/:id')
  async detail(
    @Param('id', ParseUUIDPipe) id: string,
    @View() view: ConsoleView,
    @Query('done') done: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const notice =
      done === 'moved'
        ? view.t.t('placements.done.moved')
        : done === 'noted'
          ? view.t.t('placements.done.noted')
          : done === 'opened'
            ? view.t.t('placements.done.opened')
            : null;
    await this.sendDetail(response, 200, view, id, [], {}, notice);
  }

  @Post('placements/:id/stage')
  async move(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const plain = {
      stage: formText(body.stage) ?? '',
      reason: formText(body.reason),
      note: formText(body.note),
    };
    await this.placements.get(id);
    await submitForm(response, {
      t: view.t,
      dtoClass: MovePlacementDto,
      plain,
      action: (dto) =>
        this.placements.move(id, dto.stage, {
          actor: 'staff',
          staff,
          reason: dto.reason ?? null,
          note: dto.note ?? null,
        }),
      redirectTo: `/console/placements/${id}?done=moved`,
      showErrors: (problems) => this.sendDetail(response, 400, view, id, problems, plain),
    });
  }

  @Post('placements/:id/notes')
  async note(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const plain = { note: formText(body.note) ?? '' };
    await this.placements.get(id);
    await submitForm(response, {
      t: view.t,
      dtoClass: PlacementNoteDto,
      plain,
      action: (dto) => this.placements.addNote(id, dto.note, staff),
      redirectTo: `/console/placements/${id}?done=noted`,
      showErrors: (problems) => this.sendDetail(response, 400, view, id, problems, plain),
    });
  }

  @Get('volunteers/:id/placements/new')
  async newForm(
    @Param('id', ParseUUIDPipe) id: string,
    @View() view: ConsoleView,
    @Res() response: Response,
  ): Promise<void> {
    await this.sendNew(response, 200, view, id, [], {});
  }

  @Post('volunteers/:id/placements')
  async open(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const plain = {
      volunteerId: id,
      opportunityId: formText(body.opportunityId) ?? '',
      stage: formText(body.stage),
    };
    await this.volunteerName(id);
    await submitForm(response, {
      t: view.t,
      dtoClass: OpenPlacementDto,
      plain,
      action: (dto) => this.placements.open(dto, staff),
      redirectTo: `/console/volunteers/${id}?done=saved#volunteer-placements`,
      showErrors: (problems) => this.sendNew(response, 400, view, id, problems, plain),
    });
  }

  private async sendDetail(
    response: Response,
    status: number,
    view: ConsoleView,
    id: string,
    problems: FieldError[],
    values: Record<string, string | undefined>,
    notice: string | null = null,
  ): Promise<void> {
    const [placement, timeline] = await Promise.all([this.placements.get(id), this.placements.timeline(id)]);
    sendPage(response, status, PlacementPage, { view, placement, timeline, problems, values, notice });
  }

  private async sendNew(
    response: Response,
    status: number,
    view: ConsoleView,
    volunteerId: string,
    problems: FieldError[],
    values: Record<string, string | undefined>,
  ): Promise<void> {
    const name = await this.volunteerName(volunteerId);
    const opportunities = await this.choices(
      `SELECT o.id AS value, o.title || ' – ' || pr.name AS label
         FROM opportunity o JOIN provider pr ON pr.id = o.provider_id
        WHERE o.status = 'published' ORDER BY o.title LIMIT 500`,
    );
    sendPage(response, status, NewPlacementPage, {
      view,
      volunteer: { id: volunteerId, name },
      opportunities,
      problems,
      values,
    });
  }

  private async volunteerName(id: string): Promise<string> {
    const [row] = await this.dataSource.query<{ name: string }[]>(
      `SELECT name FROM volunteer WHERE id = $1 AND erased_at IS NULL`,
      [id],
    );
    if (!row) {
      throw new NotFoundError('volunteer', id);
    }
    return row.name;
  }

  private choices(sql: string): Promise<Choice[]> {
    return this.dataSource.query<Choice[]>(sql);
  }
}
