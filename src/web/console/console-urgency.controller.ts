import { Body, Controller, Get, Post, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequestValidationError, type FieldError } from '../../common/validation';
import type { Urgency } from '../../help-seekers/help-request.entity';
import { UrgencySettingsService } from '../../settings/urgency-settings.service';
import type { AuthenticatedStaff } from '../../staff/staff-auth.service';
import { formText } from '../forms/form-path';
import { ConsoleAuthGuard, ConsoleRoles, Staff, View } from './console-auth.guard';
import { noticeOf } from './console.controller';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { parseAvailabilityLine } from './format';
import { UrgencyPage, urgencyForm, type UrgencyForm } from './pages/urgency.page';
import { sendPage, type ConsoleView } from './view';

const URGENCIES: Urgency[] = ['high', 'normal', 'low'];

function readForm(body: Record<string, unknown>): UrgencyForm {
  return {
    thresholds: Object.fromEntries(
      URGENCIES.map((urgency) => [
        urgency,
        { amount: formText(body[`${urgency}.amount`]) ?? '', unit: formText(body[`${urgency}.unit`]) ?? '' },
      ]),
    ) as UrgencyForm['thresholds'],
    openingHours: formText(body.openingHours) ?? '',
  };
}

/** The form as the API's body: the same validation (validateUrgencySettings) decides. */
function toChange(form: UrgencyForm): Record<string, unknown> {
  return {
    thresholds: Object.fromEntries(
      URGENCIES.map((urgency) => {
        const { amount, unit } = form.thresholds[urgency];
        // An empty or non-numeric amount stays a value the validator refuses, never "unchanged".
        const number = amount === '' ? Number.NaN : Number(amount.replace(',', '.'));
        return [urgency, { amount: Number.isFinite(number) ? number : amount, unit }];
      }),
    ),
    openingHours: parseAvailabilityLine(form.openingHours),
  };
}

/** The validator's (English, API) messages in the page's words. */
function problemText(view: ConsoleView, problem: FieldError): string {
  const { t } = view;
  if (problem.field === 'openingHours') {
    return t.t('console.urgency.problemOpeningHours');
  }
  if (problem.field.endsWith('.amount')) {
    return t.t('console.urgency.problemAmount');
  }
  if (problem.field.endsWith('.unit')) {
    return t.t('console.urgency.problemUnit');
  }
  return problem.message;
}

/** Urgency thresholds and opening hours: every staff member reads them, admins change them (audited). */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@Controller('console/settings/urgency')
export class ConsoleUrgencyController {
  constructor(private readonly urgency: UrgencySettingsService) {}

  @Get()
  async page(
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
    @Query('done') done?: string,
  ): Promise<void> {
    sendPage(response, 200, UrgencyPage, {
      view,
      form: urgencyForm(await this.urgency.get(), view.t),
      canEdit: staff.role === 'admin',
      notice: noticeOf(view, done),
    });
  }

  @Post()
  @ConsoleRoles('admin')
  async save(
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const form = readForm(body);
    try {
      await this.urgency.update(toChange(form), staff);
      response.redirect(303, '/console/settings/urgency?done=settings-saved');
    } catch (error) {
      if (!(error instanceof RequestValidationError)) {
        throw error;
      }
      sendPage(response, 400, UrgencyPage, {
        view,
        form,
        canEdit: true,
        problems: error.fieldErrors.map((problem) => ({ ...problem, message: problemText(view, problem) })),
      });
    }
  }
}
