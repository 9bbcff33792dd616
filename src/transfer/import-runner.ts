/*
 * Runs one CSV import (dry or real) as a stream: bytes → decoder → csv-parse → row checks →
 * batches of BATCH_SIZE rows, each written in one transaction with multi-row inserts, together
 * with the processed-row cursor of its `data_import` row. A crash or retry resumes after the last
 * committed batch, and the duplicate keys (and ON CONFLICT DO NOTHING on the unique email) make
 * a restart from zero just as safe. Memory stays bounded: one batch, the duplicate keys seen in
 * the file, the postal codes (about 11,000) and the capped report.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { DataSource, EntityManager } from 'typeorm';
import { messageIdFor } from '../notifications/notification-outbox.service';
import { emailConfirmationKey } from '../notifications/domain/notification-keys';
import { NOTIFICATIONS_QUEUE, SEND_NOTIFICATION_JOB, sendNotificationJobId } from '../queue/job-contracts';
import { DataImport, ReportTuple } from './data-import.entity';
import { decoderFor, ImportEncoding } from './domain/encoding';
import { applyMapping, ColumnMapping, ImportKind } from './domain/mapping';
import {
  checkOpportunityRow,
  checkProviderRow,
  checkVolunteerRow,
  ImportedOpportunity,
  ImportedProvider,
  ImportedVolunteer,
  KnownLocation,
  namePostalKey,
  RowContext,
  RowProblem,
} from './domain/rows';
import { ImportSeparator } from './domain/separator';

export const BATCH_SIZE = 1000;
/** At most this many report lines are kept per import (counts stay exact). */
export const REPORT_CAP = 20_000;
/**
 * Welcome / confirmation emails of a big import are spread out: EMAILS_PER_SLOT per SLOT_MINUTES,
 * so 100,000 imported people do not hit the SMTP relay (and spam filters) in one burst.
 */
export const EMAILS_PER_SLOT = 1000;
export const SLOT_MINUTES = 5;

/** The consent an import records: consent was given in the source system. */
export const importedConsentText = (source: string, on: Date): string =>
  `imported from ${source} on ${on.toISOString().slice(0, 10)}, consent given there`;

export interface ImportOptions {
  kind: ImportKind;
  source: AsyncIterable<Uint8Array> | Uint8Array;
  encoding: ImportEncoding;
  separator: ImportSeparator;
  mapping: ColumnMapping;
  dryRun: boolean;
  /** "Freinet-Online", a file name …: named in the consent records. */
  sourceLabel: string;
  staffId: string | null;
  /** The `data_import` row whose cursor and counts advance with each batch (null: none, e.g. the bench). */
  importId: string | null;
  /** Data rows already committed by an earlier attempt: skipped. */
  skipRows?: number;
  /** Counts committed by an earlier attempt of the same import (resumed runs add to them). */
  carried?: { inserted: number; duplicates: number; rejected: number; warnings: number };
  now?: Date;
  /** When given, milliseconds spent per phase are added to it (bench:import prints them). */
  phases?: ImportPhases;
}

/** Wall-clock milliseconds per phase of a run, summed over its batches. */
export type ImportPhases = Record<string, number>;

export interface ImportSummary {
  totalRows: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  warnings: number;
  report: ReportTuple[];
  reportTruncated: number;
}

type Checked = ImportedVolunteer | ImportedProvider | ImportedOpportunity;
interface PendingRow<T extends Checked = Checked> {
  row: number;
  value: T;
}

/** The rows of one batch that passed the checks, its report lines so far and its counts. */
interface Batch {
  rows: PendingRow[];
  report: ReportTuple[];
  /** Data rows of the file in this batch (passed, rejected or duplicate). */
  processed: number;
  rejected: number;
  duplicates: number;
  warnings: number;
}

const emptyBatch = (): Batch => ({
  rows: [],
  report: [],
  processed: 0,
  rejected: 0,
  duplicates: 0,
  warnings: 0,
});

const normalisedName = `lower(regexp_replace(btrim(name), '\\s+', ' ', 'g'))`;

