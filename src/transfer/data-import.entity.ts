import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ImportEncoding } from './domain/encoding';
import type { ImportKind } from './domain/mapping';
import type { ImportSeparator } from './domain/separator';

export const DATA_IMPORT_STATUSES = ['uploaded', 'queued', 'running', 'done', 'failed'] as const;
export type DataImportStatus = (typeof DATA_IMPORT_STATUSES)[number];

/** One report line, compact: [row, field, code, value?]; `w:` before the code marks a warning. */
export type ReportTuple = [number, string, string, string?];

/** A CSV upload and its (dry or real) run; the file is kept until the real import is done. */
@Entity('data_import')
export class DataImport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: ImportKind;

  @Column({ type: 'text', default: 'uploaded' })
  status: DataImportStatus;

  @Column({ type: 'boolean', default: true })
  dryRun: boolean;

  @Column({ type: 'text' })
  sourceFilename: string;

  /** Named in the consent record: "imported from <source> on <date>". */
  @Column({ type: 'text' })
  sourceLabel: string;

  @Column({ type: 'text' })
  encoding: ImportEncoding;

  @Column({ type: 'text' })
  separator: ImportSeparator;

  /** Column index → field. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  mapping: Record<string, string>;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  headers: string[];

  @Column({ type: 'bytea', nullable: true, select: false })
  content: Buffer | null;

  @Column({ type: 'uuid', nullable: true })
  createdByStaffId: string | null;

  /** Data rows done (committed); a resumed run skips them. */
  @Column({ type: 'int', default: 0 })
  processedRows: number;

  @Column({ type: 'int', nullable: true })
  totalRows: number | null;

  @Column({ type: 'int', default: 0 })
  insertedCount: number;

  @Column({ type: 'int', default: 0 })
  duplicateCount: number;

  @Column({ type: 'int', default: 0 })
  rejectedCount: number;

  @Column({ type: 'int', default: 0 })
  warningCount: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  report: ReportTuple[];

  /** Report lines left out beyond the cap (the counts stay exact). */
  @Column({ type: 'int', default: 0 })
  reportTruncated: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
