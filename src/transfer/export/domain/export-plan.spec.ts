import {
  csvValueOf,
  jsonRowOf,
  planExport,
  readmeText,
  SECRET_COLUMN,
  type CatalogueColumn,
} from './export-plan';

const col = (table: string, column: string, type = 'text'): CatalogueColumn => ({ table, column, type });

describe('planExport', () => {
  const plan = planExport([
    col('volunteer', 'id', 'uuid'),
    col('volunteer', 'name'),
    col('volunteer', 'link_version', 'int4'),
    col('volunteer', 'location', 'cube'),
    col('staff_user', 'id', 'uuid'),
    col('staff_user', 'password_hash'),
    col('staff_user', 'totp_secret'),
    col('staff_user', 'recovery_code_hashes', '_text'),
    col('staff_user', 'email'),
    col('staff_session', 'token_hash'),
    col('staff_session', 'id', 'uuid'),
    col('migrations', 'name'),
    col('volunteer_link_token', 'id', 'uuid'),
    col('a_new_table', 'api_token'),
    col('a_new_table', 'note'),
  ]);

  it('exports every table it finds, in name order, columns in table order', () => {
    expect(plan.tables).toEqual([
      { name: 'a_new_table', columns: ['note'] },
      { name: 'staff_user', columns: ['id', 'email'] },
      { name: 'volunteer', columns: ['id', 'name'] },
    ]);
  });

  it('leaves out secret and technical tables and secret, link and derived columns, with a reason', () => {
    const left = Object.fromEntries(plan.excluded.map((entry) => [entry.name, entry.reason]));
    expect(Object.keys(left).sort()).toEqual(
      [
        'a_new_table.api_token',
        'migrations',
        'staff_session',
        'staff_user.password_hash',
        'staff_user.recovery_code_hashes',
        'staff_user.totp_secret',
        'volunteer.link_version',
        'volunteer.location',
        'volunteer_link_token',
      ].sort(),
    );
    expect(left['a_new_table.api_token']).toBe('secret (by its name)');
    expect(left['volunteer.location']).toMatch(/derived/);
  });

  it('no exported column looks like a secret', () => {
    for (const table of plan.tables) {
      expect(table.columns.filter((column) => SECRET_COLUMN.test(column))).toEqual([]);
    }
  });
});

describe('values', () => {
  it('writes lists and JSON as JSON text in CSV, keeps scalars and dates', () => {
    expect(csvValueOf(['a', 'b'])).toBe('["a","b"]');
    expect(csvValueOf({ code: 'de' })).toBe('{"code":"de"}');
    expect(csvValueOf(3)).toBe(3);
    expect(csvValueOf(null)).toBeNull();
    const at = new Date('2026-12-04T12:00:00Z');
    expect(csvValueOf(at)).toBe(at);
  });

  it('writes a JSON row with the columns in order and null for missing values', () => {
    expect(jsonRowOf(['b', 'a', 'c'], { a: 1, b: ['x'], c: undefined })).toBe('{"b":["x"],"a":1,"c":null}');
  });

  it('README names every file with its rows, the time, and what is left out, in German and English', () => {
    const text = readmeText({
      exportedAt: new Date('2026-12-04T12:00:00Z'),
      separator: ';',
      tables: [{ name: 'volunteer', columns: ['id', 'name'], rows: 7 }],
      excluded: [{ name: 'staff_session', reason: 'secret: login session tokens' }],
    });
    expect(text).toContain('2026-12-04T12:00:00.000Z');
    expect(text).toContain('csv/volunteer.csv / json/volunteer.json  (7)  id, name');
    expect(text).toContain('staff_session: secret: login session tokens');
    expect(text).toContain('Semikolon (;)');
    expect(text).toContain('semicolon (;)');
  });
});
