import { Body, Controller, HttpCode, Ip, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCookieAuth, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
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
@ApiTags('staff')
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
  @ApiAcceptedResponse({ description: 'the same answer for every address' })
  @ApiTooManyRequestsResponse({ description: 'too many attempts from this address' })
  async request(@Body() body: PasswordResetRequestDto, @Ip() ip: string) {
    await this.abuse.admitLogin(ip, body.email);
    this.requests.requestByEmail(body.email);
    return SAME_ANSWER;
  }

  /** Sets the new password with the link's token; every session of the account ends. */
  @Post('password-reset/confirm')
  @HttpCode(204)
  async confirm(@Body() body: PasswordResetDto): Promise<void> {
    await this.resets.resetPassword(body.token, body.newPassword);
  }

  /** An admin sends a colleague the reset email. */
  @Post('users/:id/password-reset')
  @HttpCode(202)
  @RequireRole('admin')
  @ApiCookieAuth()
  async sendForColleague(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentStaff() admin: AuthenticatedStaff,
  ): Promise<{ message: string }> {
    await this.requests.requestByAdmin(id, admin);
    return { message: 'the reset email is on its way' };
  }
}
