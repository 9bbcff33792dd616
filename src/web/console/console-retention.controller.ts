import { Body, Controller, Get, Post, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { RetentionSettingsDto } from '../../retention/dto/retention-settings.dto';
import { RetentionSettingsService } from '../../retention/retention-settings.service';
import type { AuthenticatedStaff } from '../../staff/staff-auth.service';
import { formText } from '../forms/form-path';
import { ConsoleAuthGuard, ConsoleRoles, Staff, View } from './console-auth.guard';
import { noticeOf } from './console.controller';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { submitForm } from './forms';
import { RetentionPage, type RetentionForm } from './pages/retention.page';
import { sendPage, type ConsoleView } from './view';

const FIELDS = [
  'closedCaseMonths',
  'volunteerInactiveMonths',
  'volunteerAnswerDays',
  'auditDetailMonths',
] as const;

/** The retention periods, admins only; the service validates and audits before and after. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@ConsoleRoles('admin')
@Controller('console/settings/retention')
export class ConsoleRetentionController {
  constructor(private readonly retention: RetentionSettingsService) {}

  @Get()
  async page(
    @View() view: ConsoleView,
    @Res() response: Response,
    @Query('done') done?: string,
  ): Promise<void> {
    sendPage(response, 200, RetentionPage, {
      view,
      form: await this.retention.get(),
      runs: await this.retention.recentRuns(),
      notice: noticeOf(view, done),
    });
  }

  @Post()
  async save(
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const form = Object.fromEntries(
      FIELDS.map((field) => [field, formText(body[field]) ?? '']),
    ) as RetentionForm;
    await submitForm(response, {
      t: view.t,
      dtoClass: RetentionSettingsDto,
      plain: form,
      action: (dto) => this.retention.update(dto, staff),
      redirectTo: '/console/settings/retention?done=settings-saved',
      showErrors: async (problems) => {
        sendPage(response, 400, RetentionPage, {
          view,
          form,
          runs: await this.retention.recentRuns(),
          problems,
        });
      },
    });
  }
}
