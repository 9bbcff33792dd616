import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { ConflictError } from '../shared/domain-error';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { normaliseAnswerNote } from './domain/volunteer-answers';
import { DropOutsService } from './drop-outs.service';
import { RecordDropOutDto } from './dto/drop-out.dto';
import { MatchDto } from './dto/matching.response';
import { Match } from './match.entity';

@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/matches')
export class StaffDropOutsController {
  constructor(
    // DataSource, not repositories: reads the match back after the drop-out (matching owns the table).
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly dropOuts: DropOutsService,
  ) {}

  @Post(':id/drop-out')
  @HttpCode(200)
  @ApiDoc(
    'Record that the volunteer dropped out',
    'The volunteer called off an agreed (accepted) assignment: the match ends as `dropped-out` with the reason and time ' +
      '(`endedLate` when less than 48 hours before the appointment), the request is matched again, staff are emailed and ' +
      'the help-seeker gets a call task. Repeating it changes nothing; a match that is not accepted gives 409.',
  )
  @ApiOkResponse({ type: MatchDto, description: 'the match, now `dropped-out`' })
  @ApiStaffErrors(400, 404, 409)
  async dropOut(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RecordDropOutDto,
    @CurrentStaff() staff: AuthenticatedStaff,
  ): Promise<Match> {
    const note = normaliseAnswerNote(dto.note);
    const outcome = await this.dropOuts.dropOut(
      id,
      { reason: dto.reason, note: note.ok ? note.note : null },
      staff,
    );
    if (outcome === 'not-applicable') {
      throw new ConflictError('only an accepted match of a matched request can end with a drop-out');
    }
    return this.dataSource.getRepository(Match).findOneByOrFail({ id });
  }
}
