import { Body, Controller, Get, Inject, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import type { FieldError } from '../../common/validation';
import { translator } from '../../i18n';
import { SetPasswordByLinkDto } from '../../staff/dto/set-password-by-link.dto';
import { sessionCookieOptions } from '../../staff/staff-auth.guard';
import {
  PasswordLinkInvalidError,
  StaffPasswordLinksService,
} from '../../staff/staff-password-links.service';
import { readForm } from '../forms/form-path';
import { consoleLocale } from './console-auth.guard';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { CSRF_FIELD, LOGIN_CSRF_COOKIE, newLoginCsrfToken, tokensMatch } from './csrf';
import { SetPasswordPage } from './pages/set-password.page';
import { sendPage, type ConsoleView } from './view';

/**
 * `/console/set-password?token=`: a staff member without a session chooses a password through a
 * single-use link printed by `npm run setup` or `npm run nahbar -- staff:…`. The form carries the
 * login page's double-submit CSRF token, since there is no session yet.
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console')
export class ConsoleSetPasswordController {
  constructor(
    private readonly links: StaffPasswordLinksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('set-password')
  async page(@Req() request: Request, @Res() response: Response, @Query('token') token?: unknown) {
    const usable = typeof token === 'string' && token.length <= 200 && (await this.links.isUsable(token));
    if (!usable) {
      this.send(request, response, 410, { state: 'invalid' });
      return;
    }
    this.send(request, response, 200, { state: 'form', token });
  }

  @Post('set-password')
  async submit(
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const token = typeof body.token === 'string' ? body.token : '';
    const cookies = request.cookies as Record<string, string> | undefined;
    const t = translator(consoleLocale(request, response), 'staff');
    if (!tokensMatch(cookies?.[LOGIN_CSRF_COOKIE], body[CSRF_FIELD])) {
      this.send(request, response, 403, {
        state: 'form',
        token,
        problems: [{ field: '', message: t.t('console.error.csrf') }],
      });
      return;
    }
    const outcome = await readForm(SetPasswordByLinkDto, { token, password: body.password }, t);
    const problems: FieldError[] = outcome.ok ? [] : outcome.problems.filter((p) => p.field !== 'token');
    if (body.passwordRepeat !== body.password) {
      problems.push({ field: 'passwordRepeat', message: t.t('console.setPassword.mismatch') });
    }
    if (!outcome.ok && problems.length === 0) {
      this.send(request, response, 410, { state: 'invalid' }); // only the token was malformed
      return;
    }
    if (!outcome.ok || problems.length > 0) {
      this.send(request, response, 400, { state: 'form', token, problems });
      return;
    }
    try {
      await this.links.setPassword(outcome.dto.token, outcome.dto.password);
    } catch (error) {
      if (error instanceof PasswordLinkInvalidError) {
        this.send(request, response, 410, { state: 'invalid' });
        return;
      }
      throw error;
    }
    response.clearCookie(LOGIN_CSRF_COOKIE, { path: '/console' });
    this.send(request, response, 200, { state: 'done' });
  }

  private send(
    request: Request,
    response: Response,
    status: number,
    options: { state: 'form' | 'invalid' | 'done'; token?: string; problems?: FieldError[] },
  ): void {
    const t = translator(consoleLocale(request, response), 'staff');
    const csrf = newLoginCsrfToken();
    if (options.state === 'form') {
      response.cookie(LOGIN_CSRF_COOKIE, csrf, { ...sessionCookieOptions(this.config), path: '/console' });
    }
    // The path without the token, so the language switch does not carry it around.
    const view: ConsoleView = { t, staff: null, csrf, path: '/console/set-password' };
    sendPage(response, status, SetPasswordPage, { view, ...options });
  }
}
