import {
  Body,
  Controller,
  Get,
  HttpException,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { csvChunks } from '../../../shared/csv';
import { sendCsvDownload } from '../../../common/csv-response';
import { TransferService } from '../../../transfer/transfer.service';
import { uploadedFile, type UploadRequest } from '../../../transfer/upload.middleware';
import type { AuthenticatedStaff } from '../../../staff/staff-auth.service';
import { ConsoleAuthGuard, ConsoleRoles, Staff, View } from '../console-auth.guard';
import { ConsoleExceptionFilter } from '../console-exception.filter';
import { sendPage, type ConsoleView } from '../view';
import { ImportPage, ImportStartPage, problemText } from './import.page';

/** An expected refusal (4xx) is shown on the page; anything else goes to the console's filter. */
function refusal(error: unknown): { status: number; message: string } {
  if (error instanceof HttpException && error.getStatus() < 500) {
    const body = error.getResponse();
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    return { status: error.getStatus(), message: typeof message === 'string' ? message : error.message };
  }
  throw error;
}

/** CSV import (docs/data-transfer.md): admins only. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@ConsoleRoles('admin')
@Controller('console/import')
export class ConsoleImportController {
  constructor(private readonly transfer: TransferService) {}

  @Get()
  async start(@View() view: ConsoleView, @Res() response: Response): Promise<void> {
    sendPage(response, 200, ImportStartPage, { view, imports: await this.transfer.list() });
  }

  @Post()
  async upload(
    @Req() request: UploadRequest,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      const created = await this.transfer.upload(
        { ...uploadedFile(request), kind: body.kind, sourceLabel: body.sourceLabel },
        staff.id,
      );
      response.redirect(303, `/console/import/${created.id}`);
    } catch (error) {
      const { status, message } = refusal(error);
      sendPage(response, status, ImportStartPage, {
        view,
        imports: await this.transfer.list(),
        error: message,
      });
    }
  }

  @Get(':id')
  async page(
    @Param('id', ParseUUIDPipe) id: string,
    @View() view: ConsoleView,
    @Res() response: Response,
  ): Promise<void> {
    sendPage(response, 200, ImportPage, { view, item: await this.transfer.get(id) });
  }

  @Post(':id/dry-run')
  async dryRun(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @View() view: ConsoleView,
    @Res() response: Response,
  ): Promise<void> {
    const mapping = Object.fromEntries(
      Object.entries(body)
        .filter(([name]) => /^map\.\d+$/.test(name))
        .map(([name, value]) => [name.slice(4), typeof value === 'string' ? value : '']),
    );
    try {
      await this.transfer.configure(id, { encoding: body.encoding, separator: body.separator, mapping });
      await this.transfer.dryRun(id);
      response.redirect(303, `/console/import/${id}#h-result`);
    } catch (error) {
      const { status, message } = refusal(error);
      sendPage(response, status, ImportPage, { view, item: await this.transfer.get(id), error: message });
    }
  }

  @Post(':id/start')
  async run(
    @Param('id', ParseUUIDPipe) id: string,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    try {
      await this.transfer.start(id, staff.id, 'console');
      response.redirect(303, `/console/import/${id}`);
    } catch (error) {
      const { status, message } = refusal(error);
      sendPage(response, status, ImportPage, { view, item: await this.transfer.get(id), error: message });
    }
  }

  /** The report as CSV for German Excel: BOM, `;`, formula cells neutralised. */
  @Get(':id/report.csv')
  async report(
    @Param('id', ParseUUIDPipe) id: string,
    @View() view: ConsoleView,
    @Res() response: Response,
  ): Promise<void> {
    const item = await this.transfer.get(id);
    const { t } = view;
    async function* rows() {
      yield await Promise.resolve(
        item.report.map(([row, field, code, value]) => [row, field, problemText(view, code), value ?? '']),
      );
    }
    await sendCsvDownload(
      response,
      `import-report-${id.slice(0, 8)}.csv`,
      csvChunks(
        [
          t.t('transfer.report.row'),
          t.t('transfer.report.field'),
          t.t('transfer.report.problem'),
          t.t('transfer.report.value'),
        ],
        rows(),
        { separator: ';' },
      ),
    );
  }
}