export class ImportRunner {
  private context: RowContext | null = null;
  private phases: ImportPhases | undefined;

  constructor(private readonly dataSource: DataSource) {}

  /** Postal codes and field-of-activity keys, loaded once per run into memory. */
  async loadContext(fieldLabels: ReadonlyMap<string, string>): Promise<RowContext> {
    const rows = await this.dataSource.query<
      { code: string; latitude: number; longitude: number; district: string | null }[]
    >(`SELECT code, latitude, longitude, district FROM postal_code`);
    const postalCodes = new Map<string, KnownLocation>();
    for (const row of rows) {
      postalCodes.set(row.code, { latitude: row.latitude, longitude: row.longitude, district: row.district });
    }
    this.context = { postalCodes, fieldKeys: fieldLabels };
    return this.context;
  }

  async run(options: ImportOptions, fieldLabels: ReadonlyMap<string, string>): Promise<ImportSummary> {
    this.phases = options.phases;
    const context =
      this.context ?? (await this.timed('load postal codes', () => this.loadContext(fieldLabels)));
    const now = options.now ?? new Date();
    const summary: ImportSummary = {
      totalRows: 0,
      inserted: options.carried?.inserted ?? 0,
      duplicates: options.carried?.duplicates ?? 0,
      rejected: options.carried?.rejected ?? 0,
      warnings: options.carried?.warnings ?? 0,
      report: [],
      reportTruncated: 0,
    };
    const seen = new Set<string>();
    const skip = options.skipRows ?? 0;
    let emailIndex = 0;
    let batch = emptyBatch();

    const report = (problem: RowProblem, warning: boolean): void => {
      const tuple: ReportTuple = [problem.row, problem.field, warning ? `w:${problem.code}` : problem.code];
      if (problem.value !== undefined) {
        tuple.push(problem.value);
      }
      batch.report.push(tuple);
    };

    // Writes one batch in one transaction; the counts it commits are those of the rows up to
    // its last one (the next batch is being checked meanwhile and counts separately).
    const flush = async (done: Batch): Promise<void> => {
      const lines = done.report;
      const counts = {
        inserted: summary.inserted,
        duplicates: summary.duplicates + done.duplicates,
        rejected: summary.rejected + done.rejected,
        warnings: summary.warnings + done.warnings,
      };
      await this.dataSource.transaction(async (manager) => {
        const written = await this.writeBatch(
          manager,
          options,
          done.rows,
          now,
          emailIndex,
          (row, key, code) => {
            if (code) {
              counts.rejected++;
              lines.push([row, key, code]);
            } else {
              counts.duplicates++;
              lines.push([row, key, 'already-present']);
            }
          },
        );
        counts.inserted += written;
        const kept = Math.max(0, Math.min(lines.length, REPORT_CAP - summary.report.length));
        if (options.importId) {
          await this.timed('· progress update', () =>
            manager.query(
              `UPDATE data_import SET processed_rows = processed_rows + $2, inserted_count = $3, duplicate_count = $4,
                    rejected_count = $5, warning_count = $6, report = report || $7::jsonb,
                    report_truncated = report_truncated + $8, updated_at = now()
              WHERE id = $1`,
              [
                options.importId,
                done.processed,
                counts.inserted,
                counts.duplicates,
                counts.rejected,
                counts.warnings,
                JSON.stringify(lines.slice(0, kept)),
                lines.length - kept,
              ],
            ),
          );
        }
        // Committed (the callback returns before COMMIT, but a failed COMMIT throws out of run).
        emailIndex += written;
        Object.assign(summary, counts);
        summary.report.push(...lines.slice(0, kept));
        summary.reportTruncated += lines.length - kept;
      });
    };

    // One batch is written while the next is read and checked (the database and the parser
    // work at the same time); a batch starts writing only after the previous one committed, so
    // its duplicate lookup sees every earlier row.
    let writing: Promise<void> | null = null;
    const drain = async (): Promise<void> => {
      if (writing) {
        await writing;
      }
    };
    const submit = async (): Promise<void> => {
      const done = batch;
      batch = emptyBatch();
      await drain();
      writing = flush(done);
      // Awaited at the next batch or at the end; until then a failure must not go unhandled.
      writing.catch(() => undefined);
    };

    const phases = options.phases;
    const time = (phase: string, since: number): number => {
      const at = performance.now();
      if (phases) {
        phases[phase] = (phases[phase] ?? 0) + (at - since);
      }
      return at;
    };
    let dataRow = 0;
    let totalRows = 0;
    let mark = performance.now();
    for await (const cells of this.records(options)) {
      mark = time('read + parse', mark);
      dataRow++;
      if (dataRow === 1) {
        continue; // header
      }
      const row = dataRow; // the file's record number, header = 1
      totalRows++;
      if (totalRows <= skip) {
        continue;
      }
      batch.processed++;
      const record = applyMapping(cells, options.mapping);
      const checked =
        options.kind === 'volunteers'
          ? checkVolunteerRow(row, record, context)
          : options.kind === 'providers'
            ? checkProviderRow(row, record, context)
            : checkOpportunityRow(row, record, context);
      if (!checked.ok) {
        batch.rejected++;
        checked.problems.forEach((problem) => report(problem, false));
      } else {
        batch.warnings += checked.warnings.length;
        checked.warnings.forEach((warning) => report(warning, true));
        const keys = fileKeys(options.kind, checked.value);
        const repeated = keys.find((key) => seen.has(key));
        if (repeated !== undefined) {
          batch.duplicates++;
          batch.report.push([row, repeated.split(':')[0], 'duplicate-in-file']);
        } else {
          keys.forEach((key) => seen.add(key));
          batch.rows.push({ row, value: checked.value });
        }
      }
      mark = time('check rows', mark);
      if (batch.processed >= BATCH_SIZE) {
        await submit();
        mark = time('wait for the database', mark);
      }
    }
    if (batch.processed > 0 || batch.rows.length > 0) {
      await submit();
    }
    await drain();
    time('wait for the database', mark);
    summary.totalRows = totalRows;
    return summary;
  }

