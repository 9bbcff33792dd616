import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequireRole } from '../staff/require-role';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { EraseHelpSeekerDto, WithdrawConsentDto } from './dto/help-seeker-rights.dto';
import { HelpSeekerRightsService } from './help-seeker-rights.service';

/** A help-seeker's rights, exercised through staff (most ask by phone or letter). */
@ApiTags('staff')
@ApiCookieAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/help-seekers/:id')
export class StaffHelpSeekersController {
  constructor(private readonly rights: HelpSeekerRightsService) {}

  /** Art. 15: everything about the person, as a JSON download; audited. */
  @Get('export')
  async export(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentStaff() staff: AuthenticatedStaff,
    @Res({ passthrough: true }) response: Response,
  ) {
    const data = await this.rights.export(id, staff);
    response.setHeader('Content-Disposition', `attachment; filename="help-seeker-${id}.json"`);
    response.setHeader('Cache-Control', 'no-store');
    return data;
  }

  /** Art. 17: anonymise the person; statistics stay. 409 while an open call task needs the number. */
  @Post('erase')
  @HttpCode(200)
  @RequireRole('admin', 'coordinator')
  erase(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: EraseHelpSeekerDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    return this.rights.erase(id, staff, body.reason);
  }

  /** Art. 7(3): health data → details removed; data processing → erased (409 as for erase). */
  @Post('consents/withdraw')
  @HttpCode(200)
  withdraw(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: WithdrawConsentDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    return this.rights.withdrawConsent(id, body.purpose, staff);
  }
}
