import { Controller, Get, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { once } from 'node:events';
import { berlinDateOf } from '../../shared/berlin-time';
import { CSV_CONTENT_TYPE, csvChunks, type CsvValue } from '../../shared/csv';
import { AuditLogReader, type AuditLogRow } from '../../staff/audit-log-reader.service';
import { AuditLogExportQueryDto, AuditLogQueryDto } from '../../staff/dto/audit-log-query.dto';
import type { AuthenticatedStaff } from '../../staff/staff-auth.service';
import { formText, readForm } from '../forms/form-path';
import { ConsoleAuthGuard, ConsoleRoles, Staff, View } from './console-auth.guard';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { AUDIT_FILTER_FIELDS, auditActionLabel, AuditPage, type AuditFilterForm } from './pages/audit.page';
import { sendPage, type ConsoleView } from './view';

function filterForm(query: Record<string, unknown>): AuditFilterForm {
  return Object.fromEntries(
    AUDIT_FILTER_FIELDS.map((field) => [field, formText(query[field]) ?? '']),
  ) as unknown as AuditFilterForm;
}

/** The typed fields only, empty ones left out: an empty field is no filter. */
function plainOf(form: AuditFilterForm, extra: Record<string, string | undefined>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries({ ...form, ...extra }).filter(([, value]) => value !== undefined && value !== ''),
  );
}

/**
 * The audit log for admins: who did what to which record, filtered, newest first, and the filtered
 * result as a CSV download (streamed batch by batch; the export is itself audited).
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@UseGuards(ConsoleAuthGuard)
@ConsoleRoles('admin')
@Controller('console/audit')
export class ConsoleAuditController {
  constructor(private readonly reader: AuditLogReader) {}

  @Get()
  async page(
    @Query() query: Record<string, unknown>,
    @View() view: ConsoleView,
    @Res() response: Response,
  ): Promise<void> {
    const form = filterForm(query);
    const cursor = formText(query.cursor);
    const outcome = await readForm(AuditLogQueryDto, plainOf(form, { cursor }), view.t);
    const staff = await this.reader.staffChoices();
    if (!outcome.ok) {
      sendPage(response, 400, AuditPage, {
        view,
        form,
        staff,
        entries: [],
        nextCursor: null,
        paged: false,
        problems: outcome.problems,
      });
      return;
    }
    const page = await this.reader.page(outcome.dto);
    sendPage(response, 200, AuditPage, {
      view,
      form,
      staff,
      entries: page.entries,
      nextCursor: page.nextCursor,
      paged: cursor !== undefined,
    });
  }

  @Get('export.csv')
  async export(
    @Query() query: Record<string, unknown>,
    @View() view: ConsoleView,
    @Staff() staff: AuthenticatedStaff,
    @Res() response: Response,
  ): Promise<void> {
    const form = filterForm(query);
    const separatorName = formText(query.separator);
    const outcome = await readForm(
      AuditLogExportQueryDto,
      plainOf(form, { separator: separatorName }),
      view.t,
    );
    if (!outcome.ok) {
      sendPage(response, 400, AuditPage, {
        view,
        form,
        staff: await this.reader.staffChoices(),
        entries: [],
        nextCursor: null,
        paged: false,
        problems: outcome.problems,
      });
      return;
    }
    const { separator: chosen, ...filter } = outcome.dto;
    const { t } = view;
    const header = [
      t.t('console.audit.column.id'),
      t.t('console.audit.column.at'),
      t.t('console.audit.column.staffUserId'),
      t.t('console.audit.column.staffName'),
      t.t('console.audit.column.action'),
      t.t('console.audit.column.actionLabel'),
      t.t('console.audit.column.entityType'),
      t.t('console.audit.column.entityId'),
      t.t('console.audit.column.details'),
    ];
    const toRow = (entry: AuditLogRow): CsvValue[] => [
      entry.id,
      entry.at,
      entry.staffUserId,
      entry.staffName,
      entry.action,
      auditActionLabel(t, entry.action),
      entry.entityType,
      entry.entityId,
      Object.keys(entry.details).length === 0 ? '' : JSON.stringify(entry.details),
    ];
    async function* rows(batches: AsyncIterable<AuditLogRow[]>): AsyncGenerator<CsvValue[][]> {
      for await (const batch of batches) {
        yield batch.map(toRow);
      }
    }
    const batches = await this.reader.export(filter, staff);
    const chunks = csvChunks(header, rows(batches), {
      // German Excel splits on ';' (',' is its decimal mark): the default for this agency's staff.
      separator: chosen === 'comma' ? ',' : ';',
    });
    response.status(200);
    response.setHeader('Content-Type', CSV_CONTENT_TYPE);
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="audit-log-${berlinDateOf(new Date())}.csv"`,
    );
    response.setHeader('Cache-Control', 'no-store');
    let closed = false;
    response.on('close', () => {
      closed = true;
    });
    for await (const chunk of chunks) {
      if (closed) {
        break; // the browser went away: stop reading the database
      }
      await write(response, chunk);
    }
    response.end();
  }
}

/** Writes with back-pressure: waits for the socket to drain before reading the next batch. */
async function write(response: Response, chunk: string): Promise<void> {
  if (!response.write(chunk)) {
    await Promise.race([once(response, 'drain'), once(response, 'close')]);
  }
}