  /** Runs `step`, adding its wall-clock time to `phase` when phases are measured. */
  private async timed<T>(phase: string, step: () => Promise<T>): Promise<T> {
    if (!this.phases) {
      return step();
    }
    const started = performance.now();
    try {
      return await step();
    } finally {
      this.phases[phase] = (this.phases[phase] ?? 0) + (performance.now() - started);
    }
  }

  /** The file's records as string arrays, decoded and parsed as a stream. */
  private async *records(options: ImportOptions): AsyncGenerator<string[]> {
    const decoder = decoderFor(options.encoding);
    const parser = parse({
      delimiter: options.separator,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: 1_000_000,
    });
    const source = options.source instanceof Uint8Array ? Readable.from([options.source]) : options.source;
    const feeding = (async () => {
      try {
        for await (const chunk of source) {
          if (!parser.write(decoder.decode(chunk as Uint8Array, { stream: true }))) {
            await once(parser, 'drain');
          }
        }
        parser.end(decoder.decode());
      } catch (error) {
        parser.destroy(error as Error);
      }
    })();
    for await (const record of parser) {
      yield record as string[];
    }
    await feeding;
  }

  /**
   * Writes the batch's new rows; rows whose key is already stored are reported through
   * `duplicate`. A dry run looks the keys up the same way and writes nothing. Returns how many
   * rows were (or, dry, would be) inserted.
   */
  private async writeBatch(
    manager: EntityManager,
    options: ImportOptions,
    rows: PendingRow[],
    now: Date,
    emailIndex: number,
    duplicate: (row: number, field: string, rejectedAs?: string) => void,
  ): Promise<number> {
    if (rows.length === 0) {
      return 0;
    }
    switch (options.kind) {
      case 'volunteers':
        return this.writeVolunteers(
          manager,
          options,
          rows as PendingRow<ImportedVolunteer>[],
          now,
          emailIndex,
          duplicate,
        );
      case 'providers':
        return this.writeProviders(manager, options, rows as PendingRow<ImportedProvider>[], duplicate);
      case 'opportunities':
        return this.writeOpportunities(
          manager,
          options,
          rows as PendingRow<ImportedOpportunity>[],
          duplicate,
        );
    }
  }

