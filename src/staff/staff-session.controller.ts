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
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiPublicErrors, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { StaffSessionDto, WhoAmIDto } from './dto/session.response';
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

@ApiTags(API_TAGS.staff)
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
  @ApiDoc(
    'Log in (staff)',
    'A staff member logs in with email and password. The answer carries the session token for API clients (send it as `Authorization: Bearer <token>`) ' +
      'and sets it as an HttpOnly cookie for the browser. 401 for a wrong email or password alike; 429 after too many attempts; 403 for a login from another site.',
  )
  @ApiCreatedResponse({ type: StaffSessionDto })
  @ApiPublicErrors(401, 403, 429, 503)
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
  @ApiStaffAuth()
  @ApiDoc(
    'Second login step',
    'For accounts with two-factor: a TOTP code or a recovery code completes the login. Throttled like the login; a wrong code counts towards the lockout.',
  )
  @ApiOkResponse({ type: WhoAmIDto })
  @ApiStaffErrors(429)
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
  @ApiStaffAuth()
  @ApiDoc('Who am I?', 'The staff member the session belongs to, with their role.')
  @ApiOkResponse({ type: WhoAmIDto })
  @ApiStaffErrors()
  @AllowRestricted('second-factor', 'password-change', 'two-factor-enrolment')
  whoAmI(@CurrentStaff() staff: AuthenticatedStaff) {
    return { staff };
  }

  /** Change one's own password; the other sessions of the account end. */
  @Put('password')
  @HttpCode(204)
  @UseGuards(StaffAuthGuard)
  @ApiStaffAuth()
  @ApiDoc(
    'Change my password',
    'Change one’s own password (the current one is needed); the other sessions of the account end.',
  )
  @ApiNoContentResponse({ description: 'changed' })
  @ApiStaffErrors()
  @AllowRestricted('password-change')
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
  @ApiStaffAuth()
  @ApiDoc('Log out', 'Ends this session and clears the cookie.')
  @ApiNoContentResponse({ description: 'logged out' })
  @ApiStaffErrors()
  @AllowRestricted('second-factor', 'password-change', 'two-factor-enrolment')
  async logout(@Req() request: StaffRequest, @Res({ passthrough: true }) response: Response): Promise<void> {
    if (request.staffToken) {
      await this.auth.logout(request.staffToken);
    }
    response.clearCookie(SESSION_COOKIE, sessionCookieOptions(this.config));
  }
}
