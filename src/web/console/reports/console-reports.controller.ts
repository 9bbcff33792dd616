import { Controller, ForbiddenException, Get, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { FieldError } from '../../../common/validation';
import { sendCsvDownload } from '../../../common/csv-response';
import { parsePeriod, type ReportPeriod } from '../../../reports/domain/period';
import {
  parseBreakdown,
  REPORT_TABLES,
  ReportsService,
  type ReportTableName,
} from '../../../reports/reports.service';
import { AgencyProfileService } from '../../../settings/agency-profile.service';
import { ReportSettingsService } from '../../../settings/report-settings.service';
import { berlinDateOf } from '../../../shared/berlin-time';
import { csvSeparatorOf } from '../../../shared/csv';
import type { AuthenticatedStaff } from '../../../staff/staff-auth.service';
import { TaxonomyService } from '../../../taxonomy/taxonomy.service';
import { ConsoleAuthGuard, Staff, View } from '../console-auth.guard';
import { ConsoleExceptionFilter } from '../console-exception.filter';
import { labelsFor } from '../pages/labels';
import { sendPage, type ConsoleView } from '../view';
import { AnnualReportPage, ReportsPage, columnLabel, rowLabeller, type ReportQuery } from './reports.page';

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Reports for funders (docs/reports.md): the page, CSV per table (audited), the printable annual report. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@Controller('console/reports')
export class ConsoleReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly taxonomy: TaxonomyService,
    private readonly profile: AgencyProfileService,
    private readonly settings: ReportSettingsService,
  ) {}

  private async allow(staff: AuthenticatedStaff): Promise<void> {
    if (!(await this.settings.mayRead(staff.role))) {
      throw new ForbiddenException('reports');
    }
  }

  private parse(
    view: ConsoleView,
    raw: Record<string, unknown>,
  ): { query: ReportQuery; period: ReportPeriod | null; problems: FieldError[] } {
    const today = berlinDateOf(new Date());
    const query: ReportQuery = {
      kind: text(raw.kind) || 'month',
      month: text(raw.month),
      quarter: text(raw.quarter),
      year: text(raw.year),
      from: text(raw.from),
      to: text(raw.to),
      breakdown: text(raw.breakdown) || 'district',
    };
    const problems: FieldError[] = [];
    const parsed = parsePeriod(query, today);
    if ('field' in parsed) {
      problems.push({
        field: parsed.field,
        message: view.t.t(parsed.field === 'kind' ? 'reports.problem.kind' : 'reports.problem.period'),
      });
    }
    if (parseBreakdown(query.breakdown) === null) {
      problems.push({ field: 'breakdown', message: view.t.t('reports.problem.breakdown') });
    }
    return { query, period: 'period' in parsed ? parsed.period : null, problems };
  }

  @Get()
  async page(
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Query() raw: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    await this.allow(staff);
    const { query, period, problems } = this.parse(view, raw);
    const labels = labelsFor(this.taxonomy.taxonomy, view.t);
    if (problems.length > 0 || period === null) {
      sendPage(response, 400, ReportsPage, { view, report: null, labels, query, problems });
      return;
    }
    const report = await this.reports.report(period, parseBreakdown(query.breakdown)!);
    sendPage(response, 200, ReportsPage, { view, report, labels, query, problems });
  }

  /** `?table=requests&separator=semicolon&…period`: one table as CSV with BOM, formulas neutralised. */
  @Get('export.csv')
  async csv(
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Query() raw: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    await this.allow(staff);
    const { query, period, problems } = this.parse(view, raw);
    const name = text(raw.table);
    if (!(REPORT_TABLES as readonly string[]).includes(name)) {
      problems.push({ field: 'table', message: view.t.t('reports.problem.table') });
    }
    if (problems.length > 0 || period === null) {
      response
        .status(400)
        .type('text/plain; charset=utf-8')
        .send(problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
      return;
    }
    const table = name as ReportTableName;
    const report = await this.reports.report(period, parseBreakdown(query.breakdown)!);
    const labels = labelsFor(this.taxonomy.taxonomy, view.t);
    const rowLabel = rowLabeller(view.t, labels, report)(table);
    const filename = `nahbar-${table}-${period.label.replace(/[^0-9A-Za-z-]/g, '_')}.csv`;
    await sendCsvDownload(
      response,
      filename,
      this.reports.csv(report, table, csvSeparatorOf(raw.separator), staff, {
        key: '',
        columns: (column) => columnLabel(view.t, column),
        rowLabel,
      }),
    );
  }

  /** `?year=2026`: the printable annual report with the agency's letterhead. */
  @Get('annual')
  async annual(
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Query() raw: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    await this.allow(staff);
    const parsed = parsePeriod({ kind: 'year', year: text(raw.year) }, berlinDateOf(new Date()));
    const labels = labelsFor(this.taxonomy.taxonomy, view.t);
    if ('field' in parsed) {
      const query: ReportQuery = {
        kind: 'year',
        month: '',
        quarter: '',
        year: text(raw.year),
        from: '',
        to: '',
        breakdown: 'district',
      };
      sendPage(response, 400, ReportsPage, {
        view,
        report: null,
        labels,
        query,
        problems: [{ field: 'year', message: view.t.t('reports.problem.period') }],
      });
      return;
    }
    const report = await this.reports.report(parsed.period, 'district');
    sendPage(response, 200, AnnualReportPage, { view, report, labels, profile: await this.profile.get() });
  }
}
