import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import archiver from 'archiver';
import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import { DataSource, type QueryRunner } from 'typeorm';
import { csvChunks, type CsvSeparator, type CsvValue } from '../../shared/csv';
import { AuditService } from '../../staff/audit.service';
import type { AuthenticatedStaff } from '../../staff/staff-auth.service';
import {
  csvPathOf,
  csvValueOf,
  jsonPathOf,
  jsonRowOf,
  planExport,
  readmeText,
  type CatalogueColumn,
  type ExportPlan,
  type ExportTable,
} from './domain/export-plan';

/** Rows per FETCH from a table's cursor: memory holds one batch of one table at a time. */
export const EXPORT_BATCH = 2000;

export const ZIP_CONTENT_TYPE = 'application/zip';

/** A single string as the chunk stream `entry` reads. */
async function* oneChunk(text: string): AsyncGenerator<string> {
  yield await Promise.resolve(text);
}

/** The client closed the connection before the zip was complete. */
export class ExportAbortedError extends Error {}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Everything the agency holds as one zip (csv/<table>.csv, json/<table>.json, README.txt), written
 * to a stream as it is read: one REPEATABLE READ, READ ONLY transaction (every table from the same
 * snapshot), one server-side cursor per table fetched in batches, back-pressure from the socket.
 * Audited before the first row is read, with the row count of every table.
 */
@Injectable()
export class AgencyExportService {
  private readonly logger = new Logger(AgencyExportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The tables and columns an export contains (from the live catalogue). */
  async plan(runner?: QueryRunner): Promise<ExportPlan> {
    const rows = (await (runner ?? this.dataSource).query(
      `SELECT c.table_name AS "table", c.column_name AS "column", c.udt_name AS "type"
         FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
        ORDER BY c.table_name, c.ordinal_position`,
    )) as CatalogueColumn[];
    return planExport(rows);
  }

  /**
   * Writes the zip to `output` and ends it; null when the client went away first (the reading
   * stops there and the transaction is rolled back).
   */
  async write(
    output: Writable,
    staff: AuthenticatedStaff,
    options: { separator: CsvSeparator; channel: 'console' | 'api' },
  ): Promise<{ tables: number; rows: number } | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const archive = archiver('zip', { zlib: { level: 6 } });
    let finishing = false;
    const failed = new Promise<never>((_resolve, reject) => {
      archive.on('error', reject);
      archive.on('warning', reject);
      output.once('close', () => {
        if (!finishing) {
          reject(new ExportAbortedError());
        }
      });
    });
    failed.catch(() => undefined);
    archive.pipe(output);
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const exportedAt = new Date();
      const plan = await this.plan(runner);
      const counted: (ExportTable & { rows: number })[] = [];
      for (const table of plan.tables) {
        const [{ count }] = (await runner.query(
          `SELECT count(*)::text AS count FROM ${quote(table.name)}`,
        )) as {
          count: string;
        }[];
        counted.push({ ...table, rows: Number(count) });
      }
      const total = counted.reduce((sum, table) => sum + table.rows, 0);
      await this.audit.record({
        staffUserId: staff.id,
        action: 'agency.exported',
        entityType: 'agency',
        entityId: 'export',
        details: {
          channel: options.channel,
          separator: options.separator,
          tables: counted.length,
          rows: total,
          counts: Object.fromEntries(counted.map((table) => [table.name, table.rows])),
        },
      });
      await this.entry(
        archive,
        'README.txt',
        oneChunk(
          `\uFEFF${readmeText({ exportedAt, separator: options.separator, tables: counted, excluded: plan.excluded })}`,
        ),
        failed,
      );
      for (const table of counted) {
        await this.entry(
          archive,
          csvPathOf(table.name),
          csvChunks(table.columns, this.csvBatches(runner, table), {
            separator: options.separator,
            bom: true,
          }),
          failed,
        );
        await this.entry(archive, jsonPathOf(table.name), this.jsonChunks(runner, table), failed);
      }
      await runner.query('COMMIT');
      finishing = true;
      const done = once(output, 'finish').catch(() => undefined);
      await Promise.race([archive.finalize(), failed]);
      await done;
      return { tables: counted.length, rows: total };
    } catch (error) {
      archive.abort();
      await runner.query('ROLLBACK').catch(() => undefined);
      if (error instanceof ExportAbortedError) {
        this.logger.warn('export aborted: the client went away');
        return null;
      }
      this.logger.error(`export failed: ${(error as Error).message}`);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** One file of the zip, fed from `chunks` with back-pressure (archiver reads entries in order). */
  private async entry(
    archive: archiver.Archiver,
    name: string,
    chunks: AsyncGenerator<string>,
    failed: Promise<never>,
  ): Promise<void> {
    const pass = new PassThrough();
    const finished = new Promise<void>((resolve) => {
      const onEntry = (data: archiver.EntryData) => {
        if (data.name === name) {
          archive.off('entry', onEntry);
          resolve();
        }
      };
      archive.on('entry', onEntry);
    });
    archive.append(pass, { name, date: new Date() });
    try {
      for await (const chunk of chunks) {
        if (!pass.write(chunk)) {
          await Promise.race([once(pass, 'drain'), failed]);
        }
      }
    } finally {
      await chunks.return(undefined);
    }
    pass.end();
    await Promise.race([finished, failed]);
  }

  /** The table's rows in batches, from a server-side cursor (no ordering: the snapshot's order). */
  private async *rows(runner: QueryRunner, table: ExportTable): AsyncGenerator<Record<string, unknown>[]> {
    const cursor = `export_${table.name}`.slice(0, 60);
    await runner.query(
      `DECLARE ${quote(cursor)} NO SCROLL CURSOR FOR SELECT ${table.columns.map(quote).join(', ')} FROM ${quote(table.name)}`,
    );
    try {
      for (;;) {
        const batch = (await runner.query(`FETCH ${EXPORT_BATCH} FROM ${quote(cursor)}`)) as Record<
          string,
          unknown
        >[];
        if (batch.length === 0) {
          return;
        }
        yield batch;
        if (batch.length < EXPORT_BATCH) {
          return;
        }
      }
    } finally {
      await runner.query(`CLOSE ${quote(cursor)}`).catch(() => undefined); // gone with a failed transaction
    }
  }

  private async *csvBatches(runner: QueryRunner, table: ExportTable): AsyncGenerator<CsvValue[][]> {
    for await (const batch of this.rows(runner, table)) {
      yield batch.map((row) => table.columns.map((column) => csvValueOf(row[column])));
    }
  }

  private async *jsonChunks(runner: QueryRunner, table: ExportTable): AsyncGenerator<string> {
    yield '[';
    let first = true;
    for await (const batch of this.rows(runner, table)) {
      const lines = batch.map((row) => jsonRowOf(table.columns, row));
      yield `${first ? '\n' : ',\n'}${lines.join(',\n')}`;
      first = false;
    }
    yield '\n]\n';
  }
}
