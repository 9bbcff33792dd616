import {
  Body,
  Controller,
  Get,
  Inject,
  Ip,
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
import type { Request, Response } from 'express';
import { AbuseProtectionService, TooManyLoginsError } from '../../abuse-protection/abuse-protection.service';
import { PasswordResetRequestsService } from '../../accounts/password-reset-requests.service';
import type { FieldError } from '../../common/validation';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { translator, type MessageKey, type Translator } from '../../i18n';
import { ChangePasswordDto } from '../../staff/dto/change-password.dto';
import { CreateStaffUserDto } from '../../staff/dto/create-staff-user.dto';
import { PasswordResetDto, PasswordResetRequestDto } from '../../staff/dto/account.dto';
import { DomainError } from '../../shared/domain-error';
import { AllowRestricted, sessionCookieOptions, SESSION_COOKIE } from '../../staff/staff-auth.guard';
import {
  AuthenticatedStaff,
  InvalidCredentialsError,
  InvalidSecondFactorError,
  LoginBusyError,
  StaffAuthService,
} from '../../staff/staff-auth.service';
import { InvalidResetLinkError, StaffPasswordResetService } from '../../staff/staff-password-reset.service';
import { StaffTwoFactorService } from '../../staff/staff-two-factor.service';
import { STAFF_ROLES, type StaffRole } from '../../staff/staff-user.entity';
import { StaffUsersService } from '../../staff/staff-users.service';
import { formCheckbox, formText, readForm } from '../forms/form-path';
import { ConsoleAuthGuard, consoleLocale, ConsoleRoles, Staff, View } from './console-auth.guard';
import { ConsoleExceptionFilter, safeNext } from './console-exception.filter';
import { CSRF_FIELD, LOGIN_CSRF_COOKIE, newLoginCsrfToken, tokensMatch } from './csrf';
import { submitForm } from './forms';
import {
  AccountPage,
  ForgotPasswordPage,
  RecoveryCodesPage,
  ResetPasswordPage,
  SecondFactorPage,
  TwoFactorEnrolPage,
} from './pages/account.page';
import { StaffAccountsPage } from './pages/staff.page';
import { sendPage, type ConsoleView } from './view';

const passwordOf = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The new password typed twice: both the same, or a problem beside the repeat field. */
function repeatProblem(body: Record<string, unknown>, t: Translator): FieldError[] {
  return passwordOf(body.newPassword) === passwordOf(body.newPasswordRepeat)
    ? []
    : [{ field: 'newPasswordRepeat', message: t.t('console.account.repeatMismatch') }];
}

const ACCOUNT_NOTICES: Record<string, MessageKey> = {
  'password-changed': 'console.account.passwordChanged',
  'two-factor-off': 'console.account.disabled',
};

/** One's own account: password change, two-factor on and off. Open to restricted sessions. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@AllowRestricted('password-change', 'two-factor-enrolment')
@Controller('console/account')
export class ConsoleAccountController {
  constructor(
    private readonly auth: StaffAuthService,
    private readonly twoFactor: StaffTwoFactorService,
  ) {}

  @Get()
  async page(
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
    @Query('done') done?: string,
  ): Promise<void> {
    await this.sendAccount(view, staff, response, 200, [], done ? ACCOUNT_NOTICES[done] : undefined);
  }

  /** Current, new and repeated password; policy problems beside their fields. */
  @Post('password')
  async changePassword(
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const plain = {
      currentPassword: passwordOf(body.currentPassword),
      newPassword: passwordOf(body.newPassword),
    };
    const outcome = await readForm(ChangePasswordDto, plain, view.t);
    const problems = [...(outcome.ok ? [] : outcome.problems), ...repeatProblem(body, view.t)];
    if (!outcome.ok || problems.length > 0) {
      return this.sendAccount(view, staff, response, 400, problems);
    }
    const token = (request.cookies as Record<string, string>)[SESSION_COOKIE] ?? '';
    try {
      await this.auth.changePassword(staff.id, token, plain.currentPassword, plain.newPassword);
    } catch (error) {
      if (error instanceof InvalidCredentialsError) {
        return this.sendAccount(view, staff, response, 400, [
          { field: 'currentPassword', message: view.t.t('console.account.wrongPassword') },
        ]);
      }
      if (error instanceof LoginBusyError) {
        return this.sendAccount(view, staff, response, 503, [
          { field: 'currentPassword', message: view.t.t('console.login.busy') },
        ]);
      }
      throw error;
    }
    response.redirect(303, '/console/account?done=password-changed');
  }

  /** A new secret, shown as text and otpauth URI, with the form for the first code. */
  @Post('two-factor')
  async beginTwoFactor(
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const enrolment = await this.twoFactor.begin(staff);
    sendPage(response, 200, TwoFactorEnrolPage, { view, ...enrolment });
  }

  @Post('two-factor/confirm')
  async confirmTwoFactor(
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    try {
      const codes = await this.twoFactor.confirm(staff, formText(body.code) ?? '');
      // Shown once, in this answer; never stored in clear, never redirected to.
      sendPage(response, 200, RecoveryCodesPage, { view, codes });
    } catch (error) {
      const pending = await this.twoFactor.pending(staff);
      if (!(error instanceof InvalidSecondFactorError) || !pending) {
        throw error;
      }
      sendPage(response, 400, TwoFactorEnrolPage, {
        view,
        ...pending,
        problems: [{ field: 'code', message: view.t.t('console.account.wrongCode') }],
      });
    }
  }

  @Post('two-factor/disable')
  async disableTwoFactor(
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    try {
      await this.twoFactor.disable(staff, formText(body.code) ?? '');
    } catch (error) {
      if (!(error instanceof InvalidSecondFactorError)) {
        throw error;
      }
      return this.sendAccount(view, staff, response, 400, [
        { field: 'code', message: view.t.t('console.account.wrongCode') },
      ]);
    }
    response.redirect(303, '/console/account?done=two-factor-off');
  }

  private async sendAccount(
    view: ConsoleView,
    staff: AuthenticatedStaff,
    response: Response,
    status: number,
    problems: FieldError[],
    notice?: MessageKey,
  ): Promise<void> {
    const [settings, recoveryCodesLeft, enabled] = await Promise.all([
      this.twoFactor.settings(),
      this.twoFactor.recoveryCodesLeft(staff.id),
      this.twoFactor.isEnabled(staff.id),
    ]);
    sendPage(response, status, AccountPage, {
      view,
      restriction: staff.restriction ?? null,
      problems,
      notice: notice ? view.t.t(notice) : null,
      twoFactor: { enabled, recoveryCodesLeft, required: settings.totpRequired },
    });
  }
}

