import { Controller, Get, Inject, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { OpportunitySearchService } from '../../engagement/opportunity-search.service';
import { streamPlatformExport } from '../../engagement/platform-export-stream';
import type { Translator } from '../../i18n';
import { AgencyProfileService } from '../../settings/agency-profile.service';
import type { AuthenticatedStaff } from '../../staff/staff-auth.service';
import { ConsoleAuthGuard, Staff } from './console-auth.guard';
import { ConsoleExceptionFilter } from './console-exception.filter';

/** The button for the opportunities list (console): downloads the Engagement-Plattform CSV. */
export function OpportunityExportLink({ t }: { t: Translator }) {
  return (
    <a class="button secondary" href="/console/opportunities/export.csv" download>
      {t.t('console.engagementExport.button')}
    </a>
  );
}

/** Published opportunities as the Engagement-Plattform CSV (`;`, BOM, neutralised), audited. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@Controller('console/opportunities')
export class ConsoleOpportunityExportController {
  constructor(
    private readonly search: OpportunitySearchService,
    private readonly agencyProfile: AgencyProfileService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('export.csv')
  async export(@Staff() staff: AuthenticatedStaff, @Res() response: Response): Promise<void> {
    await streamPlatformExport(
      response,
      this.search.export(staff, 'csv'),
      await this.agencyProfile.get(),
      this.config.PUBLIC_BASE_URL,
    );
  }
}
