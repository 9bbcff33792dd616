import { decoderFor, detectEncoding } from './encoding';
import { detectSeparator } from './separator';
import { looksLikeFormula } from './formula';
import {
  applyMapping,
  checkMapping,
  FREINET_VOLUNTEER_HEADERS,
  normaliseHeader,
  suggestMapping,
} from './mapping';
import { checkOpportunityRow, checkProviderRow, checkVolunteerRow, parseDate, RowContext } from './rows';
import { csvCell } from '../../shared/csv';

const latin1 = (text: string): Uint8Array => Uint8Array.from([...text].map((char) => char.charCodeAt(0)));

describe('encoding detection', () => {
  it('reads a UTF-8 BOM as UTF-8', () => {
    expect(detectEncoding(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]))).toEqual({
      encoding: 'utf-8',
      bom: true,
    });
  });
  it('reads valid UTF-8 without BOM as UTF-8', () => {
    expect(detectEncoding(new TextEncoder().encode('Straße;Größe'))).toEqual({
      encoding: 'utf-8',
      bom: false,
    });
  });
  it('falls back to Windows-1252 for bytes that are not UTF-8 (umlauts in ISO-8859-1)', () => {
    const bytes = latin1('Müller;Straße;Ärger');
    expect(detectEncoding(bytes).encoding).toBe('windows-1252');
    expect(decoderFor('iso-8859-1').decode(bytes)).toBe('Müller;Straße;Ärger');
  });
  it('decodes the Windows-1252 euro sign and quotes', () => {
    expect(decoderFor('windows-1252').decode(Uint8Array.from([0x80, 0x93, 0x94]))).toBe('€“”');
  });
  it('does not hold a multi-byte sequence cut at the end of the sample against UTF-8', () => {
    const bytes = new TextEncoder().encode('abc ü');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1)).encoding).toBe('utf-8');
  });
  it('strips the BOM when decoding', () => {
    expect(decoderFor('utf-8').decode(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]))).toBe('A');
  });
});

describe('separator detection', () => {
  it.each([
    ['a;b;c\n1;2;3\n', ';'],
    ['a,b,c\n1,2,3\n', ','],
    ['a\tb\tc\n1\t2\t3\n', '\t'],
    // Commas inside quotes do not count.
    ['"Müller, Anna";b\n"x, y, z";2\n', ';'],
    ['Name;Ort, Stadt\nA;B, C\n', ';'],
  ])('%j → %j', (text, expected) => {
    expect(detectSeparator(text)).toBe(expected);
  });
  it('prefers ; for a single column', () => {
    expect(detectSeparator('email\n')).toBe(';');
  });
});

describe('formula cells', () => {
  it.each(['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=x'])('%j is formula-like', (value) => {
    expect(looksLikeFormula(value)).toBe(true);
    expect(csvCell(value, ';').startsWith("'") || csvCell(value, ';').startsWith('"\'')).toBe(true);
  });
  it('a phone number with + is not', () => {
    expect(looksLikeFormula('+49 40 123456', 'phone')).toBe(false);
    expect(looksLikeFormula('Anna')).toBe(false);
  });
});

describe('column mapping', () => {
  it('maps every Freinet-Online column it knows', () => {
    const mapping = suggestMapping('volunteers', FREINET_VOLUNTEER_HEADERS);
    expect(Object.values(mapping).sort()).toEqual(
      [
        'birthDate',
        'certificateInspectedOn',
        'email',
        'firstName',
        'interests',
        'languages',
        'lastName',
        'phone',
        'postalCode',
      ].sort(),
    );
    expect(checkMapping('volunteers', mapping)).toEqual([]);
  });
  it('normalises headers (case, BOM, Strasse, colon)', () => {
    expect(normaliseHeader('\uFEFF  E-Mail: ')).toBe('e-mail');
    expect(normaliseHeader('Strasse')).toBe('straße');
  });
  it('maps English headers and uses each field once', () => {
    expect(suggestMapping('providers', ['Name', 'Email', 'Zip', 'Street', 'E-Mail'])).toEqual({
      0: 'name',
      1: 'email',
      2: 'postalCode',
      3: 'streetAddress',
    });
  });
  it('reports unknown, duplicate and missing fields', () => {
    expect(checkMapping('volunteers', { 0: 'email', 1: 'email', 2: 'shoeSize' })).toEqual([
      { field: 'email', code: 'duplicate-field' },
      { field: 'shoeSize', code: 'unknown-field' },
      { field: 'postalCode', code: 'missing-required' },
      { field: 'name', code: 'missing-required' },
    ]);
  });
  it('applies a mapping, trimming and leaving empty cells out', () => {
    expect(applyMapping([' Anna ', '', 'x'], { 0: 'firstName', 1: 'lastName' })).toEqual({
      firstName: 'Anna',
    });
  });
});

