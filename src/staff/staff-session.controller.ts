import { Body, Controller, Delete, Get, HttpCode, Inject, Ip, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AbuseProtectionService } from '../abuse-protection/abuse-protection.service';
import { APP_CONFIG, AppConfig } from '../config/config';
import { LoginDto } from './dto/login.dto';
import {
  CurrentStaff,
  SESSION_COOKIE,
  sessionCookieOptions,
  StaffAuthGuard,
  type StaffRequest,
} from './staff-auth.guard';
import { AuthenticatedStaff, StaffAuthService } from './staff-auth.service';

@ApiTags('staff')
@Controller('api/staff/session')
export class StaffSessionController {
  constructor(
    private readonly auth: StaffAuthService,
    private readonly abuse: AbuseProtectionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Log in: returns the token for API clients and sets it as an HttpOnly cookie for the browser. */
  @Post()
  @HttpCode(201)
  @ApiTooManyRequestsResponse({ description: 'too many login attempts from this address or for this account' })
  @ApiServiceUnavailableResponse({ description: 'too many password checks at the moment' })
  async login(@Body() body: LoginDto, @Ip() ip: string, @Res({ passthrough: true }) response: Response) {
    await this.abuse.admitLogin(ip, body.email);
    const { token, staff, expiresAt } = await this.auth.login(body.email, body.password);
    response.cookie(SESSION_COOKIE, token, sessionCookieOptions(this.config, expiresAt));
    return { token, expiresAt, staff };
  }

  @Get()
  @UseGuards(StaffAuthGuard)
  @ApiCookieAuth()
  whoAmI(@CurrentStaff() staff: AuthenticatedStaff) {
    return { staff };
  }

  @Delete()
  @HttpCode(204)
  @UseGuards(StaffAuthGuard)
  async logout(@Req() request: StaffRequest, @Res({ passthrough: true }) response: Response): Promise<void> {
    if (request.staffToken) {
      await this.auth.logout(request.staffToken);
    }
    response.clearCookie(SESSION_COOKIE, sessionCookieOptions(this.config));
  }
}
