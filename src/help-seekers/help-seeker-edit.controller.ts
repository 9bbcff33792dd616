import { Body, Controller, Param, ParseUUIDPipe, Patch, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { HelpSeekerRecordDto } from './dto/help-request.response';
import { UpdateHelpSeekerDto } from './dto/update-help-seeker.dto';
import { HelpSeekerEditService } from './help-seeker-edit.service';

@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/help-seekers')
export class HelpSeekerEditController {
  constructor(private readonly edits: HelpSeekerEditService) {}

  @Patch(':id')
  @ApiDoc(
    'Edit a help-seeker',
    'A partial edit: fields left out stay, `null` clears a nullable one. Audited with before and after. ' +
      'Accessibility needs are health data (Art. 9 GDPR): stored only with a consent on record or one given now (`healthDataConsent: true`, recorded as oral). ' +
      'A contact person who calls on the person’s behalf needs name, relationship and phone (or none of them).',
  )
  @ApiOkResponse({ type: HelpSeekerRecordDto })
  @ApiStaffErrors(404)
  edit(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateHelpSeekerDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    return this.edits.edit(id, body, staff);
  }
}
