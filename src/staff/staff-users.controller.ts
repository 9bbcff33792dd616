import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiCookieAuth, ApiTags } from '@nestjs/swagger';
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
@ApiTags('staff')
@ApiCookieAuth()
@RequireRole('admin')
@Controller('api/staff')
export class StaffUsersController {
  constructor(
    private readonly users: StaffUsersService,
    private readonly twoFactor: StaffTwoFactorService,
  ) {}

  @Get('users')
  async list() {
    return (await this.users.list()).map(publicAccount);
  }

  /** The first password is the admin's: its owner must change it at the first login. */
  @Post('users')
  async create(@Body() body: CreateStaffUserDto, @CurrentStaff() admin: AuthenticatedStaff) {
    return publicAccount(await this.users.create(body, admin));
  }

  /** Ends every session of the account at once; it cannot log in until reactivated. */
  @Post('users/:id/deactivate')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'your own account, or the last active admin' })
  async deactivate(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() admin: AuthenticatedStaff) {
    return publicAccount(await this.users.deactivate(id, admin));
  }

  @Post('users/:id/reactivate')
  @HttpCode(200)
  async reactivate(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() admin: AuthenticatedStaff) {
    return publicAccount(await this.users.reactivate(id, admin));
  }

  @Get('security-settings')
  securitySettings() {
    return this.twoFactor.settings();
  }

  /** `totpRequired`: every staff member without two-factor must enrol at their next request. */
  @Put('security-settings')
  updateSecuritySettings(@Body() body: StaffSecuritySettingsDto, @CurrentStaff() admin: AuthenticatedStaff) {
    return this.twoFactor.updateSettings(body, admin);
  }
}
