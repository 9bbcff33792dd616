import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  looksLikeLargeCustomer,
  parsePostalCodeCsv,
  PostalCodeFileError,
  PostalCodeRow,
  reducePostalCodeRows,
  summariseReduction,
} from './postal-code-rows';

const HEADER =
  'country_code,zipcode,place,state,state_code,province,province_code,community,community_code,latitude,longitude';

/** A CSV file from data lines, in the GeoNames layout. */
const csv = (...lines: string[]): string => [HEADER, ...lines].join('\n') + '\n';

const line = (code: string, place: string, latitude: string, longitude: string): string =>
  `DE,${code},${place},Hamburg,04,,,"Hamburg, Freie und Hansestadt",02000,${latitude},${longitude}`;

const row = (code: string, place: string, latitude: number, longitude: number): PostalCodeRow => ({
  code,
  place,
  state: 'Hamburg',
  latitude,
  longitude,
});

describe('parsePostalCodeCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks (RFC 4180)', () => {
    const text = csv(
      line('22765', '"Hamburg Ottensen"', '53.555', '9.9247'),
      line('20139', '"KNSK, BBDO Werbeagentur GmbH, GWA"', '53.5671', '10.0004'),
      line('20350', '"Der ""Kurier"" GmbH"', '53.5527', '9.985'),
      line('20351', '"Zwei\nZeilen GmbH"', '53.5613', '9.9938'),
      line('22767', 'Hamburg Altona-Altstadt', '53.5503', '9.9367'),
    );
    const { rows, rejected } = parsePostalCodeCsv(text);
    expect(rejected).toEqual([]);
    expect(rows.map((parsed) => parsed.place)).toEqual([
      'Hamburg Ottensen',
      'KNSK, BBDO Werbeagentur GmbH, GWA',
      'Der "Kurier" GmbH',
      'Zwei\nZeilen GmbH',
      'Hamburg Altona-Altstadt',
    ]);
    expect(rows[0]).toEqual({
      code: '22765',
      place: 'Hamburg Ottensen',
      state: 'Hamburg',
      latitude: 53.555,
      longitude: 9.9247,
    });
  });

  it('accepts CRLF line ends, a byte-order mark and blank lines', () => {
    const text =
      '\ufeff' + [HEADER, line('22765', 'Hamburg Ottensen', '53.555', '9.9247'), '', ''].join('\r\n');
    expect(parsePostalCodeCsv(text)).toEqual({
      rows: [
        { code: '22765', place: 'Hamburg Ottensen', state: 'Hamburg', latitude: 53.555, longitude: 9.9247 },
      ],
      rejected: [],
    });
  });

  it('reports bad rows with their line and reason and never turns them into (0, 0)', () => {
    const text = csv(
      line('2276', 'Hamburg', '53.55', '9.93'), // line 2
      line('22A65', 'Hamburg', '53.55', '9.93'), // line 3
      line('22765', 'Hamburg', '', '9.93'), // line 4
      line('22765', 'Hamburg', 'north', '9.93'), // line 5
      line('22765', 'Hamburg', '0', '0'), // line 6
      line('22765', 'Hamburg', '53.55', '21.0'), // line 7
      'DE,22765,Hamburg,Hamburg,04', // line 8: missing columns
      line('22765', '', '53.55', '9.93'), // line 9
      line('22765', 'Ham"burg', '53.55', '9.93'), // line 10
      'AT,6691,Jungholz,Tirol,07,,,,,47.57,10.45', // line 11
      line('22765', 'Hamburg Ottensen', '53.555', '9.9247'), // line 12: fine
      line('22765', '"Hamburg"er', '53.55', '9.93'), // line 13
      'DE,22765,"Hamburg,Hamburg,04,,,,,53.55,9.93', // line 14: the quote is never closed
    );
    const { rows, rejected } = parsePostalCodeCsv(text);
    expect(rows).toEqual([row('22765', 'Hamburg Ottensen', 53.555, 9.9247)]);
    expect(rejected).toEqual([
      { line: 2, reason: 'postal code "2276" is not five digits' },
      { line: 3, reason: 'postal code "22A65" is not five digits' },
      { line: 4, reason: 'latitude is missing' },
      { line: 5, reason: 'latitude "north" is not a decimal number' },
      { line: 6, reason: 'latitude 0 is outside Germany (47 to 55.2)' },
      { line: 7, reason: 'longitude 21.0 is outside Germany (5.8 to 15.1)' },
      { line: 8, reason: 'expected 11 fields, found 5' },
      { line: 9, reason: 'place is empty' },
      { line: 10, reason: 'quote inside an unquoted field' },
      { line: 11, reason: 'country code "AT" is not DE' },
      { line: 13, reason: 'text after the closing quote of a field' },
      { line: 14, reason: 'quoted field is never closed' },
    ]);
  });

  it('requires a header with the needed columns', () => {
    expect(() => parsePostalCodeCsv('')).toThrow(PostalCodeFileError);
    expect(() => parsePostalCodeCsv(line('22765', 'Hamburg', '53.55', '9.93'))).toThrow(/header lacks/);
    expect(() => parsePostalCodeCsv('country_code,zipcode,place,state,latitude\n')).toThrow(/longitude/);
  });

  it('finds the columns by name, so a reordered header still reads', () => {
    const text =
      'zipcode,latitude,longitude,place,state,country_code\n22765,53.555,9.9247,Hamburg Ottensen,Hamburg,DE\n';
    expect(parsePostalCodeCsv(text).rows).toEqual([row('22765', 'Hamburg Ottensen', 53.555, 9.9247)]);
  });

  it('stores German state names', () => {
    const text = csv('DE,80331,München,Bavaria,02,,,,,48.1372,11.5755');
    expect(parsePostalCodeCsv(text).rows[0].state).toBe('Bayern');
  });
});

