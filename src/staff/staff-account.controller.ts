import { Body, Controller, Delete, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { SecondFactorDto } from './dto/account.dto';
import { AllowRestricted, CurrentStaff, StaffAuthGuard } from './staff-auth.guard';
import type { AuthenticatedStaff } from './staff-auth.service';
import { StaffTwoFactorService } from './staff-two-factor.service';

/** One's own two-factor: enrol (secret, then a first code), or switch it off with a code. */
@ApiTags('staff')
@ApiCookieAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/account/two-factor')
export class StaffAccountController {
  constructor(private readonly twoFactor: StaffTwoFactorService) {}

  /** A new secret: as text (manual entry) and as an otpauth:// URI. Not stored in clear. */
  @Post()
  @HttpCode(201)
  @AllowRestricted('two-factor-enrolment')
  begin(@CurrentStaff() staff: AuthenticatedStaff) {
    return this.twoFactor.begin(staff);
  }

  /** The first code from the app turns two-factor on; the ten recovery codes are shown only here. */
  @Post('confirm')
  @HttpCode(200)
  @AllowRestricted('two-factor-enrolment')
  async confirm(@Body() body: SecondFactorDto, @CurrentStaff() staff: AuthenticatedStaff) {
    return { recoveryCodes: await this.twoFactor.confirm(staff, body.code) };
  }

  @Delete()
  @HttpCode(204)
  async disable(@Body() body: SecondFactorDto, @CurrentStaff() staff: AuthenticatedStaff): Promise<void> {
    await this.twoFactor.disable(staff, body.code);
  }
}