  private async writeVolunteers(
    manager: EntityManager,
    options: ImportOptions,
    rows: PendingRow<ImportedVolunteer>[],
    now: Date,
    emailIndex: number,
    duplicate: (row: number, field: string, rejectedAs?: string) => void,
  ): Promise<number> {
    const emails = rows.map((row) => row.value.email);
    const names = rows.map((row) => namePostalKey(row.value.name, '').slice(0, -1));
    const postals = rows.map((row) => row.value.postalCode);
    const found = await this.timed('· duplicate lookup', () =>
      manager.query<{ email: string; key: string }[]>(
        // Two index lookups (lower(email), and name + postal code), not one OR that scans the table.
        `SELECT lower(email) AS email, ${normalisedName} || '|' || postal_code AS key FROM volunteer
        WHERE lower(email) = ANY($1::text[])
       UNION
       SELECT lower(email) AS email, ${normalisedName} || '|' || postal_code AS key FROM volunteer
        WHERE (${normalisedName}, postal_code) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
        [emails, names, postals],
      ),
    );
    const storedEmails = new Set(found.map((row) => row.email));
    const storedKeys = new Set(found.map((row) => row.key));
    const fresh = rows.filter(({ row, value }) => {
      if (storedEmails.has(value.email)) {
        duplicate(row, 'email');
        return false;
      }
      if (storedKeys.has(namePostalKey(value.name, value.postalCode))) {
        duplicate(row, 'name');
        return false;
      }
      return true;
    });
    if (options.dryRun || fresh.length === 0) {
      return fresh.length;
    }
    // One statement for the whole batch: the volunteers (one array parameter per column,
    // unnest: far less to bind and parse than a VALUES list), then, for the rows actually
    // inserted, their consent records, confirmation emails and outbox jobs, in data-modifying
    // CTEs. Ids are made here so the notification keys need no second round trip.
    const column = <T>(pick: (value: ImportedVolunteer) => T): T[] => fresh.map(({ value }) => pick(value));
    const pgArray = (items: string[]): string =>
      `{${items.map((item) => `"${item.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
    const volunteerIds = fresh.map(() => randomUUID());
    const notificationIds = fresh.map(() => randomUUID());
    const created = await this.timed('· insert (4 tables)', () =>
      manager.query<{ id: string; email: string }[]>(
        `WITH input AS (
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                                $8::text[], $9::float8[], $10::float8[], $11::text[], $12::float8[], $13::date[], $14::date[],
                                $15::uuid[], $16::uuid[], $17::text[])
                    WITH ORDINALITY
                    AS t(id, name, email, phone, languages, language_codes, interests, postal_code, latitude, longitude,
                         district, max_travel_km, birth_date, inspected_on, notification_id, confirmation_key, message_id, ord)
         ),
         created AS (
           INSERT INTO volunteer (id, name, email, phone, languages, language_codes, interests, postal_code, latitude,
                                  longitude, district, max_travel_km, birth_date, certificate_inspected_on,
                                  certificate_inspected_by, status, locale)
           SELECT id, name, email, phone, languages::jsonb, language_codes::text[], interests::text[], postal_code, latitude,
                  longitude, district, max_travel_km, birth_date, inspected_on,
                  CASE WHEN inspected_on IS NULL THEN NULL ELSE $18::uuid END, 'pending', 'de'
             FROM input ORDER BY ord
           ON CONFLICT DO NOTHING
           RETURNING id, email
         ),
         consent AS (
           -- The consent was given in the source system; nahbar asks again by double opt-in.
           INSERT INTO consent_record (subject_type, subject_id, purpose, mode, text_version, recorded_by_staff_id, given_at)
           SELECT 'volunteer', id, 'volunteer-pool', 'imported', $19, $18, $20 FROM created
         ),
         numbered AS (
           SELECT input.*, row_number() OVER (ORDER BY input.ord) - 1 + $21::int AS email_index
             FROM input JOIN created USING (id)
         ),
         queued AS (
           -- Double opt-in, as for a sign-up: the confirmation email (same kind and key as
           -- VolunteersService.create), spread over time slots so a big import does not flood the relay.
           INSERT INTO notification (id, kind, subject_id, recipient, locale, message_id, not_before, status)
           SELECT notification_id, 'volunteer-email-confirmation', confirmation_key, email, 'de', message_id,
                  CASE WHEN email_index / $22::int = 0 THEN NULL
                       ELSE $20::timestamptz + make_interval(mins => (email_index / $22::int)::int * $23::int) END,
                  'pending'
             FROM numbered
           ON CONFLICT DO NOTHING
           RETURNING id, not_before
         ),
         jobs AS (
           INSERT INTO outbox_job (queue, job_name, job_id, payload, not_before)
           SELECT $24, $25, $26 || id, jsonb_build_object('notificationId', id), not_before FROM queued
           ON CONFLICT DO NOTHING
         )
         SELECT id, email FROM created`,
        [
          volunteerIds,
          column((v) => v.name),
          column((v) => v.email),
          column((v) => v.phone),
          // Imported languages get level B1 until the intake talk says otherwise (documented).
          column((v) => JSON.stringify(v.languageCodes.map((code) => ({ code, level: 'B1' })))),
          column((v) => pgArray(v.languageCodes)),
          column((v) => pgArray(v.interests)),
          column((v) => v.postalCode),
          column((v) => v.location.latitude),
          column((v) => v.location.longitude),
          column((v) => v.location.district),
          column((v) => v.maxTravelKm),
          column((v) => v.birthDate),
          column((v) => v.certificateInspectedOn),
          notificationIds,
          fresh.map(({ value }, index) => emailConfirmationKey(volunteerIds[index], value.email)),
          notificationIds.map(messageIdFor),
          options.staffId,
          importedConsentText(options.sourceLabel, now),
          now,
          emailIndex,
          EMAILS_PER_SLOT,
          SLOT_MINUTES,
          NOTIFICATIONS_QUEUE,
          SEND_NOTIFICATION_JOB,
          sendNotificationJobId(''),
        ],
      ),
    );
    // Rows lost to a concurrent insert of the same address are duplicates too.
    if (created.length < fresh.length) {
      const createdEmails = new Set(created.map((row) => row.email));
      fresh
        .filter(({ value }) => !createdEmails.has(value.email))
        .forEach(({ row }) => duplicate(row, 'email'));
    }
    return created.length;
  }

  private async writeProviders(
    manager: EntityManager,
    options: ImportOptions,
    rows: PendingRow<ImportedProvider>[],
    duplicate: (row: number, field: string, rejectedAs?: string) => void,
  ): Promise<number> {
    const found = await manager.query<{ key: string }[]>(
      `SELECT ${normalisedName} || '|' || postal_code AS key FROM provider
        WHERE (${normalisedName}, postal_code) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [
        rows.map((row) => namePostalKey(row.value.name, '').slice(0, -1)),
        rows.map((row) => row.value.postalCode),
      ],
    );
    const stored = new Set(found.map((row) => row.key));
    const fresh = rows.filter(({ row, value }) => {
      if (stored.has(namePostalKey(value.name, value.postalCode))) {
        duplicate(row, 'name');
        return false;
      }
      return true;
    });
    if (options.dryRun || fresh.length === 0) {
      return fresh.length;
    }
    await manager
      .createQueryBuilder()
      .insert()
      .into('provider')
      .values(
        fresh.map(({ value }) => ({
          name: value.name,
          contactPerson: value.contactPerson,
          email: value.email,
          phone: value.phone,
          streetAddress: value.streetAddress,
          fieldsOfActivity: value.fieldsOfActivity,
          postalCode: value.postalCode,
          latitude: value.location.latitude,
          longitude: value.location.longitude,
          district: value.location.district,
          // Imported organisations are known to the agency; staff review them like any other.
          reviewStatus: 'approved',
        })),
      )
      .execute();
    return fresh.length;
  }

  /** MERGE NOTE (lead): writes opportunities directly as drafts; switch to OpportunitiesService's validator at merge. */
  private async writeOpportunities(
    manager: EntityManager,
    options: ImportOptions,
    rows: PendingRow<ImportedOpportunity>[],
    duplicate: (row: number, field: string, rejectedAs?: string) => void,
  ): Promise<number> {
    const providers = await manager.query<{ id: string; key: string; postal: string }[]>(
      `SELECT id, ${normalisedName} AS key, postal_code AS postal FROM provider WHERE ${normalisedName} = ANY($1::text[])`,
      [rows.map((row) => namePostalKey(row.value.providerName, '').slice(0, -1))],
    );
    const resolved: { row: number; value: ImportedOpportunity; providerId: string }[] = [];
    for (const { row, value } of rows) {
      const name = namePostalKey(value.providerName, '').slice(0, -1);
      const matches = providers.filter(
        (provider) =>
          provider.key === name &&
          (!value.providerPostalCode || provider.postal === value.providerPostalCode),
      );
      if (matches.length !== 1) {
        // Not found, or two organisations of that name: never guessed.
        duplicate(row, 'providerName', matches.length === 0 ? 'unknown-provider' : 'ambiguous-provider');
        continue;
      }
      resolved.push({ row, value, providerId: matches[0].id });
    }
    const found = await manager.query<{ key: string }[]>(
      `SELECT provider_id || '|' || lower(regexp_replace(btrim(title), '\\s+', ' ', 'g')) AS key FROM opportunity
        WHERE (provider_id, lower(regexp_replace(btrim(title), '\\s+', ' ', 'g'))) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))`,
      [
        resolved.map((row) => row.providerId),
        resolved.map((row) => namePostalKey(row.value.title, '').slice(0, -1)),
      ],
    );
    const stored = new Set(found.map((row) => row.key));
    const fresh = resolved.filter(({ row, value, providerId }) => {
      if (stored.has(`${providerId}|${namePostalKey(value.title, '').slice(0, -1)}`)) {
        duplicate(row, 'title');
        return false;
      }
      return true;
    });
    if (options.dryRun || fresh.length === 0) {
      return fresh.length;
    }
    await manager
      .createQueryBuilder()
      .insert()
      .into('opportunity')
      .values(
        fresh.map(({ value, providerId }) => ({
          providerId,
          title: value.title,
          description: value.description,
          tasks: value.tasks,
          fieldsOfActivity: value.fieldsOfActivity,
          remote: value.remote,
          postalCode: value.postalCode,
          latitude: value.location?.latitude ?? null,
          longitude: value.location?.longitude ?? null,
          district: value.location?.district ?? null,
          streetAddress: value.streetAddress,
          timePattern: JSON.stringify({ kind: 'flexible' }),
          places: value.places,
          contactName: value.contactName,
          contactEmail: value.contactEmail,
          contactPhone: value.contactPhone,
          // Drafts: staff check and publish each imported opportunity.
          status: 'draft',
          submittedBy: 'staff',
        })),
      )
      .execute();
    return fresh.length;
  }
}

/** Keys that make two rows of the same file the same record. */
function fileKeys(kind: ImportKind, value: Checked): string[] {
  if (kind === 'volunteers') {
    const volunteer = value as ImportedVolunteer;
    return [`email:${volunteer.email}`, `name:${namePostalKey(volunteer.name, volunteer.postalCode)}`];
  }
  if (kind === 'providers') {
    const provider = value as ImportedProvider;
    return [`name:${namePostalKey(provider.name, provider.postalCode)}`];
  }
  const opportunity = value as ImportedOpportunity;
  return [
    `title:${namePostalKey(opportunity.providerName, opportunity.providerPostalCode ?? '')}|${opportunity.title.toLowerCase()}`,
  ];
}

export type { DataImport };
