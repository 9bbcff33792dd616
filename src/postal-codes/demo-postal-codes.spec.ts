import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_POSTAL_CODES } from './demo-postal-codes';
import { parsePostalCodeCsv, reducePostalCodeRows } from './postal-code-rows';

/** The codes the demo data and the docs rely on: Bezirk Altona and its neighbours. */
// prettier-ignore
const REQUIRED_CODES = [
  '22525', '22547', '22549', '22559', '22587', '22589', '22605', '22607', '22609',
  '22761', '22763', '22765', '22767', '22769', '20357', '20359', '20095',
];

describe('DEMO_POSTAL_CODES', () => {
  it('covers Bezirk Altona and its neighbours, once each', () => {
    const codes = DEMO_POSTAL_CODES.map((point) => point.code);
    expect(codes).toEqual(expect.arrayContaining(REQUIRED_CODES));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('places every point in or near Hamburg-Altona', () => {
    for (const point of DEMO_POSTAL_CODES) {
      expect(point.latitude).toBeGreaterThan(53.5);
      expect(point.latitude).toBeLessThan(53.65);
      expect(point.longitude).toBeGreaterThan(9.65);
      expect(point.longitude).toBeLessThan(10.05);
    }
  });
});

const SHARED_POSTAL_CODES = join(__dirname, '../../../shared/data/postal-codes-de.csv');
const describeIfData = existsSync(SHARED_POSTAL_CODES) ? describe : describe.skip;

describeIfData('DEMO_POSTAL_CODES against the real GeoNames file', () => {
  it('equal what the reducer gives for that file (regenerate them when the rule changes)', () => {
    const reduced = reducePostalCodeRows(parsePostalCodeCsv(readFileSync(SHARED_POSTAL_CODES, 'utf8')).rows);
    const byCode = new Map(reduced.map((point) => [point.code, point]));
    for (const demo of DEMO_POSTAL_CODES) {
      expect(byCode.get(demo.code)).toEqual(demo);
    }
  });
});
