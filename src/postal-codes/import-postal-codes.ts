import { readFile } from 'node:fs/promises';
import type { DataSource, EntityManager } from 'typeorm';
import { DEMO_POSTAL_CODES } from './demo-postal-codes';
import {
  parsePostalCodeCsv,
  reducePostalCodeRows,
  ReducedPostalCode,
  RejectedRow,
  ReductionSummary,
  summariseReduction,
} from './postal-code-rows';

export const DEMO_SOURCE = 'built-in demo points';

/** 1000 rows × 8 columns stays far below PostgreSQL's 65535 bind parameters per statement. */
export const UPSERT_BATCH_SIZE = 1000;

/** How many rejected rows the report lists by line; the count covers all of them. */
const REJECTED_ROWS_SHOWN = 10;

export interface PostalCodeImportReport {
  /** The CSV path, or 'built-in demo points'. */
  source: string;
  /** Postal codes written (inserted or updated). */
  imported: number;
  rejectedCount: number;
  /** The first rejected rows with their reasons. */
  rejected: RejectedRow[];
  summary: ReductionSummary;
}

const COLUMNS = ['code', 'place', 'district', 'state', 'latitude', 'longitude', 'source_rows', 'method'];

/** INSERT … ON CONFLICT (code) DO UPDATE, so re-running the import refreshes points in place. */
function upsertStatement(rowCount: number): string {
  const values = Array.from({ length: rowCount }, (_, row) => {
    const placeholders = COLUMNS.map((_, column) => `$${row * COLUMNS.length + column + 1}`);
    return `(${placeholders.join(', ')})`;
  });
  const updates = COLUMNS.filter((column) => column !== 'code').map(
    (column) => `${column} = EXCLUDED.${column}`,
  );
  return (
    `INSERT INTO postal_code (${COLUMNS.join(', ')}) VALUES ${values.join(', ')} ` +
    `ON CONFLICT (code) DO UPDATE SET ${updates.join(', ')}`
  );
}

/** Writes the points in batches; the caller supplies the transaction. */
export async function upsertPostalCodes(
  manager: Pick<EntityManager, 'query'>,
  points: readonly ReducedPostalCode[],
): Promise<void> {
  for (let start = 0; start < points.length; start += UPSERT_BATCH_SIZE) {
    const batch = points.slice(start, start + UPSERT_BATCH_SIZE);
    const parameters = batch.flatMap((point) => [
      point.code,
      point.place,
      point.district,
      point.state,
      point.latitude,
      point.longitude,
      point.sourceRows,
      point.method,
    ]);
    await manager.query(upsertStatement(batch.length), parameters);
  }
}

/**
 * Reads, checks and reduces the CSV at `csvPath` (or takes the built-in demo points when it is
 * null) and upserts one row per postal code into `postal_code`, all in one transaction so a failed
 * import leaves the table as it was.
 */
export async function importPostalCodes(
  dataSource: DataSource,
  csvPath: string | null,
): Promise<PostalCodeImportReport> {
  let points: readonly ReducedPostalCode[];
  let rejected: RejectedRow[] = [];
  if (csvPath === null) {
    points = DEMO_POSTAL_CODES;
  } else {
    const parsed = parsePostalCodeCsv(await readFile(csvPath, 'utf8'));
    rejected = parsed.rejected;
    points = reducePostalCodeRows(parsed.rows);
  }

  await dataSource.transaction((manager) => upsertPostalCodes(manager, points));

  return {
    source: csvPath ?? DEMO_SOURCE,
    imported: points.length,
    rejectedCount: rejected.length,
    rejected: rejected.slice(0, REJECTED_ROWS_SHOWN),
    summary: summariseReduction(points),
  };
}

/** The import report for people: what was read, what was dropped, and the rule that reduced it. */
export function formatImportReport(report: PostalCodeImportReport): string {
  const { summary } = report;
  const lines = [
    `Postal code import from ${report.source}`,
    report.source === DEMO_SOURCE
      ? `  ${report.imported} postal codes imported, reduced beforehand from ${summary.rowsRead} GeoNames rows.`
      : `  ${summary.rowsRead} rows read, ${report.rejectedCount} rejected, ${report.imported} postal codes imported.`,
    `  ${summary.codesWithSeveralRows} postal codes had several rows and were reduced to one point each:`,
    '    rule: rows named after a company or authority (large-customer codes such as "AstraZeneca GmbH")',
    '    are dropped when the code also has an ordinary place row; the point is the median latitude and',
    '    median longitude of the remaining rows, so one far-off row cannot move it; the district is the',
    '    suffix of the row nearest that point ("Hamburg Ottensen" gives place Hamburg, district Ottensen).',
    `  ${summary.largeCustomerRowsDropped} large-customer rows were dropped in favour of place rows.`,
    `  ${summary.codesOnlyLargeCustomer} postal codes have only large-customer rows; those rows were kept.`,
  ];
  if (report.rejectedCount > 0) {
    const shown = report.rejected.length < report.rejectedCount ? ` (first ${report.rejected.length})` : '';
    lines.push(`  Rejected rows${shown}:`);
    for (const row of report.rejected) {
      lines.push(`    line ${row.line}: ${row.reason}`);
    }
  }
  lines.push('  Postal code data: GeoNames (geonames.org), CC BY 4.0.');
  return lines.join('\n');
}
