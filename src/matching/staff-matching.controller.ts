import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { BlockVolunteerDto, CloseRequestDto } from './dto/matching-actions.dto';
import { GlobalAssignmentService } from './global-assignment.service';
import { MatchingService } from './matching.service';
import { StaffMatchingService } from './staff-matching.service';

@ApiTags('staff')
@ApiCookieAuth()
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
  detail(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.staffMatching.requestDetail(id, staff);
  }

  /** Why was this volunteer (not) proposed for this request: the excluding rule, or the score. */
  @Get('help-requests/:id/volunteers/:volunteerId')
  explain(@Param('id', ParseUUIDPipe) id: string, @Param('volunteerId', ParseUUIDPipe) volunteerId: string) {
    return this.matching.explain(id, volunteerId);
  }

  @Post('help-requests/:id/rematch')
  @HttpCode(202)
  rematch(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.staffMatching.rematch(id, staff);
  }

  /** A request from the public pages waits in review (`in-review`) until staff release it to matching. */
  @Post('help-requests/:id/release')
  @HttpCode(202)
  release(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.staffMatching.release(id, staff);
  }

  @Post('help-requests/:id/close')
  @HttpCode(200)
  close(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CloseRequestDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ) {
    return this.staffMatching.close(id, body, staff);
  }

  @Post('help-seekers/:id/blocks')
  @HttpCode(201)
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
  optimise(@CurrentStaff() staff: AuthenticatedStaff) {
    return this.staffMatching.requestOptimisation(staff);
  }

  /** What the last global optimisation gained over per-request greedy: coverage, total score, busiest load. */
  @Get('matching/optimise/last')
  lastOptimisation() {
    return this.assignments.lastRun();
  }
}
