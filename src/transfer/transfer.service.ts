import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { OutboxService } from '../queue/outbox.service';
import { AuditService } from '../staff/audit.service';
import { RUN_IMPORT_JOB, runImportJobId, TRANSFER_QUEUE } from '../queue/job-contracts';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { DataImport } from './data-import.entity';
import { decoderFor, detectEncoding, ImportEncoding, isImportEncoding } from './domain/encoding';
import {
  checkMapping,
  ColumnMapping,
  IMPORT_FIELDS,
  ImportKind,
  isImportKind,
  suggestMapping,
} from './domain/mapping';
import { detectSeparator, ImportSeparator, isImportSeparator } from './domain/separator';
import { fieldKeysOf } from './field-keys';
import { ImportRunner } from './import-runner';

/** The largest file accepted (about 100,000 rows of a Freinet export). */
export const MAX_IMPORT_BYTES = 25 * 1024 * 1024;
const SAMPLE_BYTES = 64 * 1024;

export interface ImportUpload {
  kind: unknown;
  filename: string | undefined;
  content: Buffer | undefined;
  mimetype?: string;
  encoding?: unknown;
  separator?: unknown;
  sourceLabel?: unknown;
}

export interface ImportSettings {
  encoding?: unknown;
  separator?: unknown;
  /** Column index → field ('' or absent: ignored). */
  mapping?: Record<string, unknown>;
}

const field = (name: string, message: string) =>
  new BadRequestException({ message, errors: [{ field: name, message }] });

/**
 * CSV imports (docs/data-transfer.md): upload (encoding, separator and mapping suggested), the
 * settings corrected, a dry run in the request, then the real run as a `transfer` job. The file
 * is kept in `data_import.content` (bytea: it survives a worker restart) and removed when the
 * import is done.
 */