const context: RowContext = {
  postalCodes: new Map([['22765', { latitude: 53.55, longitude: 9.93, district: 'Ottensen' }]]),
  fieldKeys: new Map([
    ['SEN', 'SEN'],
    ['senior:innen / leben im alter', 'SEN'],
    ['kinder & jugend', 'KJ'],
  ]),
};

describe('row validation', () => {
  it('accepts a Freinet volunteer row and normalises it', () => {
    const checked = checkVolunteerRow(
      2,
      {
        firstName: 'Jörg',
        lastName: 'Müller',
        email: 'Joerg@Example.DE',
        postalCode: '22765',
        birthDate: '03.02.1960',
        interests: 'SEN, Kinder & Jugend, Tanzen',
        languages: 'Deutsch, Türkisch (fließend)',
        certificateInspectedOn: '2024-05-01',
      },
      context,
    );
    expect(checked.ok).toBe(true);
    if (checked.ok) {
      expect(checked.value).toMatchObject({
        name: 'Jörg Müller',
        email: 'joerg@example.de',
        birthDate: '1960-02-03',
        interests: ['SEN', 'KJ'],
        languageCodes: ['de', 'tr'],
        certificateInspectedOn: '2024-05-01',
        maxTravelKm: 5,
      });
      expect(checked.warnings).toEqual([
        { row: 2, field: 'interests', code: 'unknown-field-of-activity', value: 'Tanzen' },
      ]);
    }
  });
  it('rejects a malformed email and an unknown postal code, naming the fields', () => {
    const checked = checkVolunteerRow(3, { name: 'A B', email: 'a@b', postalCode: '99999' }, context);
    expect(checked).toEqual({
      ok: false,
      problems: [
        { row: 3, field: 'email', code: 'invalid-email', value: 'a@b' },
        { row: 3, field: 'postalCode', code: 'unknown-postal-code', value: '99999' },
      ],
    });
  });
  it('keeps a formula cell as text and warns', () => {
    const checked = checkVolunteerRow(
      4,
      { name: '=HYPERLINK("x")', email: 'a@b.de', postalCode: '22765' },
      context,
    );
    expect(checked.ok && checked.value.name).toBe('=HYPERLINK("x")');
    expect(checked.ok && checked.warnings[0].code).toBe('formula-stored-as-text');
  });
  it('parses dates strictly', () => {
    expect(parseDate('31.12.1999')).toBe('1999-12-31');
    expect(parseDate('31.02.1999')).toBeNull();
    expect(parseDate('1.2.99')).toBeNull();
  });
  it('checks providers and opportunities', () => {
    expect(
      checkProviderRow(2, { name: 'Kita', email: 'k@x.de', postalCode: '22765' }, context),
    ).toMatchObject({
      ok: false,
      problems: [{ field: 'streetAddress', code: 'required' }],
    });
    const opportunity = checkOpportunityRow(
      2,
      { providerName: 'Kita', title: 'Vorlesen', remote: 'ja', places: '3' },
      context,
    );
    expect(opportunity).toMatchObject({
      ok: true,
      value: { remote: true, places: 3, description: 'Vorlesen' },
    });
  });
});

describe('fields of activity with commas in their labels', () => {
  it('joins parts back into a known label', () => {
    const withCommas: RowContext = {
      ...context,
      fieldKeys: new Map([...context.fieldKeys, ['umwelt, natur, klima & tierschutz', 'UMW']]),
    };
    const checked = checkVolunteerRow(
      2,
      {
        name: 'A',
        email: 'a@b.de',
        postalCode: '22765',
        interests: 'Umwelt, Natur, Klima & Tierschutz, SEN',
      },
      withCommas,
    );
    expect(checked.ok && checked.value.interests).toEqual(['UMW', 'SEN']);
  });
});
