import { Controller, Get, Param, ParseUUIDPipe, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { clashCount, weekPlan } from '../../matching/domain/week-plan';
import { StaffMatchingService } from '../../matching/staff-matching.service';
import { addDays, berlinDateOf } from '../../shared/berlin-time';
import { mondayOf, mondayOfWeekParam, weekInstants } from '../../shared/iso-week';
import type { AuthenticatedStaff } from '../../staff/staff-auth.service';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { requestsOccurringSql } from '../../volunteers/volunteer-search';
import { VolunteersService } from '../../volunteers/volunteers.service';
import { ConsoleAuthGuard, Staff, View } from './console-auth.guard';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { CaseSheetPage } from './pages/case-sheet.page';
import { labelsFor } from './pages/labels';
import { WeekPage } from './pages/week.page';
import { loadRequestTimeline } from './request-timeline';
import { sendPage, type ConsoleView } from './view';
import { loadWeekAssignments } from './volunteer-assignments.queries';

/**
 * The coordinator's week (who helps whom when, clashes marked, printable) and the printable case
 * sheet of one request (its read is audited like the request page's).
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@Controller('console')
export class ConsoleWeekController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly staffMatching: StaffMatchingService,
    private readonly volunteers: VolunteersService,
    private readonly taxonomy: TaxonomyService,
  ) {}

  /** `?week=2026-W50` or `?from=2026-12-09` (any day of the week); this week by default. */
  @Get('week')
  async week(
    @View() view: ConsoleView,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const thisMonday = mondayOf(berlinDateOf(new Date()));
    const week = typeof query.week === 'string' && query.week !== '' ? query.week : undefined;
    const from = typeof query.from === 'string' && query.from !== '' ? query.from : undefined;
    const asked = week !== undefined || from !== undefined ? mondayOfWeekParam({ week, from }) : thisMonday;
    const monday = asked ?? thisMonday;
    // A year either side is plenty for planning; further out is a typo.
    const usable =
      asked !== null && monday >= addDays(thisMonday, -7 * 520) && monday <= addDays(thisMonday, 7 * 520);
    const { start, end } = weekInstants(usable ? monday : thisMonday);
    const rows = usable
      ? await loadWeekAssignments(
          this.dataSource.manager,
          requestsOccurringSql('$1::timestamptz', '$2::timestamptz'),
          start,
          end,
        )
      : [];
    const days = weekPlan(
      rows.map((row) => ({
        ...row,
        firstDate: row.startsAt ? berlinDateOf(new Date(row.startsAt)) : null,
        lastDate: row.closedAt ? berlinDateOf(new Date(row.closedAt)) : null,
      })),
      usable ? monday : thisMonday,
    );
    sendPage(response, usable ? 200 : 400, WeekPage, {
      view,
      labels: labelsFor(this.taxonomy.taxonomy, view.t),
      monday: usable ? monday : thisMonday,
      thisMonday,
      days,
      clashes: clashCount(days),
      problems: usable
        ? []
        : [
            {
              field: 'week',
              message: view.t.t('console.week.invalid', { value: String(week ?? from ?? '') }),
            },
          ],
      weekInput: usable ? undefined : String(week ?? from ?? ''),
    });
  }

  /** The request on one printable page; reading it is audited (help-request.viewed) like the request page. */
  @Get('requests/:id/sheet')
  async sheet(
    @Param('id', ParseUUIDPipe) id: string,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const detail = await this.staffMatching.requestDetail(id, staff);
    const accepted = detail.matches.find((match) => match.status === 'accepted');
    const [timeline, volunteer] = await Promise.all([
      loadRequestTimeline(this.dataSource.manager, id),
      accepted?.volunteer ? this.volunteers.get(accepted.volunteer.id) : Promise.resolve(null),
    ]);
    sendPage(response, 200, CaseSheetPage, {
      view,
      labels: labelsFor(this.taxonomy.taxonomy, view.t),
      printedAt: new Date(),
      data: {
        request: detail,
        helpSeeker: detail.helpSeeker,
        volunteer: volunteer
          ? { id: volunteer.id, name: volunteer.name, phone: volunteer.phone, email: volunteer.email }
          : null,
        timeline,
      },
    });
  }
}
