import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DATA_IMPORT_STATUSES, DataImport } from '../data-import.entity';
import { IMPORT_ENCODINGS } from '../domain/encoding';
import { IMPORT_KINDS } from '../domain/mapping';

export class ImportProblemDto {
  @ApiProperty({ example: 3, description: 'record number in the file; the header is row 1' })
  row: number;

  @ApiProperty({ example: 'postalCode' })
  field: string;

  @ApiProperty({
    example: 'unknown-postal-code',
    description: 'the problem; `w:` before it marks a warning (the row is imported anyway)',
  })
  problem: string;

  @ApiPropertyOptional({ example: '99999', description: 'the value at fault, cut to 40 characters' })
  value?: string;
}

/** One CSV import: its settings, progress, counts and (dry or real) report. */
export class DataImportDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: IMPORT_KINDS })
  kind: string;

  @ApiProperty({ enum: DATA_IMPORT_STATUSES })
  status: string;

  @ApiProperty({ description: 'true while the counts and report are those of a dry run' })
  dryRun: boolean;

  @ApiProperty({ example: 'freiwillige.csv' })
  sourceFilename: string;

  @ApiProperty({ example: 'Freinet-Online', description: 'named in the consent records' })
  sourceLabel: string;

  @ApiProperty({ enum: IMPORT_ENCODINGS })
  encoding: string;

  @ApiProperty({ enum: [';', ',', '\t'] })
  separator: string;

  @ApiProperty({ type: [String], description: 'the header line of the file' })
  headers: string[];

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { '1': 'firstName', '2': 'lastName' },
    description: 'column index → field',
  })
  mapping: Record<string, string>;

  @ApiProperty()
  processedRows: number;

  @ApiProperty({ nullable: true, type: Number })
  totalRows: number | null;

  @ApiProperty({ description: 'inserted (dry run: would be inserted)' })
  insertedCount: number;

  @ApiProperty({ description: 'already present or twice in the file' })
  duplicateCount: number;

  @ApiProperty({ description: 'rows kept aside' })
  rejectedCount: number;

  @ApiProperty()
  warningCount: number;

  @ApiProperty({ type: [ImportProblemDto] })
  report: ImportProblemDto[];

  @ApiProperty({ description: 'report lines left out beyond the cap' })
  reportTruncated: number;

  @ApiProperty({ nullable: true, type: String })
  error: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  startedAt: Date | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  finishedAt: Date | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;
}

export function toDataImportDto(entity: DataImport, withReport = true): DataImportDto {
  return {
    id: entity.id,
    kind: entity.kind,
    status: entity.status,
    dryRun: entity.dryRun,
    sourceFilename: entity.sourceFilename,
    sourceLabel: entity.sourceLabel,
    encoding: entity.encoding,
    separator: entity.separator,
    headers: entity.headers,
    mapping: entity.mapping,
    processedRows: entity.processedRows,
    totalRows: entity.totalRows,
    insertedCount: entity.insertedCount,
    duplicateCount: entity.duplicateCount,
    rejectedCount: entity.rejectedCount,
    warningCount: entity.warningCount,
    report: withReport
      ? entity.report.map(([row, field, problem, value]) => ({
          row,
          field,
          problem,
          ...(value === undefined ? {} : { value }),
        }))
      : [],
    reportTruncated: entity.reportTruncated,
    error: entity.error,
    startedAt: entity.startedAt,
    finishedAt: entity.finishedAt,
    createdAt: entity.createdAt,
  };
}