describe('looksLikeLargeCustomer', () => {
  it.each([
    'AstraZeneca GmbH',
    'Hapag-Lloyd AG',
    'AXEL SPRINGER SE',
    'Greenpeace e.V.',
    'Sparda - Bank Hamburg eG',
    'Deutsche Post AG NL BRIEF',
    'Finanzamt Hamburg-Am Tierpark',
    'Wüstenrot Bausparkasse AG',
    'Heinrich Bauer Verlagsgruppe',
    'Generali Versicherung',
    'Amtsgericht Hamburg-Altona',
    'Stadtverwaltung',
  ])('treats %p as a large customer', (place) => {
    expect(looksLikeLargeCustomer(place)).toBe(true);
  });

  it.each([
    'Hamburg',
    'Hamburg Ottensen',
    'Hamburg Altona-Altstadt',
    'Blaubeuren Asch',
    'Freigericht',
    'Freiamt',
    'Maikammer',
    'Kammerforst',
    'Gelsenkirchen',
    'Stadt Wehlen',
    'Tauche Kossenblatt',
    'Forst (Lausitz)',
    'Bad Berleburg',
  ])('treats %p as a place', (place) => {
    expect(looksLikeLargeCustomer(place)).toBe(false);
  });
});

describe('reducePostalCodeRows', () => {
  it('keeps a single row as it is', () => {
    expect(reducePostalCodeRows([row('22880', 'Wedel', 53.5837, 9.6984)])).toEqual([
      {
        code: '22880',
        place: 'Wedel',
        district: null,
        state: 'Hamburg',
        latitude: 53.5837,
        longitude: 9.6984,
        sourceRows: 1,
        method: 'single place row',
        droppedLargeCustomerRows: 0,
        onlyLargeCustomerRows: false,
      },
    ]);
  });

  it('drops company rows when the code also has place rows', () => {
    const [point] = reducePostalCodeRows([
      row('22765', 'Hamburg Ottensen', 53.555, 9.9247),
      row('22765', 'AstraZeneca GmbH', 50.1, 8.6), // far off, and a company
      row('22765', 'Hamburg', 53.5528, 9.9361),
    ]);
    expect(point).toMatchObject({
      latitude: 53.5539,
      longitude: 9.9304,
      sourceRows: 3,
      method: 'median of 2 place rows; 1 large-customer row dropped',
      droppedLargeCustomerRows: 1,
      onlyLargeCustomerRows: false,
    });
  });

  it('keeps all rows of a code that has only company rows', () => {
    const [point] = reducePostalCodeRows([
      row('20079', 'Hamburg Commercial Bank AG', 53.5518, 9.9992),
      row('20079', 'Deutsche Bank AG in Hamburg', 53.5496, 9.9903),
      row('20079', 'Hapag-Lloyd AG', 53.5533, 9.9975),
    ]);
    expect(point).toMatchObject({
      place: 'Hamburg Commercial Bank AG', // the row nearest the median; no "Hamburg" + "Commercial Bank AG" split
      district: null,
      latitude: 53.5518,
      longitude: 9.9975,
      method: 'median of 3 large-customer rows (no place row)',
      droppedLargeCustomerRows: 0,
      onlyLargeCustomerRows: true,
    });
  });

  it('takes the median, so one far-off row barely moves the point', () => {
    const rows = [
      row('22769', 'Hamburg Altona-Nord', 53.5614, 9.9474),
      row('22769', 'Hamburg Stellingen', 53.5914, 9.9294),
      row('22769', 'Hamburg', 53.5625, 9.9447),
      row('22769', 'Hamburg Eimsbüttel', 53.5725, 9.9497),
      row('22769', 'Hamburg Weit Weg', 48.1, 11.5), // a broken row far in the south
    ];
    const [point] = reducePostalCodeRows(rows);
    expect(point.latitude).toBe(53.5625);
    expect(point.longitude).toBe(9.9474);
    expect(point.method).toBe('median of 5 place rows');
  });

  it('averages the two middle values for an even count', () => {
    const [point] = reducePostalCodeRows([
      row('22559', 'Hamburg Rissen', 53.5847, 9.7597),
      row('22559', 'Hamburg', 53.5931, 9.7618),
    ]);
    expect(point).toMatchObject({ latitude: 53.5889, longitude: 9.76075 });
  });

  it('splits "Hamburg Ottensen" into place Hamburg and district Ottensen', () => {
    const [point] = reducePostalCodeRows([row('22763', 'Hamburg Ottensen', 53.555, 9.9084)]);
    expect(point).toMatchObject({ place: 'Hamburg', district: 'Ottensen' });
  });

  it('names the district of the suffixed row nearest the median', () => {
    const [point] = reducePostalCodeRows([
      row('22765', 'Hamburg Ottensen', 53.555, 9.9247),
      row('22765', 'Hamburg Altona-Altstadt', 53.5503, 9.9367),
      row('22765', 'Hamburg Altona-Nord', 53.5614, 9.9474),
      row('22765', 'Hamburg', 53.5528, 9.9361),
    ]);
    expect(point).toMatchObject({ place: 'Hamburg', district: 'Altona-Altstadt', sourceRows: 4 });
  });

  it('splits other cities only when the plain city is a row of the same code', () => {
    const [withCity, withoutCity] = reducePostalCodeRows([
      row('89143', 'Blaubeuren', 48.4119, 9.7848),
      row('89143', 'Blaubeuren Asch', 48.4, 9.8),
      row('96487', 'Bad Rodach', 50.3417, 10.7792),
    ]);
    expect(withCity).toMatchObject({ place: 'Blaubeuren', district: 'Asch' });
    expect(withoutCity).toMatchObject({ place: 'Bad Rodach', district: null });
  });

  it('names the place most kept rows share', () => {
    const [point] = reducePostalCodeRows([
      row('04680', 'Colditz', 51.1333, 12.8),
      row('04680', 'Zschadraß', 51.15, 12.8167),
      row('04680', 'Colditz Hohnbach', 51.12, 12.79),
    ]);
    expect(point).toMatchObject({ place: 'Colditz', district: 'Hohnbach' });
  });

  it('gives one point per code, ordered by code', () => {
    const reduced = reducePostalCodeRows([
      row('22767', 'Hamburg', 53.5509, 9.9443),
      row('20095', 'Hamburg', 53.5521, 10.0004),
      row('22767', 'Hamburg Ottensen', 53.555, 9.9247),
    ]);
    expect(reduced.map((point) => [point.code, point.sourceRows])).toEqual([
      ['20095', 1],
      ['22767', 2],
    ]);
  });

  it('keeps every point inside the box of its kept rows and accounts for every row', () => {
    const places = [
      'Hamburg',
      'Hamburg Ottensen',
      'Hamburg Altona-Nord',
      'AstraZeneca GmbH',
      'Finanzamt Altona',
    ];
    const rowArbitrary = fc.record({
      code: fc.constantFrom('22761', '22763', '22765'),
      place: fc.constantFrom(...places),
      state: fc.constant('Hamburg'),
      latitude: fc.double({ min: 47, max: 55.2, noNaN: true }),
      longitude: fc.double({ min: 5.8, max: 15.1, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(rowArbitrary, { minLength: 1, maxLength: 30 }), (rows) => {
        const reduced = reducePostalCodeRows(rows);
        expect(reduced.map((point) => point.code)).toEqual(
          [...new Set(rows.map((input) => input.code))].sort(),
        );
        expect(summariseReduction(reduced).rowsRead).toBe(rows.length);
        for (const point of reduced) {
          const own = rows.filter((input) => input.code === point.code);
          const placeRows = own.filter((input) => !looksLikeLargeCustomer(input.place));
          const kept = placeRows.length > 0 ? placeRows : own;
          expect(point.droppedLargeCustomerRows).toBe(own.length - kept.length);
          const latitudes = kept.map((input) => input.latitude);
          const longitudes = kept.map((input) => input.longitude);
          // Rounding to five decimals may step a hair outside the box.
          expect(point.latitude).toBeGreaterThanOrEqual(Math.min(...latitudes) - 1e-5);
          expect(point.latitude).toBeLessThanOrEqual(Math.max(...latitudes) + 1e-5);
          expect(point.longitude).toBeGreaterThanOrEqual(Math.min(...longitudes) - 1e-5);
          expect(point.longitude).toBeLessThanOrEqual(Math.max(...longitudes) + 1e-5);
        }
      }),
    );
  });
});

describe('summariseReduction', () => {
  it('counts codes, rows, multi-row codes and large-customer rows', () => {
    const reduced = reducePostalCodeRows([
      row('22765', 'Hamburg Ottensen', 53.555, 9.9247),
      row('22765', 'Hamburg', 53.5528, 9.9361),
      row('22765', 'Euler Hermes Deutschland AG', 53.5615, 9.9116),
      row('22743', 'AstraZeneca GmbH', 53.5585, 9.9092),
      row('22880', 'Wedel', 53.5837, 9.6984),
    ]);
    expect(summariseReduction(reduced)).toEqual({
      codes: 3,
      rowsRead: 5,
      codesWithSeveralRows: 1,
      largeCustomerRowsDropped: 1,
      codesOnlyLargeCustomer: 1,
    });
  });
});

const SHARED_POSTAL_CODES = join(__dirname, '../../../shared/data/postal-codes-de.csv');
const describeIfData = existsSync(SHARED_POSTAL_CODES) ? describe : describe.skip;

describeIfData('the real GeoNames file (../shared/data/postal-codes-de.csv)', () => {
  const text = existsSync(SHARED_POSTAL_CODES) ? readFileSync(SHARED_POSTAL_CODES, 'utf8') : '';

  it('parses every row and gives one point per distinct postal code', () => {
    const { rows, rejected } = parsePostalCodeCsv(text);
    // The zipcode is the second field and never quoted, so a plain split finds it.
    const dataLines = text
      .split('\n')
      .slice(1)
      .filter((fileLine) => fileLine.trim() !== '');
    const distinctCodes = new Set(dataLines.map((fileLine) => fileLine.split(',')[1]));

    expect(rejected).toEqual([]);
    expect(rows).toHaveLength(dataLines.length);
    const reduced = reducePostalCodeRows(rows);
    expect(reduced).toHaveLength(distinctCodes.size);

    const summary = summariseReduction(reduced);
    expect(summary.codes).toBe(distinctCodes.size);
    expect(summary.rowsRead).toBe(dataLines.length);
    expect(summary.codesWithSeveralRows).toBeGreaterThan(0);
    expect(summary.largeCustomerRowsDropped).toBeGreaterThan(0);
  });

  it('locates the Altona codes in their Stadtteile', () => {
    const reduced = reducePostalCodeRows(parsePostalCodeCsv(text).rows);
    const byCode = new Map(reduced.map((point) => [point.code, point]));
    expect(byCode.get('22763')).toMatchObject({ place: 'Hamburg', district: 'Ottensen' });
    expect(byCode.get('22743')).toMatchObject({ place: 'AstraZeneca GmbH', onlyLargeCustomerRows: true });
  });
});
