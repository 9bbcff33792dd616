import type { DataSource } from 'typeorm';
import { UnknownPostalCodeError } from '../common/domain-error';
import { PostalCode } from './postal-code.entity';
import { PostalCodesService } from './postal-codes.service';

const OTTENSEN: PostalCode = {
  code: '22763',
  place: 'Hamburg',
  district: 'Ottensen',
  state: 'Hamburg',
  latitude: 53.555,
  longitude: 9.9084,
  sourceRows: 3,
  method: 'median of 3 place rows',
};

/** A data source whose postal_code table holds only the given rows; counts the lookups. */
function serviceWith(rows: PostalCode[]): { service: PostalCodesService; lookups: string[] } {
  const lookups: string[] = [];
  const repository = {
    findOneBy: async ({ code }: { code: string }): Promise<PostalCode | null> => {
      lookups.push(code);
      return rows.find((row) => row.code === code) ?? null;
    },
  };
  const dataSource = { getRepository: () => repository } as unknown as DataSource;
  return { service: new PostalCodesService(dataSource), lookups };
}

describe('PostalCodesService.locate', () => {
  it('returns the point, district and place of a known code', async () => {
    const { service } = serviceWith([OTTENSEN]);
    await expect(service.locate(' 22763 ')).resolves.toEqual({
      postalCode: '22763',
      latitude: 53.555,
      longitude: 9.9084,
      district: 'Ottensen',
      place: 'Hamburg',
    });
  });

  it('throws UnknownPostalCodeError naming the field for a code not in the table', async () => {
    const { service } = serviceWith([OTTENSEN]);
    const error = await service.locate('99999', 'helpSeeker.postalCode').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnknownPostalCodeError);
    expect(error).toMatchObject({ code: 'unknown-postal-code', field: 'helpSeeker.postalCode' });
  });

  it.each(['2276', '227634', '22A63', '', 'abcde'])(
    'rejects the malformed code %p without a query',
    async (code) => {
      const { service, lookups } = serviceWith([OTTENSEN]);
      await expect(service.locate(code)).rejects.toMatchObject({
        code: 'unknown-postal-code',
        field: 'postalCode',
      });
      expect(lookups).toEqual([]);
    },
  );
});
