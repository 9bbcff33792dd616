import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { CookieOptions, Request } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/config';
import {
  AuthenticatedStaff,
  SessionRestrictedError,
  StaffAuthService,
  type SessionRestriction,
} from './staff-auth.service';

const ALLOW_RESTRICTED_KEY = 'nahbar:allow-restricted';

/**
 * The routes a restricted session may call (see SESSION_RESTRICTIONS): e.g. the password change
 * while a first password must be changed. Every other route answers 403 with the restriction's code.
 */
export const AllowRestricted = (...restrictions: SessionRestriction[]) =>
  SetMetadata(ALLOW_RESTRICTED_KEY, restrictions);

/** Whether this handler lets a session with this restriction through. */
export function restrictionAllows(
  reflector: Reflector,
  context: ExecutionContext,
  restriction: SessionRestriction | null | undefined,
): boolean {
  if (!restriction) {
    return true;
  }
  const allowed = reflector.getAllAndOverride<SessionRestriction[] | undefined>(ALLOW_RESTRICTED_KEY, [
    context.getHandler(),
    context.getClass(),
  ]);
  return allowed?.includes(restriction) ?? false;
}

export const SESSION_COOKIE = 'nahbar_staff';

/** The session cookie: HttpOnly, SameSite=Strict, and Secure whenever the site is served over https. */
export function sessionCookieOptions(
  config: Pick<AppConfig, 'PUBLIC_BASE_URL'>,
  expires?: Date,
): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: new URL(config.PUBLIC_BASE_URL).protocol === 'https:',
    path: '/',
    ...(expires ? { expires } : {}),
  };
}

export type StaffRequest = Request & { staff?: AuthenticatedStaff; staffToken?: string };

/** The header a script of our own sends with cookie-authenticated calls; a cross-site form cannot. */
export const REQUESTED_BY_HEADER = 'x-requested-by';
export const REQUESTED_BY_VALUE = 'nahbar';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request may change state with the session cookie: our custom header, or an `Origin`
 * of this site. Another site can make the browser send the cookie (despite SameSite, e.g. from a
 * sibling subdomain) but can set neither a custom header without CORS nor a foreign Origin.
 */
export function isSameSiteRequest(request: Request, config: Pick<AppConfig, 'PUBLIC_BASE_URL'>): boolean {
  if (request.headers[REQUESTED_BY_HEADER] === REQUESTED_BY_VALUE) {
    return true;
  }
  const origin = request.headers.origin;
  return origin !== undefined && origin === new URL(config.PUBLIC_BASE_URL).origin;
}

/** A cross-site request (its Origin names another site); a request without Origin is not one. */
export function isCrossSiteRequest(request: Request, config: Pick<AppConfig, 'PUBLIC_BASE_URL'>): boolean {
  const origin = request.headers.origin;
  return origin !== undefined && origin !== new URL(config.PUBLIC_BASE_URL).origin;
}

const bearerTokenOf = (request: Request): string | null => {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() || null : null;
};

/** A session token from `Authorization: Bearer …` (API clients) or the HttpOnly cookie (browser). */
export function sessionTokenOf(request: Request): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    return header.slice('Bearer '.length).trim() || null;
  }
  const cookies = request.cookies as Record<string, string> | undefined;
  return cookies?.[SESSION_COOKIE] ?? null;
}

/**
 * A valid session by bearer token or cookie. State-changing calls authenticated by the cookie must
 * also be same-site (isSameSiteRequest), else 403: no cross-site request forgery on the API.
 */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(
    private readonly auth: StaffAuthService,
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<StaffRequest>();
    const token = sessionTokenOf(request);
    const staff = token ? await this.auth.authenticate(token) : null;
    if (!staff || !token) {
      throw new UnauthorizedException('a valid staff session is required');
    }
    if (
      !bearerTokenOf(request) &&
      !SAFE_METHODS.has(request.method) &&
      !isSameSiteRequest(request, this.config)
    ) {
      throw new ForbiddenException(
        `a call with the session cookie needs the header X-Requested-By: ${REQUESTED_BY_VALUE} or this site's Origin`,
      );
    }
    if (!restrictionAllows(this.reflector, context, staff.restriction)) {
      throw new SessionRestrictedError(staff.restriction!);
    }
    request.staff = staff;
    request.staffToken = token;
    return true;
  }
}

/** The logged-in staff member; only valid behind StaffAuthGuard. */
export const CurrentStaff = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedStaff => {
    const staff = context.switchToHttp().getRequest<StaffRequest>().staff;
    if (!staff) {
      throw new UnauthorizedException('a valid staff session is required');
    }
    return staff;
  },
);
