import { Body, Controller, Param, ParseUUIDPipe, Patch, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { EditedHelpRequestDto } from '../help-seekers/dto/help-request.response';
import { UpdateHelpRequestDto } from '../help-seekers/dto/update-help-request.dto';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { RequestEditService } from './request-edit.service';

@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/help-requests')
export class RequestEditController {
  constructor(private readonly edits: RequestEditService) {}

  @Patch(':id')
  @ApiDoc(
    'Edit a request',
    'A partial edit: fields left out stay, `null` clears a nullable one. Audited with before and after. ' +
      '`volunteerSummary` is the staff-approved short text volunteers read before they accept (null: a neutral text from the category); ' +
      'the help-seeker’s own description never reaches a volunteer. A change that can alter who fits (category, skills, language, eFZ, schedule, postal code) ' +
      'withdraws offers already sent whose volunteer no longer fits (a fitting one stays) and matches the proposals not yet offered again. ' +
      'A closed request cannot be edited (409).',
  )
  @ApiOkResponse({ type: EditedHelpRequestDto })
  @ApiStaffErrors(404, 409)
  edit(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateHelpRequestDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    return this.edits.edit(id, body, staff);
  }
}
