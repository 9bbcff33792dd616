import {
  CanActivate,
  ExecutionContext,
  Injectable,
  UnauthorizedException,
  createParamDecorator,
} from '@nestjs/common';
import type { CookieOptions, Request } from 'express';
import type { AppConfig } from '../config/config';
import { AuthenticatedStaff, StaffAuthService } from './staff-auth.service';

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

/** A session token from `Authorization: Bearer …` (API clients) or the HttpOnly cookie (browser). */
export function sessionTokenOf(request: Request): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    return header.slice('Bearer '.length).trim() || null;
  }
  const cookies = request.cookies as Record<string, string> | undefined;
  return cookies?.[SESSION_COOKIE] ?? null;
}

@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(private readonly auth: StaffAuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<StaffRequest>();
    const token = sessionTokenOf(request);
    const staff = token ? await this.auth.authenticate(token) : null;
    if (!staff || !token) {
      throw new UnauthorizedException('a valid staff session is required');
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
