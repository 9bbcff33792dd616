import { Controller, Get, Inject, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { AgencyProfileService } from '../settings/agency-profile.service';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { OpportunitySearchService } from './opportunity-search.service';
import { streamPlatformExport } from './platform-export-stream';

/** The Engagement-Plattform upload as CSV, for staff (the console offers the same file). */
@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/opportunities')
export class OpportunityExportController {
  constructor(
    private readonly search: OpportunitySearchService,
    private readonly agencyProfile: AgencyProfileService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('export.csv')
  @ApiDoc(
    'Export published opportunities as CSV (Engagement-Plattform upload)',
    'Every published opportunity as CSV for the national Engagement-Plattform: UTF-8 with BOM, `;` separated, formula-like cells neutralised with a leading apostrophe. ' +
      'Columns and their mapping to the bagfa template: docs/engagement-platform.md. Audited (`opportunities.exported`: who, how many rows).',
  )
  @ApiOkResponse({ description: 'The CSV file.', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiStaffErrors()
  async export(@CurrentStaff() staff: AuthenticatedStaff, @Res() response: Response): Promise<void> {
    await streamPlatformExport(
      response,
      this.search.export(staff, 'csv-api'),
      await this.agencyProfile.get(),
      this.config.PUBLIC_BASE_URL,
    );
  }
}
