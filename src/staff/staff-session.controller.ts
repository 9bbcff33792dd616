import {
  Body,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  Ip,
  Post,
  Put,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AbuseProtectionService } from '../abuse-protection/abuse-protection.service';
import { APP_CONFIG, AppConfig } from '../config/config';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import { SecondFactorDto } from './dto/account.dto';
import {
  AllowRestricted,
  CurrentStaff,
  isCrossSiteRequest,
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
  @ApiTooManyRequestsResponse({
    description: 'too many login attempts from this address or for this account',
  })
  @ApiServiceUnavailableResponse({ description: 'too many password checks at the moment' })
  @ApiForbiddenResponse({ description: "a browser's cross-site request (its Origin is another site)" })
  async login(
    @Body() body: LoginDto,
    @Ip() ip: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    // No login CSRF: another site's page must not log the browser into an account of its choosing.
    if (isCrossSiteRequest(request, this.config)) {
      throw new ForbiddenException('a login from another site is refused');
    }
    await this.abuse.admitLogin(ip, body.email);
    const { token, staff, expiresAt, secondFactorRequired } = await this.auth.login(
      body.email,
      body.password,
    );
    response.cookie(SESSION_COOKIE, token, sessionCookieOptions(this.config, expiresAt));
    return { token, expiresAt, staff, secondFactorRequired };
  }

  /**
   * The second login step for accounts with two-factor: a TOTP code or a recovery code. Throttled
   * like the login itself; a wrong code counts towards the account's lockout.
   */
  @Post('second-factor')
  @HttpCode(200)
  @UseGuards(StaffAuthGuard)
  @AllowRestricted('second-factor')
  @ApiCookieAuth()
  @ApiTooManyRequestsResponse({ description: 'too many attempts from this address or for this account' })
  async secondFactor(
    @Body() body: SecondFactorDto,
    @Ip() ip: string,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() request: StaffRequest,
  ) {
    await this.abuse.admitLogin(ip, staff.email);
    return { staff: await this.auth.verifySecondFactor(request.staffToken ?? '', body.code) };
  }

  /** Who is logged in, and what the session must do first (`restriction`), if anything. */
  @Get()
  @UseGuards(StaffAuthGuard)
  @AllowRestricted('second-factor', 'password-change', 'two-factor-enrolment')
  @ApiCookieAuth()
  whoAmI(@CurrentStaff() staff: AuthenticatedStaff) {
    return { staff };
  }

  /** Change one's own password; the other sessions of the account end. */
  @Put('password')
  @HttpCode(204)
  @UseGuards(StaffAuthGuard)
  @AllowRestricted('password-change')
  @ApiCookieAuth()
  async changePassword(
    @Body() body: ChangePasswordDto,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Req() request: StaffRequest,
  ): Promise<void> {
    await this.auth.changePassword(
      staff.id,
      request.staffToken ?? '',
      body.currentPassword,
      body.newPassword,
    );
  }

  @Delete()
  @HttpCode(204)
  @UseGuards(StaffAuthGuard)
  @AllowRestricted('second-factor', 'password-change', 'two-factor-enrolment')
  async logout(@Req() request: StaffRequest, @Res({ passthrough: true }) response: Response): Promise<void> {
    if (request.staffToken) {
      await this.auth.logout(request.staffToken);
    }
    response.clearCookie(SESSION_COOKIE, sessionCookieOptions(this.config));
  }
}
