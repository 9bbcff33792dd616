import { Body, Controller, Get, Post, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReportSettingsService } from '../../../settings/report-settings.service';
import type { AuthenticatedStaff } from '../../../staff/staff-auth.service';
import { formText } from '../../forms/form-path';
import { ConsoleAuthGuard, ConsoleRoles, Staff, View } from '../console-auth.guard';
import { ConsoleExceptionFilter } from '../console-exception.filter';
import { sendPage, type ConsoleView } from '../view';
import { ReportSettingsPage } from './report-settings.page';

/** Admins decide whether coordinators may read the reports (docs/reports.md "Who may read them"). */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@Controller('console/settings/reports')
export class ConsoleReportSettingsController {
  constructor(private readonly settings: ReportSettingsService) {}

  @Get()
  @ConsoleRoles('admin')
  async page(
    @View() view: ConsoleView,
    @Query('done') done: unknown,
    @Res() response: Response,
  ): Promise<void> {
    sendPage(response, 200, ReportSettingsPage, {
      view,
      settings: await this.settings.get(),
      problems: [],
      notice: done === 'saved' ? view.t.t('reports.settings.saved') : null,
    });
  }

  @Post()
  @ConsoleRoles('admin')
  async save(
    @Body() body: Record<string, unknown>,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    // An unchecked checkbox is not sent at all: absent means "no".
    await this.settings.update(
      { reportsForCoordinators: formText(body.reportsForCoordinators) !== undefined },
      staff,
    );
    response.redirect(303, '/console/settings/reports?done=saved');
  }
}
