import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../common/api-docs';
import { CallTaskDto } from './dto/matching.response';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { CALL_TASK_STATUSES, type CallTaskStatus } from '../help-seekers/call-task.entity';
import { CallTasksService } from './call-tasks.service';

class ListCallTasksQuery {
  @ApiPropertyOptional({ enum: CALL_TASK_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(CALL_TASK_STATUSES)
  status?: CallTaskStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/** Help-seekers without email hear about their helper from staff: by phone, or by the printable letter (src/web/letters). */
@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/call-tasks')
export class CallTasksController {
  constructor(private readonly tasks: CallTasksService) {}

  @Get()
  @ApiDoc(
    'List call tasks',
    'Help-seekers without email hear from staff who will help: each task names the person to call, their number and the volunteer. ' +
      'Oldest first; the list shows contact data, so each help-seeker shown is an audited read.',
  )
  @ApiOkResponse({ type: [CallTaskDto] })
  @ApiStaffErrors()
  list(@Query() query: ListCallTasksQuery, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.tasks.list(query.status ?? 'open', query.limit ?? 50, staff);
  }

  @Post(':id/done')
  @HttpCode(200)
  @ApiDoc(
    'Mark a call task done',
    'Staff have called the help-seeker (or sent the letter); the task leaves the open list.',
  )
  @ApiOkResponse({ type: CallTaskDto })
  @ApiStaffErrors(404, 409)
  done(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.tasks.markDone(id, staff);
  }
}