/** The second login step: only for a session whose password was right and whose code is due. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@AllowRestricted('second-factor')
@Controller('console/login/code')
export class ConsoleSecondFactorController {
  constructor(
    private readonly auth: StaffAuthService,
    private readonly abuse: AbuseProtectionService,
  ) {}

  @Get()
  page(@View() view: ConsoleView, @Res() response: Response, @Query('next') next?: string): void {
    sendPage(response, 200, SecondFactorPage, { view, next: safeNext(next) });
  }

  @Post()
  async submit(
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Req() request: Request,
    @Ip() ip: string,
    @Res() response: Response,
  ): Promise<void> {
    const next = safeNext(body.next);
    const token = (request.cookies as Record<string, string>)[SESSION_COOKIE] ?? '';
    try {
      // Throttled like the password step: per address and per account.
      await this.abuse.admitLogin(ip, staff.email);
      await this.auth.verifySecondFactor(token, formText(body.code) ?? '');
    } catch (error) {
      const message =
        error instanceof TooManyLoginsError
          ? view.t.t('console.login.tooMany')
          : error instanceof InvalidSecondFactorError
            ? view.t.t('console.account.wrongCode')
            : null;
      if (message === null) {
        throw error;
      }
      sendPage(response, error instanceof TooManyLoginsError ? 429 : 401, SecondFactorPage, {
        view,
        next,
        problems: [{ field: 'code', message }],
      });
      return;
    }
    response.redirect(303, next);
  }
}

/** "Passwort vergessen?" and the emailed link's page: no session, the login form's CSRF cookie. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console/password-reset')
export class ConsolePasswordResetController {
  constructor(
    private readonly requests: PasswordResetRequestsService,
    private readonly resets: StaffPasswordResetService,
    private readonly abuse: AbuseProtectionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  requestPage(@Req() request: Request, @Res() response: Response): void {
    this.send(request, response, 200, (view) => sendPage(response, 200, ForgotPasswordPage, { view }));
  }

  /** The same page and status whatever the address: no account enumeration. */
  @Post()
  async request(
    @Body() body: Record<string, unknown>,
    @Req() request: Request,
    @Ip() ip: string,
    @Res() response: Response,
  ): Promise<void> {
    const t = translator(consoleLocale(request, response), 'staff');
    if (!this.csrfOk(request, body)) {
      return this.send(request, response, 403, (view) =>
        sendPage(response, 403, ForgotPasswordPage, { view }),
      );
    }
    const outcome = await readForm(PasswordResetRequestDto, { email: formText(body.email) ?? '' }, t);
    if (!outcome.ok) {
      return this.send(request, response, 400, (view) =>
        sendPage(response, 400, ForgotPasswordPage, { view, problems: outcome.problems }),
      );
    }
    try {
      await this.abuse.admitLogin(ip, outcome.dto.email);
    } catch (error) {
      if (!(error instanceof TooManyLoginsError)) {
        throw error;
      }
      return this.send(request, response, 429, (view) =>
        sendPage(response, 429, ForgotPasswordPage, { view, refused: true }),
      );
    }
    this.requests.requestByEmail(outcome.dto.email);
    this.send(request, response, 200, (view) =>
      sendPage(response, 200, ForgotPasswordPage, { view, sent: true }),
    );
  }

  @Get(':token')
  async linkPage(@Param('token') token: string, @Req() request: Request, @Res() response: Response) {
    const usable = await this.resets.isUsable(token);
    this.send(request, response, usable ? 200 : 400, (view) =>
      sendPage(response, usable ? 200 : 400, ResetPasswordPage, { view, token, invalid: !usable }),
    );
  }

  @Post(':token')
  async setPassword(
    @Param('token') token: string,
    @Body() body: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const t = translator(consoleLocale(request, response), 'staff');
    if (!this.csrfOk(request, body)) {
      return this.send(request, response, 403, (view) =>
        sendPage(response, 403, ResetPasswordPage, { view, token }),
      );
    }
    const outcome = await readForm(PasswordResetDto, { token, newPassword: passwordOf(body.newPassword) }, t);
    const problems = [...(outcome.ok ? [] : outcome.problems), ...repeatProblem(body, t)];
    if (problems.some((problem) => problem.field === 'token')) {
      return this.send(request, response, 400, (view) =>
        sendPage(response, 400, ResetPasswordPage, { view, token, invalid: true }),
      );
    }
    if (!outcome.ok || problems.length > 0) {
      return this.send(request, response, 400, (view) =>
        sendPage(response, 400, ResetPasswordPage, { view, token, problems }),
      );
    }
    try {
      await this.resets.resetPassword(token, outcome.dto.newPassword);
    } catch (error) {
      if (!(error instanceof InvalidResetLinkError)) {
        throw error;
      }
      return this.send(request, response, 400, (view) =>
        sendPage(response, 400, ResetPasswordPage, { view, token, invalid: true }),
      );
    }
    // Any session cookie in this browser is dead now (all sessions ended): clear it too.
    response.clearCookie(SESSION_COOKIE, sessionCookieOptions(this.config));
    response.redirect(303, '/console/login?done=password-reset');
  }

  private csrfOk(request: Request, body: Record<string, unknown>): boolean {
    const cookies = request.cookies as Record<string, string> | undefined;
    return tokensMatch(cookies?.[LOGIN_CSRF_COOKIE], body[CSRF_FIELD]);
  }

  /** A fresh double-submit token (cookie and field), like the login form's, then the page. */
  private send(request: Request, response: Response, _status: number, render: (view: ConsoleView) => void) {
    const t = translator(consoleLocale(request, response), 'staff');
    const csrf = newLoginCsrfToken();
    response.cookie(LOGIN_CSRF_COOKIE, csrf, { ...sessionCookieOptions(this.config), path: '/console' });
    render({ t, staff: null, csrf, path: request.originalUrl });
  }
}

