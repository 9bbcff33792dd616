import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  SetMetadata,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { ReportSettingsService } from '../../settings/report-settings.service';
import { restrictionAllows, SESSION_COOKIE } from '../../staff/staff-auth.guard';
import {
  AuthenticatedStaff,
  StaffAuthService,
  type SessionRestriction,
} from '../../staff/staff-auth.service';
import type { StaffRole } from '../../staff/staff-user.entity';
import { CSRF_FIELD, csrfTokenFor, tokensMatch } from './csrf';
import { isLocale, pickLocale, translator } from '../../i18n';
import type { ConsoleView } from './view';

/** Remembers the staff member's language choice across pages. */
export const LANG_COOKIE = 'nahbar_lang';

/** No valid session: the filter answers with a 303 to the login page, remembering where to go back. */
export class ConsoleLoginRequired extends Error {}

/**
 * A restricted session (second factor outstanding, first password to change, two-factor to set up)
 * asked for another page: the filter redirects to the one page that lifts the restriction.
 */
export class ConsoleRestricted extends Error {
  constructor(readonly restriction: SessionRestriction) {
    super(restriction);
  }
}

/** A form POST without the session's CSRF token. */
export class ConsoleCsrfError extends ForbiddenException {}

export type ConsoleRequest = Request & { console?: ConsoleView; consoleStaff?: AuthenticatedStaff };

const ROLES_KEY = 'nahbar:console-roles';
/** Only these roles may open the page (default: any staff member). */
export const ConsoleRoles = (...roles: StaffRole[]) => SetMetadata(ROLES_KEY, roles);

/** The language of this request: `?lang=` wins (and is remembered in a cookie), then the cookie, then German. */
export function consoleLocale(request: Request, response: Response): string {
  const requested = request.query.lang;
  if (isLocale(requested, 'staff')) {
    response.cookie(LANG_COOKIE, requested, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      maxAge: 365 * 86_400_000,
    });
    return requested;
  }
  const cookies = request.cookies as Record<string, string> | undefined;
  return pickLocale(cookies?.[LANG_COOKIE], 'staff');
}

/**
 * The browser console's guard: the session cookie only (no Bearer: a browser page is never called
 * with one), the CSRF token on every POST, the role where a page asks for one, and the view context.
 */
@Injectable()
export class ConsoleAuthGuard implements CanActivate {
  constructor(
    private readonly auth: StaffAuthService,
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reportSettings: ReportSettingsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<ConsoleRequest>();
    const response = http.getResponse<Response>();
    const locale = consoleLocale(request, response);
    const token = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const staff = token ? await this.auth.authenticate(token) : null;
    if (!staff || !token) {
      throw new ConsoleLoginRequired();
    }
    const csrf = csrfTokenFor(token, this.config.LINK_SECRET);
    request.consoleStaff = staff;
    request.console = {
      t: translator(locale, 'staff'),
      staff: {
        name: staff.name,
        role: staff.role,
        readsReports: await this.reportSettings.mayRead(staff.role),
      },
      csrf,
      path: request.originalUrl,
    };
    if (
      request.method === 'POST' &&
      !tokensMatch(csrf, (request.body as Record<string, unknown>)?.[CSRF_FIELD])
    ) {
      throw new ConsoleCsrfError('csrf');
    }
    if (!restrictionAllows(this.reflector, context, staff.restriction)) {
      throw new ConsoleRestricted(staff.restriction!);
    }
    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && !roles.includes(staff.role)) {
      throw new ForbiddenException('role');
    }
    return true;
  }
}

export const View = createParamDecorator((_data: unknown, context: ExecutionContext): ConsoleView => {
  const view = context.switchToHttp().getRequest<ConsoleRequest>().console;
  if (!view) {
    throw new ConsoleLoginRequired();
  }
  return view;
});

export const Staff = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedStaff => {
  const staff = context.switchToHttp().getRequest<ConsoleRequest>().consoleStaff;
  if (!staff) {
    throw new ConsoleLoginRequired();
  }
  return staff;
});
