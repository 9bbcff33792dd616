import { Body, Controller, Delete, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { RecoveryCodesDto, TwoFactorEnrolmentDto } from './dto/staff-accounts.response';
import { SecondFactorDto } from './dto/account.dto';
import { AllowRestricted, CurrentStaff, StaffAuthGuard } from './staff-auth.guard';
import type { AuthenticatedStaff } from './staff-auth.service';
import { StaffTwoFactorService } from './staff-two-factor.service';

/** One's own two-factor: enrol (secret, then a first code), or switch it off with a code. */
@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/account/two-factor')
export class StaffAccountController {
  constructor(private readonly twoFactor: StaffTwoFactorService) {}

  /** A new secret: as text (manual entry) and as an otpauth:// URI. Not stored in clear. */
  @Post()
  @HttpCode(201)
  @ApiDoc(
    'Begin two-factor enrolment',
    'A new secret for your authenticator app, as text and as an otpauth:// link (for a QR code). Two-factor is on only after the first code is confirmed.',
  )
  @ApiCreatedResponse({ type: TwoFactorEnrolmentDto })
  @ApiStaffErrors(409)
  @AllowRestricted('two-factor-enrolment')
  begin(@CurrentStaff() staff: AuthenticatedStaff) {
    return this.twoFactor.begin(staff);
  }

  /** The first code from the app turns two-factor on; the ten recovery codes are shown only here. */
  @Post('confirm')
  @HttpCode(200)
  @ApiDoc(
    'Confirm two-factor enrolment',
    'The first code from the authenticator app turns two-factor on; the ten recovery codes are shown only in this answer.',
  )
  @ApiOkResponse({ type: RecoveryCodesDto })
  @ApiStaffErrors(409)
  @AllowRestricted('two-factor-enrolment')
  async confirm(@Body() body: SecondFactorDto, @CurrentStaff() staff: AuthenticatedStaff) {
    return { recoveryCodes: await this.twoFactor.confirm(staff, body.code) };
  }

  @Delete()
  @HttpCode(204)
  @ApiDoc(
    'Switch off two-factor',
    'Switches two-factor off for your own account, given a current code (or a recovery code). Audited.',
  )
  @ApiNoContentResponse({ description: 'two-factor is off' })
  @ApiStaffErrors(409)
  async disable(@Body() body: SecondFactorDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<void> {
    await this.twoFactor.disable(staff, body.code);
  }
}
