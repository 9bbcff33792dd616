import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { HelpRequestDto } from '../help-seekers/dto/help-request.response';
import {
  AssignmentRunSummaryDto,
  HelpRequestDetailDto,
  MatchingStartedDto,
  OptimisationQueuedDto,
  VolunteerBlockDto,
  VolunteerExplanationDto,
} from './dto/matching.response';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { BlockVolunteerDto, BulkRequestActionDto, CloseRequestDto } from './dto/matching-actions.dto';
import { BulkResultDto } from './dto/request-close.response';
import { GlobalAssignmentService } from './global-assignment.service';
import { MatchingService } from './matching.service';
import { StaffMatchingService } from './staff-matching.service';

@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff')
export class StaffMatchingController {
  constructor(
    private readonly matching: MatchingService,
    private readonly staffMatching: StaffMatchingService,
    private readonly assignments: GlobalAssignmentService,
  ) {}

  /** One request with its help-seeker and the ranked proposals (the read is audited). */
  @Get('help-requests/:id')
  @ApiDoc(
    'Open a request with its proposals',
    'One request with the help-seeker’s contact data and the ranked proposals (best first), each with its score and the reasons. ' +
      'Status `proposals-ready` means staff can approve one. The read is audited.',
  )
  @ApiOkResponse({ type: HelpRequestDetailDto })
  @ApiStaffErrors(404)
  detail(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.staffMatching.requestDetail(id, staff);
  }

  /** Why was this volunteer (not) proposed for this request: the excluding rule, or the score. */
  @Get('help-requests/:id/volunteers/:volunteerId')
  @ApiDoc(
    'Why (not) this volunteer?',
    'Explains the matching for one volunteer and one request: the rule that excludes them (e.g. too far, no matching time, language), or the score they would get.',
  )
  @ApiOkResponse({ type: VolunteerExplanationDto })
  @ApiStaffErrors(404)
  explain(@Param('id', ParseUUIDPipe) id: string, @Param('volunteerId', ParseUUIDPipe) volunteerId: string) {
    return this.matching.explain(id, volunteerId);
  }

  @Post('help-requests/:id/rematch')
  @HttpCode(202)
  @ApiDoc(
    'Match a request again',
    'Runs matching again now, e.g. after the agency changed its weights or new volunteers joined; the current proposals stay. Only for `open` or `proposals-ready` requests.',
  )
  @ApiAcceptedResponse({ type: MatchingStartedDto })
  @ApiStaffErrors(404, 409)
  rematch(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.staffMatching.rematch(id, staff);
  }

  /** A request from the public pages waits in review (`in-review`) until staff release it to matching. */
  @Post('help-requests/:id/release')
  @HttpCode(202)
  @ApiDoc(
    'Release a reviewed request to matching',
    'Staff have reviewed a request from the public pages (and maybe called back): it leaves `in-review` and matching starts.',
  )
  @ApiAcceptedResponse({ type: MatchingStartedDto })
  @ApiStaffErrors(404, 409)
  release(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.staffMatching.release(id, staff);
  }

  /** Several requests released or closed at once, each in its own transaction. */
  @Post('help-requests/bulk')
  @HttpCode(200)
  @ApiDoc(
    'Release or close several requests',
    'Applies `release` or `close` (with `close` saying how, as for one request) to each id on its own: ' +
      'each request is changed completely or not at all. The answer says per id what happened: done (new status) or refused (why).',
  )
  @ApiOkResponse({ type: BulkResultDto })
  @ApiStaffErrors()
  async bulk(
    @Body() body: BulkRequestActionDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<BulkResultDto> {
    return { results: await this.staffMatching.bulk(body, staff) };
  }

  @Post('help-requests/:id/close')
  @HttpCode(200)
  @ApiDoc(
    'Close a request',
    'Done (with how it went), cancelled by the help-seeker, unfulfilled (with the reason: nobody-fits, came-too-late, ' +
      'help-seeker-unreachable, help-seeker-declined, other with a note) or rejected (spam, or duplicate: merged into `mergeInto`, ' +
      'which gets a timeline entry, the notes and, if it has none, the help-seeker). Open proposals and offers are withdrawn and ' +
      'volunteers who were sent an offer get a polite email; accepted matches stay as history, and a request that went well counts as continuity later.',
  )
  @ApiOkResponse({ type: HelpRequestDto })
  @ApiStaffErrors(404, 409)
  close(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CloseRequestDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    return this.staffMatching.close(id, body, staff);
  }

  @Post('help-seekers/:id/blocks')
  @HttpCode(201)
  @ApiDoc(
    'Never propose this volunteer to this help-seeker again',
    'Records a block for the pair (e.g. after a bad experience); open proposals of the pair are withdrawn.',
  )
  @ApiCreatedResponse({ type: VolunteerBlockDto })
  @ApiStaffErrors(404)
  block(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: BlockVolunteerDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    return this.staffMatching.block(id, body, staff);
  }

  /** Re-optimise all open proposals together (also runs every 15 minutes). */
  @Post('matching/optimise')
  @HttpCode(202)
  @ApiDoc(
    'Re-optimise all open proposals',
    'Queues a global optimisation across all open requests, so volunteers are spread fairly (it also runs every 15 minutes). One at a time: 409 while one runs or waits.',
  )
  @ApiAcceptedResponse({ type: OptimisationQueuedDto })
  @ApiStaffErrors(409)
  optimise(@CurrentStaff() staff: AuthenticatedStaff) {
    return this.staffMatching.requestOptimisation(staff);
  }

  /** What the last global optimisation gained over per-request greedy: coverage, total score, busiest load. */
  @Get('matching/optimise/last')
  @ApiDoc(
    'Result of the last optimisation',
    'What the last global optimisation gained over matching each request on its own: coverage, total score, load of the busiest volunteer. `null` before the first run.',
  )
  @ApiExtraModels(AssignmentRunSummaryDto)
  @ApiOkResponse({ schema: { nullable: true, allOf: [{ $ref: getSchemaPath(AssignmentRunSummaryDto) }] } })
  @ApiStaffErrors()
  lastOptimisation() {
    return this.assignments.lastRun();
  }
}
