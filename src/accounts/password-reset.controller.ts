import { Body, Controller, HttpCode, Ip, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiPublicErrors, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { MessageDto } from '../staff/dto/staff-accounts.response';
import { AbuseProtectionService } from '../abuse-protection/abuse-protection.service';
import { PasswordResetDto, PasswordResetRequestDto } from '../staff/dto/account.dto';
import { RequireRole } from '../staff/require-role';
import { CurrentStaff } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { StaffPasswordResetService } from '../staff/staff-password-reset.service';
import { PasswordResetRequestsService } from './password-reset-requests.service';

const SAME_ANSWER = {
  message: 'If an active account has this address, a link to set a new password is on its way.',
};

/** Password reset by emailed single-use link (valid one hour). */
@Controller('api/staff')
export class PasswordResetController {
  constructor(
    private readonly requests: PasswordResetRequestsService,
    private readonly resets: StaffPasswordResetService,
    private readonly abuse: AbuseProtectionService,
  ) {}

  /** Always 202 with the same answer: whether the address has an account is not revealed. */
  @Post('password-reset')
  @HttpCode(202)
  @ApiTags(API_TAGS.staff)
  @ApiDoc(
    'Request a password reset',
    'A staff member who forgot their password asks for a link by email (valid one hour, single use). No login needed; the answer is the same for every address, so it does not reveal who has an account.',
  )
  @ApiAcceptedResponse({ type: MessageDto, description: 'the same answer for every address' })
  @ApiPublicErrors(429, 503)
  async request(@Body() body: PasswordResetRequestDto, @Ip() ip: string) {
    await this.abuse.admitLogin(ip, body.email);
    this.requests.requestByEmail(body.email);
    return SAME_ANSWER;
  }

  /** Sets the new password with the link's token; every session of the account ends. */
  @Post('password-reset/confirm')
  @HttpCode(204)
  @ApiTags(API_TAGS.staff)
  @ApiDoc(
    'Set a new password with a reset link',
    'The token from the emailed link and the new password; no login needed. Every session of the account ends.',
  )
  @ApiNoContentResponse({ description: 'the new password is set' })
  @ApiPublicErrors()
  async confirm(@Body() body: PasswordResetDto): Promise<void> {
    await this.resets.resetPassword(body.token, body.newPassword);
  }

  /** An admin sends a colleague the reset email. */
  @Post('users/:id/password-reset')
  @HttpCode(202)
  @RequireRole('admin')
  @ApiTags(API_TAGS.admin)
  @ApiStaffAuth()
  @ApiDoc(
    'Send a colleague a password reset (admin)',
    'Emails the colleague a link to set a new password (valid one hour, single use). Audited.',
  )
  @ApiAcceptedResponse({ type: MessageDto })
  @ApiStaffErrors(404)
  async sendForColleague(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentStaff() admin: AuthenticatedStaff,
  ): Promise<{ message: string }> {
    await this.requests.requestByAdmin(id, admin);
    return { message: 'the reset email is on its way' };
  }
}
