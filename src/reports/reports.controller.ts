import { Controller, ForbiddenException, Get, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { RequestValidationError } from '../common/validation';
import { ReportSettingsService } from '../settings/report-settings.service';
import { berlinDateOf } from '../shared/berlin-time';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { parsePeriod } from './domain/period';
import { ReportDto, reportDto } from './dto/report.dto';
import { BREAKDOWNS } from './reports.queries';
import { parseBreakdown, ReportsService } from './reports.service';

@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly settings: ReportSettingsService,
  ) {}

  @Get()
  @ApiDoc(
    'Figures for a period',
    'Requests, offers, volunteers, placements, hours and help-seekers reached for a month, quarter, year or custom range of Berlin days, broken down by district, category or source; definitions in docs/reports.md. Counts of 1–2 (and cells that would reveal them through a total) are given as null with shown "< 3". Admins always; coordinators unless the agency turned reports off for them (403). 400 names the wrong parameter.',
  )
  @ApiQuery({ name: 'kind', required: false, enum: ['month', 'quarter', 'year', 'custom'] })
  @ApiQuery({ name: 'month', required: false, example: '2026-03' })
  @ApiQuery({ name: 'quarter', required: false, example: '2026-Q1' })
  @ApiQuery({ name: 'year', required: false, example: '2026' })
  @ApiQuery({ name: 'from', required: false, example: '2026-01-15' })
  @ApiQuery({ name: 'to', required: false, example: '2026-02-14' })
  @ApiQuery({ name: 'breakdown', required: false, enum: BREAKDOWNS })
  @ApiOkResponse({ type: ReportDto })
  @ApiStaffErrors(400, 403)
  async get(
    @Query() query: Record<string, unknown>,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<ReportDto> {
    if (!(await this.settings.mayRead(staff.role))) {
      throw new ForbiddenException('reports are for admins only in this agency');
    }
    const parsed = parsePeriod(query, berlinDateOf(new Date()));
    if ('field' in parsed) {
      throw new RequestValidationError([{ field: parsed.field, message: `${parsed.problem} period` }]);
    }
    const breakdown = parseBreakdown(query.breakdown);
    if (breakdown === null) {
      throw new RequestValidationError([
        { field: 'breakdown', message: `must be one of ${BREAKDOWNS.join(', ')}` },
      ]);
    }
    return reportDto(await this.reports.report(parsed.period, breakdown));
  }
}
