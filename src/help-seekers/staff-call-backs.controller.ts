import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { CallBacksService } from './call-backs.service';
import { CallBackAttemptDto, CallBackDto, CallBackStatusQuery } from './dto/call-back.dto';
import { StaffHelpRequestDto } from './dto/create-help-request.dto';
import { CreatedHelpRequestDto } from './dto/help-request.response';
import type { CreatedHelpRequest } from './help-requests.service';

/** "Rückrufwünsche aus dem Internet": public call-backs until staff complete them into requests. */
@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/call-backs')
export class StaffCallBacksController {
  constructor(private readonly callBacks: CallBacksService) {}

  @Get()
  @ApiDoc(
    'List call-backs',
    'People who asked on the public pages to be called back, oldest first: name, phone, postal code, their line, ' +
      'and the calls that did not reach them yet. `status=completed` lists the completed ones, newest first.',
  )
  @ApiOkResponse({ type: [CallBackDto] })
  @ApiStaffErrors()
  list(@Query() query: CallBackStatusQuery): Promise<CallBackDto[]> {
    return this.callBacks.list(query.status ?? 'waiting');
  }

  @Post(':id/attempts')
  @HttpCode(200)
  @ApiDoc(
    'Record a call that did not reach the person',
    'Counts the attempt and records who called and when (audited); the call-back keeps waiting.',
  )
  @ApiOkResponse({ type: CallBackDto })
  @ApiStaffErrors(404, 409)
  attempt(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CallBackAttemptDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<CallBackDto> {
    return this.callBacks.recordAttempt(id, staff, body.note);
  }

  @Post(':id/complete')
  @HttpCode(201)
  @ApiDoc(
    'Complete a call-back into a request',
    'After the call: the request as in phone intake (category, schedule, …) for the person who asked for the call ' +
      '(their stored name and contact ways stay; `helpSeekerId` is ignored). The request has the source `call-back` and ' +
      'goes to matching; the call-back is completed, with who and when audited. 409 when it was already completed.',
  )
  @ApiCreatedResponse({ type: CreatedHelpRequestDto })
  @ApiStaffErrors(404, 409)
  complete(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: StaffHelpRequestDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<CreatedHelpRequest> {
    return this.callBacks.complete(id, { ...body, helpSeekerId: undefined }, staff);
  }
}
