import {
  Body,
  Controller,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { RequestValidationError, type FieldError } from '../../common/validation';
import {
  HOW_IT_WENT,
  parseClosingChoice,
  reasonsFor,
  requestIdIn,
} from '../../help-seekers/domain/close-outcome';
import { CLOSED_REQUEST_STATUSES, type ClosedRequestStatus } from '../../help-seekers/domain/request-status';
import { HelpRequest } from '../../help-seekers/help-request.entity';
import { BulkRequestActionDto, CloseRequestDto } from '../../matching/dto/matching-actions.dto';
import { StaffMatchingService } from '../../matching/staff-matching.service';
import { NotFoundError } from '../../shared/domain-error';
import type { AuthenticatedStaff } from '../../staff/staff-auth.service';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { domainErrorAsProblem, formList, formText, readForm } from '../forms/form-path';
import { ConsoleAuthGuard, Staff, View } from './console-auth.guard';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { labelsFor } from './pages/labels';
import { RequestClosePage, type CloseForm } from './pages/request-close';
import { sendPage, type ConsoleView } from './view';

/** The form's one select stands for status, how it went and reason: their problems show beside it. */
const CLOSING_FIELDS = new Set(['status', 'outcome', 'reason']);

/** The close form's fields as the API's CloseRequestDto ("unfulfilled:other" → status + reason). */
export function closeFormToDto(body: Record<string, unknown>): {
  form: CloseForm;
  plain: Record<string, unknown>;
} {
  const form: CloseForm = {
    closing: formText(body.closing) ?? '',
    note: formText(body.note) ?? '',
    mergeInto: formText(body.mergeInto) ?? '',
  };
  const choice = parseClosingChoice(form.closing);
  const plain: Record<string, unknown> = {
    status: choice ? choice.status : form.closing || undefined,
    note: form.note || undefined,
    mergeInto: requestIdIn(form.mergeInto || undefined),
  };
  if (choice?.status === 'done') {
    plain.outcome = choice.detail ?? undefined;
  } else if (choice?.detail) {
    plain.reason = choice.detail;
  }
  return { form, plain };
}

/**
 * The bulk form of the requests list: `outcome` is the closed status; `reason` is how it went
 * (done), the reason from the list (unfulfilled, rejected) or, typed freely, a note (an unfulfilled
 * request then counts as "other"). A `closing` value like the single form's is taken too.
 */
export function bulkFormToDto(body: Record<string, unknown>): Record<string, unknown> {
  const action = formText(body.action);
  const plain: Record<string, unknown> = { ids: formList(body.ids), action };
  if (action !== 'close') {
    return plain;
  }
  if (formText(body.closing)) {
    return { ...plain, close: closeFormToDto(body).plain };
  }
  const status = formText(body.outcome) ?? formText(body.status);
  const reasonText = formText(body.reason);
  const reasonCode = reasonText?.toLowerCase();
  let note = formText(body.note);
  const close: Record<string, unknown> = { status, mergeInto: requestIdIn(formText(body.mergeInto)) };
  const known = (CLOSED_REQUEST_STATUSES as readonly string[]).includes(status ?? '');
  if (known && status === 'done' && (HOW_IT_WENT as readonly string[]).includes(reasonCode ?? '')) {
    close.outcome = reasonCode;
  } else if (
    known &&
    (reasonsFor(status as ClosedRequestStatus) as readonly string[]).includes(reasonCode ?? '')
  ) {
    close.reason = reasonCode;
  } else if (reasonText) {
    note = note ? `${reasonText}\n${note}` : reasonText;
    if (status === 'unfulfilled') {
      close.reason = 'other';
    } else if (status === 'rejected') {
      close.reason = reasonText; // not spam or duplicate: refused with the field's message
    }
  }
  close.note = note;
  return { ...plain, close };
}

/** Where a bulk action returns: the list it came from (a console path), else the requests list. */
export function bulkReturnPath(referer: string | undefined): string {
  try {
    const url = referer ? new URL(referer, 'http://console.invalid') : null;
    if (url?.pathname === '/console/requests') {
      url.searchParams.delete('done');
      const query = url.searchParams.toString();
      return `/console/requests?${query ? `${query}&` : ''}`;
    }
  } catch {
    // not a URL: the list
  }
  return '/console/requests?';
}

/** Closing requests in the console: one with its outcome, or several at once (bulk). */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@Controller('console/requests')
export class ConsoleRequestCloseController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly staffMatching: StaffMatchingService,
    private readonly taxonomy: TaxonomyService,
  ) {}

  /** Release or close the requests ticked on the list; each on its own, then back with a summary. */
  @Post('bulk')
  async bulk(
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const outcome = await readForm(BulkRequestActionDto, bulkFormToDto(body), view.t);
    if (!outcome.ok) {
      throw new RequestValidationError(outcome.problems);
    }
    const results = await this.staffMatching.bulk(outcome.dto, staff);
    const done = results.filter((result) => result.result === 'done').length;
    const back = bulkReturnPath(request.get('referer'));
    response.redirect(303, `${back}done=bulk-${done}-${results.length - done}`);
  }

  @Post(':id/close')
  async close(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const request = await this.dataSource.getRepository(HelpRequest).findOneBy({ id });
    if (!request) {
      throw new NotFoundError('help request', id);
    }
    const { form, plain } = closeFormToDto(body);
    const showErrors = (problems: FieldError[]) => {
      const labels = labelsFor(this.taxonomy.taxonomy, view.t);
      sendPage(response, 400, RequestClosePage, {
        view,
        request,
        title: `${labels.category(request.category)}, ${request.district ?? ''}`,
        form,
        problems: problems.map((problem) =>
          CLOSING_FIELDS.has(problem.field) ? { ...problem, field: 'closing' } : problem,
        ),
      });
    };
    const checked = await readForm(CloseRequestDto, plain, view.t);
    if (!checked.ok) {
      showErrors(checked.problems);
      return;
    }
    try {
      await this.staffMatching.close(id, checked.dto, staff);
    } catch (error) {
      const problems = domainErrorAsProblem(error, view.t);
      if (!problems) {
        throw error;
      }
      showErrors(problems);
      return;
    }
    response.redirect(303, `/console/requests/${id}?done=closed`);
  }
}
