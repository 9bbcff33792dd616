import { Controller, Get, Param, ParseUUIDPipe, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { MAX_REQUEST_PAGE, REQUEST_FILTER_FIELDS } from '../../help-seekers/domain/request-search';
import { RequestSearchService } from '../../help-seekers/request-search.service';
import type { AuthenticatedStaff } from '../../staff/staff-auth.service';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { ConsoleAuthGuard, Staff, View } from './console-auth.guard';
import { noticeOf } from './console.controller';
import { ConsoleExceptionFilter } from './console-exception.filter';
import {
  HelpSeekerListPage,
  HelpSeekerProfilePage,
  type ProfileTimelineEntry,
} from './pages/help-seekers.page';
import { labelsFor } from './pages/labels';
import { filterProblemsInWords, RequestListPage } from './pages/request-list.page';
import { loadRequestTimeline } from './request-timeline';
import { sendPage, type ConsoleView } from './view';

/** How many of a person's requests the profile's timeline reads (newest first). */
const TIMELINE_REQUESTS = 20;
const TIMELINE_ENTRIES = 300;

const firstText = (value: unknown): string => {
  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof first === 'string' ? first.slice(0, 200) : '';
};

/**
 * The requests list: every request, filtered, sorted and paged (query building shared with the
 * staff API in help-seekers/request-search). A filter value it does not know is named on the page.
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@Controller('console/requests')
export class ConsoleRequestListController {
  constructor(
    private readonly search: RequestSearchService,
    private readonly taxonomy: TaxonomyService,
  ) {}

  @Get()
  async list(
    @View() view: ConsoleView,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const form = Object.fromEntries(
      REQUEST_FILTER_FIELDS.map((field) => [field, firstText(query[field])]).filter(
        ([, value]) => value !== '',
      ),
    ) as Record<string, string>;
    const [{ filters, problems }, districts] = await Promise.all([
      this.search.readFilters(query),
      this.search.districtNames(),
    ]);
    const labels = labelsFor(this.taxonomy.taxonomy, view.t);
    if (problems.length > 0) {
      sendPage(response, 400, RequestListPage, {
        view,
        labels,
        filters: { ...filters, page: 0 },
        form,
        districts,
        rows: [],
        hasNext: false,
        problems: filterProblemsInWords(view.t, problems),
      });
      return;
    }
    const { rows, hasNext } = await this.search.searchRequests(filters);
    sendPage(response, 200, RequestListPage, { view, labels, filters, form, districts, rows, hasNext });
  }
}

/** Help-seekers: find a person by name, phone, email or postal code; their profile (read audited). */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@Controller('console/help-seekers')
export class ConsoleHelpSeekersController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly search: RequestSearchService,
    private readonly taxonomy: TaxonomyService,
  ) {}

  @Get()
  async list(
    @View() view: ConsoleView,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const q = firstText(query.q).trim().slice(0, 120);
    const pageText = firstText(query.page);
    const page = /^\d{1,3}$/.test(pageText) && Number(pageText) <= MAX_REQUEST_PAGE ? Number(pageText) : 0;
    const { rows, hasNext } = await this.search.searchHelpSeekers(q, page);
    sendPage(response, 200, HelpSeekerListPage, { view, q, page, rows, hasNext });
  }

  @Get(':id')
  async profile(
    @Param('id', ParseUUIDPipe) id: string,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
    @Query('done') done?: string,
  ): Promise<void> {
    // The service audits the read (help-seeker.viewed).
    const profile = await this.search.profile(id, staff);
    const timelines = await Promise.all(
      profile.requests.slice(0, TIMELINE_REQUESTS).map(async (request) =>
        (await loadRequestTimeline(this.dataSource.manager, request.id)).map(
          (entry): ProfileTimelineEntry => ({
            ...entry,
            requestId: request.id,
            category: request.category,
          }),
        ),
      ),
    );
    const timeline = timelines
      .flat()
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .slice(0, TIMELINE_ENTRIES);
    sendPage(response, 200, HelpSeekerProfilePage, {
      view,
      labels: labelsFor(this.taxonomy.taxonomy, view.t),
      profile,
      timeline,
      notice: noticeOf(view, done),
    });
  }
}
