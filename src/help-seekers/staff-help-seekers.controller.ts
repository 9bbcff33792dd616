import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { ConsentWithdrawalDto, ErasureOutcomeDto, HelpSeekerExportDto } from './dto/help-request.response';
import type { Response } from 'express';
import { RequireRole } from '../staff/require-role';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { EraseHelpSeekerDto, WithdrawConsentDto } from './dto/help-seeker-rights.dto';
import { HelpSeekerRightsService } from './help-seeker-rights.service';

/** A help-seeker's rights, exercised through staff (most ask by phone or letter). */
@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/help-seekers/:id')
export class StaffHelpSeekersController {
  constructor(private readonly rights: HelpSeekerRightsService) {}

  /** Art. 15: everything about the person, as a JSON download; audited. */
  @Get('export')
  @ApiDoc(
    'Export everything about a help-seeker (GDPR Art. 15)',
    'Everything the agency holds about the person (contact, requests, consents, notes, call tasks, matches with volunteers by first name) as a JSON download. The read is audited.',
  )
  @ApiOkResponse({ type: HelpSeekerExportDto })
  @ApiStaffErrors(404)
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
  @ApiDoc(
    'Erase a help-seeker (GDPR Art. 17)',
    'Anonymises the person: contact data and free texts go, statistics stay; open requests are cancelled and unsent emails about them dropped. ' +
      'Refused (409) while an open call task still needs the phone number.',
  )
  @ApiOkResponse({ type: ErasureOutcomeDto })
  @ApiStaffErrors(404, 409)
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
  @ApiDoc(
    'Withdraw a consent (GDPR Art. 7(3))',
    'The help-seeker withdraws a consent: for health data the health details are removed; for data processing the person is erased (409 as for erasure).',
  )
  @ApiOkResponse({ type: ConsentWithdrawalDto })
  @ApiStaffErrors(404, 409)
  withdraw(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: WithdrawConsentDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    return this.rights.withdrawConsent(id, body.purpose, staff);
  }
}
