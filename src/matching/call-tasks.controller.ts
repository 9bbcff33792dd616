import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CurrentStaff, StaffAuthGuard } from '../staff/staff-auth.guard';
import type { AuthenticatedStaff } from '../staff/staff-auth.service';
import { CALL_TASK_STATUSES, type CallTaskStatus } from '../help-seekers/call-task.entity';
import { CallTasksService } from './call-tasks.service';

class ListCallTasksQuery {
  @IsOptional()
  @IsIn(CALL_TASK_STATUSES)
  status?: CallTaskStatus;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/** Help-seekers without email hear about their helper from staff: by phone, or by the printable letter (src/web/letters). */
@ApiTags('staff')
@ApiCookieAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/call-tasks')
export class CallTasksController {
  constructor(private readonly tasks: CallTasksService) {}

  @Get()
  list(@Query() query: ListCallTasksQuery, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.tasks.list(query.status ?? 'open', query.limit ?? 50, staff);
  }

  @Post(':id/done')
  @HttpCode(200)
  done(@Param('id', ParseUUIDPipe) id: string, @CurrentStaff() staff: AuthenticatedStaff) {
    return this.tasks.markDone(id, staff);
  }
}
