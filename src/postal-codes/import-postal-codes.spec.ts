import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { DEMO_POSTAL_CODES } from './demo-postal-codes';
import {
  DEMO_SOURCE,
  formatImportReport,
  importPostalCodes,
  PostalCodeImportReport,
  UPSERT_BATCH_SIZE,
  upsertPostalCodes,
} from './import-postal-codes';
import { ReducedPostalCode } from './postal-code-rows';

interface RecordedQuery {
  sql: string;
  parameters: unknown[];
}

/** A stand-in for the database: records the statements, runs the transaction callback at once. */
function fakeDatabase(): { dataSource: DataSource; queries: RecordedQuery[]; transactions: () => number } {
  const queries: RecordedQuery[] = [];
  let transactions = 0;
  const manager = {
    query: async (sql: string, parameters: unknown[] = []): Promise<unknown[]> => {
      queries.push({ sql, parameters });
      return [];
    },
  };
  const dataSource = {
    transaction: async <T>(work: (entityManager: EntityManager) => Promise<T>): Promise<T> => {
      transactions++;
      return work(manager as unknown as EntityManager);
    },
  };
  return { dataSource: dataSource as unknown as DataSource, queries, transactions: () => transactions };
}

const point = (index: number): ReducedPostalCode => ({
  code: String(10000 + index),
  place: 'Ort',
  district: null,
  state: 'Bayern',
  latitude: 48,
  longitude: 11,
  sourceRows: 1,
  method: 'single place row',
  droppedLargeCustomerRows: 0,
  onlyLargeCustomerRows: false,
});

describe('upsertPostalCodes', () => {
  it('writes batches of 1000 rows with INSERT … ON CONFLICT (code) DO UPDATE', async () => {
    const { dataSource, queries } = fakeDatabase();
    const points = Array.from({ length: 2 * UPSERT_BATCH_SIZE + 5 }, (_, index) => point(index));
    await dataSource.transaction((manager) => upsertPostalCodes(manager, points));

    expect(queries.map((query) => query.parameters.length / 8)).toEqual([1000, 1000, 5]);
    expect(queries[0].sql).toMatch(
      /^INSERT INTO postal_code \(code, place, district, state, latitude, longitude, source_rows, method\) VALUES \(\$1, /,
    );
    expect(queries[0].sql).toMatch(
      /ON CONFLICT \(code\) DO UPDATE SET place = EXCLUDED\.place, .*method = EXCLUDED\.method$/,
    );
    expect(queries[2].sql).toContain('($33, $34, $35, $36, $37, $38, $39, $40)');
    expect(queries[2].parameters.slice(0, 8)).toEqual([
      '12000',
      'Ort',
      null,
      'Bayern',
      48,
      11,
      1,
      'single place row',
    ]);
  });
});

describe('importPostalCodes', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'postal-codes-'));
  });
  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('imports the built-in demo points when no file is given', async () => {
    const { dataSource, queries, transactions } = fakeDatabase();
    const report = await importPostalCodes(dataSource, null);
    expect(report.source).toBe(DEMO_SOURCE);
    expect(report.imported).toBe(DEMO_POSTAL_CODES.length);
    expect(report.rejectedCount).toBe(0);
    expect(transactions()).toBe(1);
    expect(queries).toHaveLength(1);
  });

  it('reads, reduces and reports a CSV file in one transaction', async () => {
    const path = join(directory, 'postal-codes.csv');
    const header =
      'country_code,zipcode,place,state,state_code,province,province_code,community,community_code,latitude,longitude';
    const lines = [
      header,
      'DE,22765,Hamburg Ottensen,Hamburg,04,,,"Hamburg, Freie und Hansestadt",02000,53.555,9.9247',
      'DE,22765,Hamburg,Hamburg,04,,,"Hamburg, Freie und Hansestadt",02000,53.5528,9.9361',
      'DE,22765,AstraZeneca GmbH,Hamburg,04,,,"Hamburg, Freie und Hansestadt",02000,53.5585,9.9092',
      ...Array.from({ length: 12 }, () => 'DE,2276,Hamburg,Hamburg,04,,,,,53.55,9.93'),
    ];
    writeFileSync(path, lines.join('\n'));
    const { dataSource, queries, transactions } = fakeDatabase();

    const report = await importPostalCodes(dataSource, path);

    expect(transactions()).toBe(1);
    expect(queries[0].parameters).toEqual([
      '22765',
      'Hamburg',
      'Ottensen',
      'Hamburg',
      53.5539,
      9.9304,
      3,
      'median of 2 place rows; 1 large-customer row dropped',
    ]);
    expect(report).toEqual({
      source: path,
      imported: 1,
      rejectedCount: 12,
      rejected: Array.from({ length: 10 }, (_, index) => ({
        line: index + 5,
        reason: 'postal code "2276" is not five digits',
      })),
      summary: {
        codes: 1,
        rowsRead: 3,
        codesWithSeveralRows: 1,
        largeCustomerRowsDropped: 1,
        codesOnlyLargeCustomer: 0,
      },
    });
  });

  it('fails without writing when the header is wrong', async () => {
    const path = join(directory, 'no-header.csv');
    writeFileSync(path, 'DE,22765,Hamburg,Hamburg,04,,,,,53.55,9.93\n');
    const { dataSource, transactions } = fakeDatabase();
    await expect(importPostalCodes(dataSource, path)).rejects.toThrow(/header lacks/);
    expect(transactions()).toBe(0);
  });
});

describe('formatImportReport', () => {
  const report: PostalCodeImportReport = {
    source: '/data/postal-codes-de.csv',
    imported: 10814,
    rejectedCount: 12,
    rejected: [{ line: 5, reason: 'postal code "2276" is not five digits' }],
    summary: {
      codes: 10814,
      rowsRead: 23297,
      codesWithSeveralRows: 2392,
      largeCustomerRowsDropped: 1514,
      codesOnlyLargeCustomer: 2237,
    },
  };

  it('states the figures and the rule that reduced several rows to one', () => {
    const text = formatImportReport(report);
    expect(text).toContain('Postal code import from /data/postal-codes-de.csv');
    expect(text).toContain('23297 rows read, 12 rejected, 10814 postal codes imported.');
    expect(text).toContain('2392 postal codes had several rows and were reduced to one point each');
    expect(text).toMatch(/median latitude and\s+median longitude/);
    expect(text).toContain('1514 large-customer rows were dropped');
    expect(text).toContain('2237 postal codes have only large-customer rows');
    expect(text).toContain('Rejected rows (first 1):');
    expect(text).toContain('line 5: postal code "2276" is not five digits');
    expect(text).toContain('GeoNames (geonames.org), CC BY 4.0');
  });

  it('leaves out the rejected list when nothing was rejected', () => {
    expect(formatImportReport({ ...report, rejectedCount: 0, rejected: [] })).not.toContain('Rejected rows');
  });
});
