import { Controller, Get, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { SystemStatusService } from '../../observability/system-status.service';
import { ConsoleAuthGuard, ConsoleRoles, View } from './console-auth.guard';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { SystemPage } from './pages/system.page';
import { sendPage, type ConsoleView } from './view';

/** Whether anything is stuck (queues, outbox, emails, workers), for admins without Grafana. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@ConsoleRoles('admin')
@Controller('console/settings/system')
export class ConsoleSystemController {
  constructor(private readonly system: SystemStatusService) {}

  @Get()
  async page(@View() view: ConsoleView, @Res() response: Response): Promise<void> {
    sendPage(response, 200, SystemPage, { view, status: await this.system.status() });
  }
}
