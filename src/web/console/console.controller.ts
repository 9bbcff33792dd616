import {
  Body,
  Controller,
  NotFoundException,
  Get,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { HelpRequestNote } from '../../help-seekers/help-request-note.entity';
import { CallTasksService } from '../../matching/call-tasks.service';
import { HelpRequestsService } from '../../help-seekers/help-requests.service';
import { StaffHelpRequestsService } from '../../help-seekers/staff-help-requests.service';
import { EraseHelpSeekerDto, WithdrawConsentDto } from '../../help-seekers/dto/help-seeker-rights.dto';
import { HelpSeekerRightsService } from '../../help-seekers/help-seeker-rights.service';
import { MatchDecisionsService } from '../../matching/match-decisions.service';
import { StaffMatchingService } from '../../matching/staff-matching.service';
import { MatchingService } from '../../matching/matching.service';
import { ConflictError, DomainError } from '../../shared/domain-error';
import { isUUID } from 'class-validator';
import { volunteerSearchSql } from './volunteer-search';
import { AuditService } from '../../staff/audit.service';
import { AllowRestricted, SESSION_COOKIE, sessionCookieOptions } from '../../staff/staff-auth.guard';
import {
  AuthenticatedStaff,
  InvalidCredentialsError,
  LoginBusyError,
  StaffAuthService,
} from '../../staff/staff-auth.service';
import { AbuseProtectionService, TooManyLoginsError } from '../../abuse-protection/abuse-protection.service';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { ConsoleAuthGuard, consoleLocale, Staff, View } from './console-auth.guard';
import { ConsoleExceptionFilter, safeNext } from './console-exception.filter';
import { CSRF_FIELD, LOGIN_CSRF_COOKIE, newLoginCsrfToken, tokensMatch } from './csrf';
import { translator, type MessageKey } from '../../i18n';
import { readForm } from '../forms/form-path';
import { labelsFor } from './pages/labels';
import { LoginPage } from './pages/login.page';
import { RequestPage, type PickOtherResult } from './pages/request.page';
import { TodayPage } from './pages/today.page';
import { loadRequestTimeline } from './request-timeline';
import { loadToday } from './today.queries';
import { UrgencySettingsService } from '../../settings/urgency-settings.service';
import { loadDropOutAlerts, loadRequestVolunteerAnswers } from './volunteer-life.queries';
import { sendPage, type ConsoleView } from './view';
import { EnginePanelLoader } from './console-engine.controller';

/** `?done=approved` after a redirect (PRG) becomes the notice on the next page. */
const NOTICES: Record<string, MessageKey> = {
  approved: 'console.request.approved',
  rejected: 'console.request.rejected',
  noted: 'console.request.noted',
  rematched: 'console.request.rematched',
  released: 'console.request.released',
  'provider-approved': 'console.providers.approved',
  created: 'console.request.created',
  proposed: 'console.request.proposed',
  saved: 'console.volunteers.saved',
  'links-revoked': 'console.volunteers.linksRevoked',
  'settings-saved': 'console.settings.saved',
  'staff-created': 'console.settings.staffCreated',
  'agency-saved': 'console.agency.saved',
  erased: 'console.rights.erased',
  'health-withdrawn': 'console.rights.healthWithdrawn',
  'erase-refused': 'console.rights.refused',
  overridden: 'console.override.notice.overridden',
  'agreed-by-phone': 'console.override.notice.agreedByPhone',
  attendance: 'console.override.notice.attendance',
  blocked: 'console.override.notice.blocked',
  unblocked: 'console.override.notice.unblocked',
  closed: 'console.requestClose.closed',
};
export const noticeOf = (view: ConsoleView, done: unknown): string | null =>
  typeof done === 'string' && NOTICES[done] ? view.t.t(NOTICES[done]) : bulkNotice(view, done);

/** `?done=bulk-3-1` after a bulk action: how many requests it changed and how many it could not. */
function bulkNotice(view: ConsoleView, done: unknown): string | null {
  const counts = typeof done === 'string' ? /^bulk-(\d{1,4})-(\d{1,4})$/.exec(done) : null;
  return counts
    ? view.t.t('console.bulk.summary', {
        done: view.t.number(Number(counts[1])),
        refused: view.t.number(Number(counts[2])),
      })
    : null;
}

/** Login and logout: the only console pages without a session. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console')
export class ConsoleLoginController {
  constructor(
    private readonly auth: StaffAuthService,
    private readonly audit: AuditService,
    private readonly callTasks: CallTasksService,
    private readonly abuse: AbuseProtectionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('login')
  loginPage(
    @Req() request: Request,
    @Res() response: Response,
    @Query('next') next?: string,
    @Query('out') out?: string,
    @Query('done') done?: string,
  ): void {
    this.sendLogin(request, response, 200, {
      next: safeNext(next),
      loggedOut: out === '1',
      passwordReset: done === 'password-reset',
    });
  }

  @Post('login')
  async login(
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const next = safeNext(body.next);
    const email = typeof body.email === 'string' ? body.email : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const cookies = request.cookies as Record<string, string> | undefined;
    if (!tokensMatch(cookies?.[LOGIN_CSRF_COOKIE], body[CSRF_FIELD])) {
      this.sendLogin(request, response, 403, { next, email, failed: true });
      return;
    }
    try {
      await this.abuse.admitLogin(request.ip ?? '', email);
      const { token, expiresAt, secondFactorRequired } = await this.auth.login(email, password);
      response.cookie(SESSION_COOKIE, token, sessionCookieOptions(this.config, expiresAt));
      response.clearCookie(LOGIN_CSRF_COOKIE, { path: '/console' });
      // A first password to change or two-factor to set up: the guard sends the next page there.
      response.redirect(
        303,
        secondFactorRequired ? `/console/login/code?next=${encodeURIComponent(next)}` : next,
      );
    } catch (error) {
      if (error instanceof TooManyLoginsError) {
        this.sendLogin(request, response, 429, { next, email, refused: 'tooMany' });
      } else if (error instanceof LoginBusyError) {
        this.sendLogin(request, response, 503, { next, email, refused: 'busy' });
      } else if (error instanceof InvalidCredentialsError) {
        this.sendLogin(request, response, 401, { next, email, failed: true });
      } else {
        throw error;
      }
    }
  }

  @Post('logout')
  @UseGuards(ConsoleAuthGuard)
  @AllowRestricted('second-factor', 'password-change', 'two-factor-enrolment')
  async logout(
    @Req() request: Request,
    @Res() response: Response,
    @Staff() staff: AuthenticatedStaff,
  ): Promise<void> {
    const token = (request.cookies as Record<string, string>)[SESSION_COOKIE];
    if (token) {
      await this.auth.logout(token);
      await this.audit.record({
        staffUserId: staff.id,
        action: 'staff.logged-out',
        entityType: 'staff-user',
        entityId: staff.id,
      });
    }
    response.clearCookie(SESSION_COOKIE, sessionCookieOptions(this.config));
    response.redirect(303, '/console/login?out=1');
  }

  private sendLogin(
    request: Request,
    response: Response,
    status: number,
    options: {
      next: string;
      email?: string;
      failed?: boolean;
      refused?: 'tooMany' | 'busy';
      loggedOut?: boolean;
      passwordReset?: boolean;
    },
  ): void {
    const t = translator(consoleLocale(request, response), 'staff');
    const csrf = newLoginCsrfToken();
    response.cookie(LOGIN_CSRF_COOKIE, csrf, {
      ...sessionCookieOptions(this.config),
      path: '/console',
    });
    const view: ConsoleView = { t, staff: null, csrf, path: request.originalUrl };
    sendPage(response, status, LoginPage, { view, ...options });
  }
}

/** "Heute", a request with its candidates and timeline (phone intake: console-intake.controller.ts). */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@Controller('console')
export class ConsoleRequestsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly staffRequests: StaffHelpRequestsService,
    private readonly helpRequests: HelpRequestsService,
    private readonly decisions: MatchDecisionsService,
    private readonly staffMatching: StaffMatchingService,
    private readonly matching: MatchingService,
    private readonly taxonomy: TaxonomyService,
    private readonly audit: AuditService,
    private readonly callTasks: CallTasksService,
    private readonly rights: HelpSeekerRightsService,
    private readonly enginePanel: EnginePanelLoader,
    private readonly urgency: UrgencySettingsService,
  ) {}

  @Get()
  async today(
    @View() view: ConsoleView,
    @Res() response: Response,
    @Query('done') done?: string,
  ): Promise<void> {
    const now = new Date();
    const urgency = await this.urgency.get();
    const today = await loadToday(this.dataSource.manager, now, urgency);
    sendPage(response, 200, TodayPage, {
      view,
      labels: labelsFor(this.taxonomy.taxonomy, view.t),
      today,
      urgency,
      now,
      notice: noticeOf(view, done),
      dropOuts: await loadDropOutAlerts(this.dataSource.manager, now),
    });
  }

  @Get('requests/:id')
  async request(
    @Param('id', ParseUUIDPipe) id: string,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
    @Query('done') done?: string,
    @Query('volunteer') volunteer?: string,
  ): Promise<void> {
    // The service audits the read of the help-seeker's contact data.
    const detail = await this.staffMatching.requestDetail(id, staff);
    const [timeline, consents] = await Promise.all([
      loadRequestTimeline(this.dataSource.manager, id),
      detail.helpSeeker
        ? this.dataSource.query<
            { purpose: string; mode: string; givenAt: Date; recordedBy: string | null }[]
          >(
            `SELECT c.purpose, c.mode, c.given_at AS "givenAt", s.name AS "recordedBy" FROM consent_record c
               LEFT JOIN staff_user s ON s.id = c.recorded_by_staff_id
              WHERE c.subject_type = 'help-seeker' AND c.subject_id = $1 AND c.withdrawn_at IS NULL
              ORDER BY c.given_at`,
            [detail.helpSeeker.id],
          )
        : Promise.resolve([]),
    ]);
    sendPage(response, 200, RequestPage, {
      view,
      labels: labelsFor(this.taxonomy.taxonomy, view.t),
      data: {
        request: detail,
        helpSeeker: detail.helpSeeker,
        provider: detail.provider,
        consents,
        exclusionSummary: detail.exclusionSummary,
        matches: detail.matches,
        timeline,
        pickOther: volunteer?.trim() ? await this.pickOther(id, volunteer.trim()) : undefined,
        engine: await this.enginePanel.load(id, volunteer),
        volunteerAnswers: await loadRequestVolunteerAnswers(this.dataSource.manager, id),
      },
      notice: noticeOf(view, done),
    });
  }

  /** Staff pick a volunteer the ranking did not propose; the hard rules still apply. */
  @Post('requests/:id/propose')
  async propose(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const volunteerId = typeof body.volunteerId === 'string' ? body.volunteerId : '';
    if (!isUUID(volunteerId)) {
      throw new DomainError('invalid-volunteer', 'volunteerId must be a UUID', 'volunteerId');
    }
    const verdict = await this.matching.proposeVolunteer(id, volunteerId, staff);
    if (!verdict.eligible) {
      throw new ConflictError(verdict.explanation.en);
    }
    response.redirect(303, `/console/requests/${id}?done=proposed`);
  }

  /** Up to five volunteers by name or email, each with the verdict of the matching rules for this request. */
  private async pickOther(
    requestId: string,
    query: string,
  ): Promise<{ query: string; results: PickOtherResult[] }> {
    const { sql, params } = volunteerSearchSql({ q: query, page: 0 }, { skills: [] });
    const rows = (
      await this.dataSource.query<{ id: string; name: string; district: string | null }[]>(sql, params)
    ).slice(0, 5);
    const results = await Promise.all(
      rows.map(async (row): Promise<PickOtherResult> => {
        const verdict = await this.matching.explain(requestId, row.id);
        return {
          id: row.id,
          name: row.name,
          district: row.district,
          verdict: verdict.eligible
            ? { eligible: true, score: verdict.candidate.score }
            : { eligible: false, explanation: verdict.explanation },
        };
      }),
    );
    return { query, results };
  }

  @Post('matches/:id/approve')
  async approve(
    @Param('id', ParseUUIDPipe) id: string,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const match = await this.decisions.approve(id, staff);
    response.redirect(303, `/console/requests/${match.requestId}?done=approved`);
  }

  @Post('matches/:id/reject')
  async reject(
    @Param('id', ParseUUIDPipe) id: string,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const match = await this.decisions.reject(id, staff);
    response.redirect(303, `/console/requests/${match.requestId}?done=rejected`);
  }

  /** A request from the public pages, reviewed (and maybe called back): start matching it. */
  @Post('requests/:id/release')
  async release(
    @Param('id', ParseUUIDPipe) id: string,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    await this.staffMatching.release(id, staff);
    response.redirect(303, `/console/requests/${id}?done=released`);
  }

  @Post('requests/:id/rematch')
  async rematch(
    @Param('id', ParseUUIDPipe) id: string,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    await this.staffMatching.rematch(id, staff);
    response.redirect(303, `/console/requests/${id}?done=rematched`);
  }

  @Post('requests/:id/notes')
  async addNote(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const text = typeof body.body === 'string' ? body.body.trim().slice(0, 2000) : '';
    if (text) {
      await this.staffMatching.requestDetail(id, staff); // 404 for an unknown request, before anything is written
      await this.dataSource.transaction(async (manager) => {
        const note = await manager.save(
          manager.create(HelpRequestNote, { requestId: id, staffUserId: staff.id, body: text }),
        );
        await this.audit.record(
          {
            staffUserId: staff.id,
            action: 'help-request.note-added',
            entityType: 'help-request',
            entityId: id,
            details: { noteId: note.id },
          },
          manager,
        );
      });
    }
    response.redirect(303, `/console/requests/${id}?done=noted`);
  }

  /** Staff phoned the help-seeker back; the request leaves the "call back" list until its status changes. */
  @Post('requests/:id/called-back')
  async calledBack(
    @Param('id', ParseUUIDPipe) id: string,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.audit.record(
        {
          staffUserId: staff.id,
          action: 'help-request.called-back',
          entityType: 'help-request',
          entityId: id,
        },
        manager,
      );
      // The "call the help-seeker" tasks the notifications opened for this request are done too.
      await this.callTasks.markDoneForRequest(id, staff, manager);
    });
    response.redirect(303, '/console');
  }

  /** Art. 15: the person's data as a JSON download (the service audits it). */
  @Get('help-seekers/:id/export')
  async exportHelpSeeker(
    @Param('id', ParseUUIDPipe) id: string,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const data = await this.rights.export(id, staff);
    response
      .status(200)
      .set({
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="help-seeker-${id}.json"`,
        'Cache-Control': 'no-store',
      })
      .send(JSON.stringify(data, null, 2));
  }

  /** Withdrawal of the health-data consent: the health details go, the request stays. */
  @Post('help-seekers/:id/withdraw')
  async withdrawConsent(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const requestId = this.requestIdOf(body);
    const outcome = await readForm(WithdrawConsentDto, { purpose: body.purpose }, view.t);
    if (!outcome.ok) {
      throw new DomainError('invalid-purpose', 'purpose must be data-processing or health-data', 'purpose');
    }
    try {
      const result = await this.rights.withdrawConsent(id, outcome.dto.purpose, staff);
      response.redirect(
        303,
        `/console/requests/${requestId}?done=${result.erased ? 'erased' : 'health-withdrawn'}`,
      );
    } catch (error) {
      this.refusedOrThrow(error, requestId, response);
    }
  }

  /** Art. 17 after an explicit confirmation; "consent withdrawn" records the withdrawal too. */
  @Post('help-seekers/:id/erase')
  async eraseHelpSeeker(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const requestId = this.requestIdOf(body);
    const outcome = await readForm(
      EraseHelpSeekerDto,
      { reason: body.reason, confirm: body.confirm === 'yes' },
      view.t,
    );
    if (!outcome.ok) {
      throw new DomainError(
        'erasure-not-confirmed',
        view.t.t('console.rights.notConfirmed'),
        outcome.problems[0]?.field ?? 'confirm',
      );
    }
    try {
      if (outcome.dto.reason === 'consent-withdrawn') {
        await this.rights.withdrawConsent(id, 'data-processing', staff);
      } else {
        await this.rights.erase(id, staff, outcome.dto.reason);
      }
      response.redirect(303, `/console/requests/${requestId}?done=erased`);
    } catch (error) {
      this.refusedOrThrow(error, requestId, response);
    }
  }

  private requestIdOf(body: Record<string, unknown>): string {
    const requestId = typeof body.requestId === 'string' ? body.requestId : '';
    if (!isUUID(requestId)) {
      throw new DomainError('invalid-request', 'requestId must be a UUID', 'requestId');
    }
    return requestId;
  }

  /** An open call task needs the number: back to the request with the reason in words. */
  private refusedOrThrow(error: unknown, requestId: string, response: Response): void {
    if (error instanceof ConflictError) {
      response.redirect(303, `/console/requests/${requestId}?done=erase-refused`);
      return;
    }
    throw error;
  }
}

/** Any other console address: the login for strangers, a "not found" page for staff. Registered last. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@Controller('console')
export class ConsoleFallbackController {
  @Get('*path')
  notFound(): never {
    throw new NotFoundException();
  }
}
