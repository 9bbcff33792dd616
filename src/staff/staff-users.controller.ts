import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { StaffAccountDto, StaffSecuritySettingsResponseDto } from './dto/staff-accounts.response';
import { CreateStaffUserDto } from './dto/create-staff-user.dto';
import { StaffSecuritySettingsDto } from './dto/account.dto';
import { RequireRole } from './require-role';
import { CurrentStaff } from './staff-auth.guard';
import type { AuthenticatedStaff } from './staff-auth.service';
import { StaffTwoFactorService } from './staff-two-factor.service';
import type { StaffUser } from './staff-user.entity';
import { StaffUsersService } from './staff-users.service';

/** What the API shows of an account: never a hash, secret or recovery code. */
const publicAccount = (user: StaffUser) => ({
  id: user.id,
  name: user.name,
  email: user.email,
  role: user.role,
  locale: user.locale,
  active: user.deactivatedAt === null,
  deactivatedAt: user.deactivatedAt,
  passwordChangeRequired: user.passwordChangeRequired,
  twoFactor: user.totpEnabledAt !== null,
  createdAt: user.createdAt,
});

/** Staff accounts, for admins: create (with a first password), deactivate, reactivate. */
@ApiTags(API_TAGS.admin)
@ApiStaffAuth()
@RequireRole('admin')
@Controller('api/staff')
export class StaffUsersController {
  constructor(
    private readonly users: StaffUsersService,
    private readonly twoFactor: StaffTwoFactorService,
  ) {}

  @Get('users')
  @ApiDoc(
    'Staff accounts (admin)',
    'Every account of the agency team, active or deactivated, with its role and whether two-factor is on.',
  )
  @ApiOkResponse({ type: [StaffAccountDto] })
  @ApiStaffErrors()
  async list() {
    return (await this.users.list()).map(publicAccount);
  }

  /** The first password is the admin's: its owner must change it at the first login. */
  @Post('users')
  @ApiDoc(
    'Create a staff account (admin)',
    'A new account for a team member with a first password set by the admin; the owner must change it at the first login. Audited.',
  )
  @ApiCreatedResponse({ type: StaffAccountDto })
  @ApiStaffErrors(409)
  async create(@Body() body: CreateStaffUserDto, @CurrentStaff() admin: AuthenticatedStaff) {
    return publicAccount(await this.users.create(body, admin));
  }

  /** Ends every session of the account at once; it cannot log in until reactivated. */
  @Post('users/:id/deactivate')
  @HttpCode(200)
  @ApiDoc(
    'Deactivate a staff account (admin)',
    'Ends every session of the account at once; it cannot log in until reactivated. Not possible for your own account or the last active admin (409). Audited.',
  )
  @ApiOkResponse({ type: StaffAccountDto })
  @ApiStaffErrors(404, 409)
  async deactivate(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() admin: AuthenticatedStaff) {
    return publicAccount(await this.users.deactivate(id, admin));
  }

  @Post('users/:id/reactivate')
  @HttpCode(200)
  @ApiDoc(
    'Reactivate a staff account (admin)',
    'A deactivated account can log in again with its password. Audited.',
  )
  @ApiOkResponse({ type: StaffAccountDto })
  @ApiStaffErrors(404)
  async reactivate(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() admin: AuthenticatedStaff) {
    return publicAccount(await this.users.reactivate(id, admin));
  }

  @Get('security-settings')
  @ApiDoc(
    'Security settings (admin)',
    'Whether every staff member must use two-factor (an authenticator app) to log in.',
  )
  @ApiOkResponse({ type: StaffSecuritySettingsResponseDto })
  @ApiStaffErrors()
  securitySettings() {
    return this.twoFactor.settings();
  }

  /** `totpRequired`: every staff member without two-factor must enrol at their next request. */
  @Put('security-settings')
  @ApiDoc(
    'Change the security settings (admin)',
    'With `totpRequired`, every staff member without two-factor must enrol at their next request. Audited.',
  )
  @ApiOkResponse({ type: StaffSecuritySettingsResponseDto })
  @ApiStaffErrors()
  updateSecuritySettings(@Body() body: StaffSecuritySettingsDto, @CurrentStaff() admin: AuthenticatedStaff) {
    return this.twoFactor.updateSettings(body, admin);
  }
}