const STAFF_NOTICES: Record<string, MessageKey> = {
  'staff-created': 'console.settings.staffCreated',
  'settings-saved': 'console.settings.saved',
  deactivated: 'console.staff.deactivated',
  reactivated: 'console.staff.reactivated',
  'reset-sent': 'console.staff.resetSent',
  'security-saved': 'console.staff.securitySaved',
};

/** Admins: staff accounts and the two-factor requirement. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@ConsoleRoles('admin')
@Controller('console/settings/staff')
export class ConsoleStaffController {
  constructor(
    private readonly staffUsers: StaffUsersService,
    private readonly twoFactor: StaffTwoFactorService,
    private readonly resetRequests: PasswordResetRequestsService,
  ) {}

  @Get()
  async page(
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
    @Query('done') done?: string,
  ): Promise<void> {
    await this.sendStaff(view, staff, response, 200, [], done ? STAFF_NOTICES[done] : undefined);
  }

  /** The admin sets a first password; its owner must change it at the first login. */
  @Post()
  async addStaff(
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    await submitForm(response, {
      t: view.t,
      dtoClass: CreateStaffUserDto,
      plain: {
        name: formText(body.name) ?? '',
        email: formText(body.email) ?? '',
        role: formText(body.role),
        locale: formText(body.locale),
        password: passwordOf(body.password),
      },
      action: (dto) => this.staffUsers.create(dto, staff),
      redirectTo: '/console/settings/staff?done=staff-created',
      showErrors: (errors) => this.sendStaff(view, staff, response, 400, errors),
    });
  }

  @Post(':id/role')
  async changeRole(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const role = formText(body.role) ?? '';
    if (!(STAFF_ROLES as readonly string[]).includes(role)) {
      throw new DomainError('invalid-role', 'role must be admin or coordinator', 'role');
    }
    await this.staffUsers.changeRole(id, role as StaffRole, staff);
    response.redirect(303, '/console/settings/staff?done=settings-saved');
  }

  /** Every session of the account ends at once; audited. */
  @Post(':id/deactivate')
  async deactivate(
    @Param('id', ParseUUIDPipe) id: string,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    await this.staffUsers.deactivate(id, staff);
    response.redirect(303, '/console/settings/staff?done=deactivated');
  }

  @Post(':id/reactivate')
  async reactivate(
    @Param('id', ParseUUIDPipe) id: string,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    await this.staffUsers.reactivate(id, staff);
    response.redirect(303, '/console/settings/staff?done=reactivated');
  }

  @Post(':id/password-reset')
  async sendReset(
    @Param('id', ParseUUIDPipe) id: string,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    await this.resetRequests.requestByAdmin(id, staff);
    response.redirect(303, '/console/settings/staff?done=reset-sent');
  }

  @Post('security')
  async security(
    @Body() body: Record<string, unknown>,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    await this.twoFactor.updateSettings({ totpRequired: formCheckbox(body.totpRequired) }, staff);
    response.redirect(303, '/console/settings/staff?done=security-saved');
  }

  private async sendStaff(
    view: ConsoleView,
    staff: AuthenticatedStaff,
    response: Response,
    status: number,
    problems: FieldError[],
    notice?: MessageKey,
  ): Promise<void> {
    const [rows, settings] = await Promise.all([this.staffUsers.list(), this.twoFactor.settings()]);
    sendPage(response, status, StaffAccountsPage, {
      view,
      staff: rows,
      selfId: staff.id,
      totpRequired: settings.totpRequired,
      problems,
      notice: notice ? view.t.t(notice) : null,
    });
  }
}
