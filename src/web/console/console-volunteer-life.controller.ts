import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { FieldError } from '../../common/validation';
import { normaliseAnswerNote } from '../../matching/domain/volunteer-answers';
import { DropOutsService } from '../../matching/drop-outs.service';
import { RecordDropOutDto } from '../../matching/dto/drop-out.dto';
import { ConflictError, NotFoundError } from '../../shared/domain-error';
import type { AuthenticatedStaff } from '../../staff/staff-auth.service';
import { formText } from '../forms/form-path';
import { ConsoleAuthGuard, Staff, View } from './console-auth.guard';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { submitForm } from './forms';
import { RecordDropOutPage } from './pages/volunteer-life.page';
import { sendPage, type ConsoleView } from './view';
import { loadRequestVolunteerAnswers } from './volunteer-life.queries';

/** Volunteer life cycle in the console: staff record that an agreed volunteer dropped out. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@Controller('console')
export class ConsoleVolunteerLifeController {
  constructor(
    // DataSource, not repositories: the console's read model (the request's volunteers and their answers).
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly dropOuts: DropOutsService,
  ) {}

  @Get('requests/:id/drop-out')
  async dropOutForm(
    @Param('id', ParseUUIDPipe) id: string,
    @View() view: ConsoleView,
    @Res() response: Response,
  ): Promise<void> {
    await this.sendDropOutForm(response, 200, view, id, [], {});
  }

  @Post('requests/:id/drop-out')
  async recordDropOut(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const values = { reason: formText(body.reason) ?? '', note: formText(body.note) ?? undefined };
    const accepted = await this.accepted(id);
    await submitForm(response, {
      t: view.t,
      dtoClass: RecordDropOutDto,
      plain: values,
      action: async (dto) => {
        const note = normaliseAnswerNote(dto.note);
        const outcome = await this.dropOuts.dropOut(
          accepted.matchId,
          { reason: dto.reason, note: note.ok ? note.note : null },
          staff,
        );
        if (outcome !== 'dropped-out') {
          throw new ConflictError('the volunteer has no agreed assignment for this request any more');
        }
      },
      redirectTo: `/console/requests/${id}?done=rematched`,
      showErrors: (problems) => this.sendDropOutForm(response, 400, view, id, problems, values),
    });
  }

  private async accepted(requestId: string): Promise<{ matchId: string; volunteerName: string }> {
    const { accepted } = await loadRequestVolunteerAnswers(this.dataSource.manager, requestId);
    if (!accepted) {
      throw new NotFoundError('agreed assignment of request', requestId);
    }
    return accepted;
  }

  private async sendDropOutForm(
    response: Response,
    status: number,
    view: ConsoleView,
    requestId: string,
    problems: FieldError[],
    values: { reason?: string; note?: string },
  ): Promise<void> {
    const accepted = await this.accepted(requestId);
    sendPage(response, status, RecordDropOutPage, {
      view,
      requestId,
      volunteerName: accepted.volunteerName,
      problems,
      values,
    });
  }
}
