import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../../common/api-docs';
import { RequireRole } from '../../staff/require-role';
import { CurrentStaff, StaffAuthGuard } from '../../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../../staff/staff-auth.service';
import { AgencyExportService } from './agency-export.service';
import { AgencyExportQueryDto, sendExportZip } from './export-download';

@ApiTags(API_TAGS.admin)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/export')
export class AgencyExportController {
  constructor(private readonly exporter: AgencyExportService) {}

  @Get()
  @RequireRole('admin')
  @ApiDoc(
    'Export everything the agency holds',
    'Admins only. A zip with one CSV per table (`csv/<table>.csv`: UTF-8 with BOM, `;` by default, cells starting with ' +
      '= + - @ neutralised with a leading apostrophe), the same rows as JSON (`json/<table>.json`, one array per table) ' +
      'and a README.txt (German and English: what each file is, the export time, what is left out). All tables come ' +
      'from one database snapshot and are streamed batch by batch. Never exported: password hashes, second-factor ' +
      'secrets, session and link tokens, signed-link material (see docs/data-transfer.md). Audited before the first ' +
      'row is read (`agency.exported`, with the row count of every table).',
  )
  @ApiOkResponse({
    description: 'The zip file.',
    content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiStaffErrors()
  async export(
    @Query() query: AgencyExportQueryDto,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    await sendExportZip(this.exporter, response, staff, query.separator, 'api');
  }
}