@Injectable()
export class TransferService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly taxonomy: TaxonomyService,
    private readonly audit: AuditService,
  ) {}

  async upload(input: ImportUpload, staffId: string | null): Promise<DataImport> {
    if (!isImportKind(input.kind)) {
      throw field('kind', `kind must be one of ${Object.keys(IMPORT_FIELDS).join(', ')}`);
    }
    const content = input.content;
    if (!content || content.length === 0) {
      throw field('file', 'The file is empty.');
    }
    if (content.length > MAX_IMPORT_BYTES) {
      throw new PayloadTooLargeException(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
    }
    const name = (input.filename ?? 'import.csv').slice(0, 200);
    const sample = content.subarray(0, SAMPLE_BYTES);
    if (!/\.(csv|txt|tsv)$/i.test(name) || sample.includes(0)) {
      throw new UnsupportedMediaTypeException('The file is not a CSV file (.csv, text, no binary content).');
    }
    const encoding = this.encodingOf(input.encoding) ?? detectEncoding(sample).encoding;
    const text = decoderFor(encoding).decode(sample, { stream: true });
    const separator = this.separatorOf(input.separator) ?? detectSeparator(text);
    const headers = headersOf(text, separator);
    if (headers.length < 2) {
      throw field('file', 'The file has no header line with at least two columns.');
    }
    const sourceLabel =
      typeof input.sourceLabel === 'string' && input.sourceLabel.trim() !== ''
        ? input.sourceLabel.trim().slice(0, 100)
        : name;
    const created = await this.dataSource.getRepository(DataImport).save({
      kind: input.kind,
      status: 'uploaded',
      dryRun: true,
      sourceFilename: name,
      sourceLabel,
      encoding,
      separator,
      headers,
      mapping: stringKeys(suggestMapping(input.kind, headers)),
      content,
      createdByStaffId: staffId,
    });
    return this.get(created.id);
  }

  async list(): Promise<DataImport[]> {
    return this.dataSource.getRepository(DataImport).find({ order: { createdAt: 'DESC' }, take: 50 });
  }

  async get(id: string): Promise<DataImport> {
    const found = /^[0-9a-f-]{36}$/i.test(id)
      ? await this.dataSource.getRepository(DataImport).findOneBy({ id })
      : null;
    if (!found) {
      throw new NotFoundException(`import ${id} was not found`);
    }
    return found;
  }

  /** New encoding, separator or mapping; only before the real run. */
  async configure(id: string, settings: ImportSettings): Promise<DataImport> {
    const current = await this.editable(id);
    const encoding = settings.encoding === undefined ? current.encoding : this.encodingOf(settings.encoding);
    if (!encoding) {
      throw field('encoding', 'encoding must be utf-8, windows-1252 or iso-8859-1');
    }
    const separator =
      settings.separator === undefined ? current.separator : this.separatorOf(settings.separator);
    if (!separator) {
      throw field('separator', 'separator must be ";", "," or a tab');
    }
    let headers = current.headers;
    let mapping = current.mapping;
    if (encoding !== current.encoding || separator !== current.separator) {
      const sample = await this.sample(id);
      headers = headersOf(decoderFor(encoding).decode(sample, { stream: true }), separator);
      mapping = stringKeys(suggestMapping(current.kind, headers));
    }
    if (settings.mapping !== undefined) {
      if (typeof settings.mapping !== 'object' || settings.mapping === null) {
        throw field('mapping', 'mapping must be an object of column index → field');
      }
      mapping = {};
      for (const [column, value] of Object.entries(settings.mapping)) {
        const index = Number(column);
        if (!Number.isInteger(index) || index < 0 || index >= headers.length) {
          throw field('mapping', `column ${column} is not a column of the file`);
        }
        if (typeof value !== 'string') {
          throw field('mapping', `column ${column}: the field must be a string`);
        }
        if (value !== '') {
          mapping[String(index)] = value;
        }
      }
      const problems = checkMapping(current.kind, mapping);
      if (problems.length > 0) {
        throw new BadRequestException({
          message: problems.map((problem) => `${problem.field}: ${problem.code}`).join('; '),
          errors: problems.map((problem) => ({ field: `mapping.${problem.field}`, message: problem.code })),
        });
      }
    }
    await this.dataSource.getRepository(DataImport).update(id, {
      encoding,
      separator,
      headers,
      mapping,
      status: 'uploaded',
      finishedAt: null,
      totalRows: null,
      report: [],
    });
    return this.get(id);
  }

  /** Checks every row as the real run would and writes nothing but the report. */
  async dryRun(id: string): Promise<DataImport> {
    const current = await this.editable(id);
    this.assertMapping(current);
    const content = await this.content(id);
    const summary = await new ImportRunner(this.dataSource).run(
      {
        kind: current.kind,
        source: content,
        encoding: current.encoding,
        separator: current.separator,
        mapping: current.mapping,
        dryRun: true,
        sourceLabel: current.sourceLabel,
        staffId: current.createdByStaffId,
        importId: null,
      },
      fieldKeysOf(this.taxonomy.taxonomy),
    );
    await this.dataSource.getRepository(DataImport).update(id, {
      dryRun: true,
      totalRows: summary.totalRows,
      processedRows: summary.totalRows,
      insertedCount: summary.inserted,
      duplicateCount: summary.duplicates,
      rejectedCount: summary.rejected,
      warningCount: summary.warnings,
      report: summary.report,
      reportTruncated: summary.reportTruncated,
      finishedAt: new Date(),
    });
    return this.get(id);
  }

  /**
   * Queues the real run (after a dry run with the current settings); starting twice is a no-op.
   * Audited (`import.started`, with the kind and the dry run's row count) in the same transaction.
   */
  async start(id: string, staffId: string | null, channel: 'console' | 'api'): Promise<DataImport> {
    const current = await this.get(id);
    if (current.status !== 'uploaded') {
      return current;
    }
    if (!current.dryRun || current.finishedAt === null) {
      throw new ConflictException('Run the dry run with these settings first.');
    }
    this.assertMapping(current);
    const jobId = runImportJobId(id);
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.query<unknown[]>(
        `UPDATE data_import SET status = 'queued', dry_run = false, processed_rows = 0, inserted_count = 0,
                duplicate_count = 0, rejected_count = 0, warning_count = 0, report = '[]', report_truncated = 0,
                finished_at = NULL, error = NULL, updated_at = now()
          WHERE id = $1 AND status = 'uploaded' RETURNING id`,
        [id],
      );
      // UPDATE … RETURNING answers [rows, count] through TypeORM's pg driver.
      const rows = Array.isArray(result[0]) ? (result[0] as unknown[]) : result;
      if (rows.length === 0) {
        return;
      }
      await this.outbox.add(manager, {
        queue: TRANSFER_QUEUE,
        jobName: RUN_IMPORT_JOB,
        jobId,
        payload: { importId: id },
      });
      await this.audit.record(
        {
          staffUserId: staffId,
          action: 'import.started',
          entityType: 'data_import',
          entityId: id,
          details: { kind: current.kind, rows: current.totalRows ?? 0, channel },
        },
        manager,
      );
    });
    this.outbox.relaySoon([jobId]);
    return this.get(id);
  }

  /**
   * The job: runs (or resumes after the committed cursor) the real import, then deletes the file.
   * Rows committed by an earlier attempt are skipped; keyed inserts make even a rerun safe.
   */
  async runImport(id: string): Promise<void> {
    const current = await this.dataSource.getRepository(DataImport).findOneBy({ id });
    if (!current || current.status === 'done' || current.dryRun) {
      return;
    }
    await this.dataSource.query(
      `UPDATE data_import SET status = 'running', started_at = coalesce(started_at, now()), error = NULL, updated_at = now() WHERE id = $1`,
      [id],
    );
    try {
      const content = await this.content(id);
      const summary = await new ImportRunner(this.dataSource).run(
        {
          kind: current.kind,
          source: content,
          encoding: current.encoding,
          separator: current.separator,
          mapping: current.mapping,
          dryRun: false,
          sourceLabel: current.sourceLabel,
          staffId: current.createdByStaffId,
          importId: id,
          skipRows: current.processedRows,
          carried: {
            inserted: current.insertedCount,
            duplicates: current.duplicateCount,
            rejected: current.rejectedCount,
            warnings: current.warningCount,
          },
        },
        fieldKeysOf(this.taxonomy.taxonomy),
      );
      // Done: the file goes (privacy); the report and counts stay.
      await this.dataSource.query(
        `UPDATE data_import SET status = 'done', total_rows = $2, content = NULL, finished_at = now(), updated_at = now() WHERE id = $1`,
        [id, summary.totalRows],
      );
    } catch (error) {
      await this.dataSource.query(
        `UPDATE data_import SET status = 'failed', error = $2, updated_at = now() WHERE id = $1`,
        [id, (error as Error).message.slice(0, 500)],
      );
      throw error;
    }
  }

  private async editable(id: string): Promise<DataImport> {
    const current = await this.get(id);
    if (current.status !== 'uploaded') {
      throw new ConflictException(`The import is ${current.status}; its settings can no longer change.`);
    }
    return current;
  }

  private assertMapping(current: DataImport): void {
    const problems = checkMapping(current.kind, current.mapping);
    if (problems.length > 0) {
      throw new BadRequestException({
        message: problems.map((problem) => `${problem.field}: ${problem.code}`).join('; '),
        errors: problems.map((problem) => ({ field: `mapping.${problem.field}`, message: problem.code })),
      });
    }
  }

  private async content(id: string): Promise<Buffer> {
    const rows = await this.dataSource.query<{ content: Buffer | null }[]>(
      `SELECT content FROM data_import WHERE id = $1`,
      [id],
    );
    const content = rows[0]?.content;
    if (!content) {
      throw new ConflictException('The file of this import is no longer stored.');
    }
    return content;
  }

  private async sample(id: string): Promise<Buffer> {
    const rows = await this.dataSource.query<{ sample: Buffer | null }[]>(
      `SELECT substring(content FROM 1 FOR ${SAMPLE_BYTES}) AS sample FROM data_import WHERE id = $1`,
      [id],
    );
    const sample = rows[0]?.sample;
    if (!sample) {
      throw new ConflictException('The file of this import is no longer stored.');
    }
    return sample;
  }

  private encodingOf(value: unknown): ImportEncoding | null {
    return value === undefined || value === '' ? null : isImportEncoding(value) ? value : null;
  }

  private separatorOf(value: unknown): ImportSeparator | null {
    const named =
      value === 'tab' || value === '\\t'
        ? '\t'
        : value === 'semicolon'
          ? ';'
          : value === 'comma'
            ? ','
            : value;
    return isImportSeparator(named) ? named : null;
  }
}

/** The header record of the file (the first record of the sample). */
export function headersOf(text: string, separator: ImportSeparator): string[] {
  const firstLines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .slice(0, 5)
    .join('\n');
  try {
    const records: unknown = parse(firstLines, {
      delimiter: separator,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      to_line: 1,
    });
    const first = Array.isArray(records) ? (records[0] as unknown) : undefined;
    return Array.isArray(first) ? first.map((header) => String(header).trim().slice(0, 100)) : [];
  } catch {
    return [];
  }
}

function stringKeys(mapping: ColumnMapping): Record<string, string> {
  return Object.fromEntries(Object.entries(mapping).map(([key, value]) => [String(key), value]));
}

export { ImportKind };
