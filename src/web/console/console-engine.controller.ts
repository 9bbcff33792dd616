import {
  Body,
  Controller,
  Injectable,
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
import { h } from 'preact';
import type { FieldError } from '../../common/validation';
import { HelpRequest } from '../../help-seekers/help-request.entity';
import { BlockVolunteerDto } from '../../matching/dto/matching-actions.dto';
import { OverrideProposalDto, RecordAttendanceDto } from '../../matching/dto/engine.dto';
import { StaffMatchingService } from '../../matching/staff-matching.service';
import { StaffOverridesService } from '../../matching/staff-overrides.service';
import { NotFoundError } from '../../shared/domain-error';
import type { AuthenticatedStaff } from '../../staff/staff-auth.service';
import { ConsoleAuthGuard, Staff, View } from './console-auth.guard';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { submitForm } from './forms';
import { ENGINE_FIELD_LABELS, type EnginePanelData, type OverrideCandidate } from './pages/engine-panel';
import { volunteerSearchSql } from './volunteer-search';
import { ConsoleLayout, sendPage, type ConsoleView } from './view';

/** Loads the request page's engine panel (overrides, phone placements, no-shows, blocks). */
@Injectable()
export class EnginePanelLoader {
  constructor(
    // DataSource, not repositories: the panel reads matches, volunteers and blocks of one request.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly overrides: StaffOverridesService,
  ) {}

  async load(requestId: string, query: string | undefined): Promise<EnginePanelData | undefined> {
    const request = await this.dataSource.getRepository(HelpRequest).findOneBy({ id: requestId });
    if (!request) {
      return undefined;
    }
    const [matches, blocks, candidates] = await Promise.all([
      this.dataSource.query<EnginePanelData['matches']>(
        `SELECT m.id, m.status, m.volunteer_id AS "volunteerId", v.name AS "volunteerName",
                m.override_reason AS "overrideReason", m.overridden_rules AS "overriddenRules",
                m.accepted_on_behalf_by_staff_id IS NOT NULL AS "acceptedOnBehalf",
                m.attendance, m.follow_up_outcome AS "followUpOutcome"
           FROM match m JOIN volunteer v ON v.id = m.volunteer_id
          WHERE m.request_id = $1 ORDER BY m.rank`,
        [requestId],
      ),
      request.helpSeekerId ? this.overrides.blocks(request.helpSeekerId) : Promise.resolve([]),
      query?.trim() ? this.candidates(requestId, query.trim()) : Promise.resolve([]),
    ]);
    return {
      requestId,
      requestStatus: request.status,
      helpSeekerId: request.helpSeekerId,
      escalatedAt: request.escalatedAt,
      candidates,
      matches,
      blocks,
    };
  }

  /** The same five volunteers "Jemand anderen anfragen" finds, each with what an override would take. */
  private async candidates(requestId: string, query: string): Promise<OverrideCandidate[]> {
    const { sql, params } = volunteerSearchSql({ q: query, page: 0 }, { skills: [] });
    const rows = (await this.dataSource.query<{ id: string; name: string }[]>(sql, params)).slice(0, 5);
    return Promise.all(
      rows.map(async (row) => ({
        id: row.id,
        name: row.name,
        ...(await this.overrides.check(requestId, row.id)),
      })),
    );
  }
}

/** The request page's override, phone-placement, no-show and block forms (panel: pages/engine-panel.tsx). */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@Controller('console')
export class ConsoleEngineController {
  constructor(
    // DataSource, not repositories: only to find a match's or a request's owner for the redirect.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly overrides: StaffOverridesService,
    private readonly staffMatching: StaffMatchingService,
  ) {}

  /** "Trotzdem vorschlagen": soft rules overridden with a reason; safeguarding rules refuse (409 page). */
  @Post('requests/:id/override')
  override(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const agreedByPhone = body.agreedByPhone === 'yes';
    return this.submit(
      view,
      response,
      id,
      OverrideProposalDto,
      {
        volunteerId: body.volunteerId,
        reason: body.reason,
        agreedByPhone,
      },
      (dto) => this.overrides.propose(id, dto, staff),
      agreedByPhone ? 'agreed-by-phone' : 'overridden',
    );
  }

  /** An eligible volunteer agreed by phone: proposed and accepted on their behalf at once. */
  @Post('requests/:id/agreed-by-phone')
  agreedByPhone(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    return this.submit(
      view,
      response,
      id,
      OverrideProposalDto,
      {
        volunteerId: body.volunteerId,
        reason: view.t.t('console.override.phoneReason'),
        agreedByPhone: true,
      },
      (dto) => this.overrides.propose(id, dto, staff),
      'agreed-by-phone',
    );
  }

  @Post('matches/:id/attendance')
  async attendance(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const [row] = await this.dataSource.query<{ request_id: string }[]>(
      'SELECT request_id FROM match WHERE id = $1',
      [id],
    );
    if (!row) {
      throw new NotFoundError('match', id);
    }
    return this.submit(
      view,
      response,
      row.request_id,
      RecordAttendanceDto,
      { attendance: body.attendance },
      (dto) => this.overrides.recordAttendance(id, dto.attendance, staff),
      'attendance',
    );
  }

  /** "Diese/n Freiwillige/n nie wieder für diese Person": the existing block, from the request page. */
  @Post('requests/:id/blocks')
  async block(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const seekerId = await this.helpSeekerOf(id);
    const reason =
      typeof body.reason === 'string' && body.reason.trim() !== '' ? body.reason.trim() : undefined;
    return this.submit(
      view,
      response,
      id,
      BlockVolunteerDto,
      { volunteerId: body.volunteerId, reason },
      (dto) => this.staffMatching.block(seekerId, dto, staff),
      'blocked',
    );
  }

  @Post('requests/:id/blocks/:volunteerId/remove')
  async unblock(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('volunteerId', ParseUUIDPipe) volunteerId: string,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    await this.overrides.removeBlock(await this.helpSeekerOf(id), volunteerId, staff);
    response.redirect(303, `/console/requests/${id}?done=unblocked#engine-panel`);
  }

  private async helpSeekerOf(requestId: string): Promise<string> {
    const request = await this.dataSource.getRepository(HelpRequest).findOneBy({ id: requestId });
    if (!request) {
      throw new NotFoundError('help request', requestId);
    }
    if (!request.helpSeekerId) {
      throw new NotFoundError('help-seeker of request', requestId);
    }
    return request.helpSeekerId;
  }

  private submit<T extends object>(
    view: ConsoleView,
    response: Response,
    requestId: string,
    dtoClass: new () => T,
    plain: Record<string, unknown>,
    action: (dto: T) => Promise<unknown>,
    done: string,
  ): Promise<void> {
    return submitForm(response, {
      t: view.t,
      dtoClass,
      plain,
      action,
      redirectTo: `/console/requests/${requestId}?done=${done}#engine-panel`,
      showErrors: (problems) => {
        sendPage(response, 400, EngineFormErrors, { view, requestId, problems });
        return Promise.resolve();
      },
    });
  }
}

/** A refused engine form: what was wrong, and the way back to the request. */
function EngineFormErrors({
  view,
  requestId,
  problems,
}: {
  view: ConsoleView;
  requestId: string;
  problems: FieldError[];
}) {
  const { t } = view;
  return h(
    ConsoleLayout,
    { view, title: t.t('console.override.formErrors') },
    h(
      'div',
      { class: 'alert', role: 'alert' },
      h(
        'ul',
        null,
        ...problems.map((problem) =>
          h(
            'li',
            null,
            `${problem.field in ENGINE_FIELD_LABELS ? t.t(ENGINE_FIELD_LABELS[problem.field]) : problem.field}: ${problem.message}`,
          ),
        ),
      ),
    ),
    h('p', null, h('a', { href: `/console/requests/${requestId}` }, t.t('console.override.back'))),
  );
}
