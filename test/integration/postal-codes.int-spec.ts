import { existsSync, readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { UnknownPostalCodeError } from '../../src/shared/domain-error';
import { dataSourceOptions } from '../../src/database/data-source';
import { DEMO_POSTAL_CODES } from '../../src/postal-codes/demo-postal-codes';
import { importPostalCodes } from '../../src/postal-codes/import-postal-codes';
import { PostalCode } from '../../src/postal-codes/postal-code.entity';
import { PostalCodesService } from '../../src/postal-codes/postal-codes.service';
// The very file the global setup imported into the template (../shared/data/postal-codes-de.csv).
import { SHARED_POSTAL_CODES } from '../helpers/global-setup';
import { createTestDatabase, TestDatabase } from '../helpers/test-database';

const hasSharedFile = existsSync(SHARED_POSTAL_CODES);
const itWithSharedFile = hasSharedFile ? it : it.skip;

/** Hamburg, generously: every point of the city lies inside. */
const inHamburg = (point: { latitude: number; longitude: number }): boolean =>
  point.latitude > 53.39 && point.latitude < 53.75 && point.longitude > 9.7 && point.longitude < 10.33;

/**
 * The distinct postal codes of the GeoNames file, read without the importer's parser: every data
 * row starts with `DE,<five digits>,` (the code comes before any quoted field).
 */
function distinctCodesOfSharedFile(): Set<string> {
  const text = readFileSync(SHARED_POSTAL_CODES, 'utf8');
  return new Set([...text.matchAll(/^DE,(\d{5}),/gm)].map((match) => match[1]));
}

describe('postal codes in the migrated template, on PostgreSQL', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let service: PostalCodesService;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = new DataSource(dataSourceOptions(db.url));
    await dataSource.initialize();
    service = new PostalCodesService(dataSource.getRepository(PostalCode));
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) {
      await dataSource.destroy();
    }
    await db?.drop();
  });

  const storedCodes = async (): Promise<string[]> =>
    (await dataSource.getRepository(PostalCode).find({ select: { code: true }, order: { code: 'ASC' } })).map(
      (row) => row.code,
    );

  it(
    hasSharedFile
      ? 'should hold one row per distinct postal code of ../shared/data/postal-codes-de.csv'
      : 'should hold the built-in demo points (../shared/data/postal-codes-de.csv is absent)',
    async () => {
      const expected = hasSharedFile
        ? [...distinctCodesOfSharedFile()].sort()
        : DEMO_POSTAL_CODES.map((point) => point.code).sort();
      expect(expected.length).toBeGreaterThan(hasSharedFile ? 10_000 : 20);
      expect(await storedCodes()).toEqual(expected);
    },
  );

  it('should resolve 22765 to Hamburg with a district', async () => {
    const location = await service.locate('22765');
    expect(location).toEqual({
      postalCode: '22765',
      place: 'Hamburg',
      // The Stadtteile the GeoNames file names for 22765 ("Hamburg Ottensen", …).
      district: expect.stringMatching(/^(Ottensen|Altona-Altstadt|Altona-Nord)$/),
      latitude: expect.any(Number),
      longitude: expect.any(Number),
    });
    expect(inHamburg(location)).toBe(true);
  });

  itWithSharedFile('should keep a point for the large-customer code 22743 (AstraZeneca GmbH)', async () => {
    // The code has no ordinary place row, so its large-customer row is kept rather than dropped.
    const location = await service.locate('22743');
    expect(location.postalCode).toBe('22743');
    expect(inHamburg(location)).toBe(true);
    const row = await dataSource.getRepository(PostalCode).findOneByOrFail({ code: '22743' });
    expect(row.sourceRows).toBe(1);
  });

  it('should reject a postal code that was never imported with UnknownPostalCodeError', async () => {
    expect(await dataSource.getRepository(PostalCode).countBy({ code: '99999' })).toBe(0);
    const error = await service.locate('99999', 'helpSeeker.postalCode').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnknownPostalCodeError);
    expect(error).toMatchObject({ code: 'unknown-postal-code', field: 'helpSeeker.postalCode' });
  });

  it('should change nothing when the import runs again', async () => {
    const before = await dataSource.getRepository(PostalCode).find({ order: { code: 'ASC' } });
    const report = await importPostalCodes(dataSource, hasSharedFile ? SHARED_POSTAL_CODES : null);
    expect(report.imported).toBe(before.length);
    const after = await dataSource.getRepository(PostalCode).find({ order: { code: 'ASC' } });
    expect(after).toHaveLength(before.length);
    expect(after).toEqual(before);
  });
});
