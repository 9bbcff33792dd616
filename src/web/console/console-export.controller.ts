import { Body, Controller, Get, Post, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthenticatedStaff } from '../../staff/staff-auth.service';
import { AgencyExportQueryDto, sendExportZip } from '../../transfer/export/export-download';
import { AgencyExportService } from '../../transfer/export/agency-export.service';
import { formText, readForm } from '../forms/form-path';
import { ConsoleAuthGuard, ConsoleRoles, Staff, View } from './console-auth.guard';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { ExportPage } from './pages/export.page';
import { sendPage, type ConsoleView } from './view';

/** Export everything, admins only: the page with its warning, and the POST that answers with the zip. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@ConsoleRoles('admin')
@Controller('console/settings/export')
export class ConsoleExportController {
  constructor(private readonly exporter: AgencyExportService) {}

  @Get()
  page(@View() view: ConsoleView, @Res() response: Response): void {
    sendPage(response, 200, ExportPage, { view, separator: 'semicolon' });
  }

  @Post()
  async download(
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const separator = formText(body.separator);
    const outcome = await readForm(
      AgencyExportQueryDto,
      separator === undefined ? {} : { separator },
      view.t,
    );
    if (!outcome.ok) {
      sendPage(response, 400, ExportPage, { view, separator: separator ?? '', problems: outcome.problems });
      return;
    }
    await sendExportZip(this.exporter, response, staff, outcome.dto.separator, 'console');
  }
}
