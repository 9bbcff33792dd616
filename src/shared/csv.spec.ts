import { CSV_BOM, csvCell, csvChunks, csvRow, csvSeparatorOf } from './csv';

async function* batches<T>(...items: T[]): AsyncGenerator<T> {
  for (const item of items) {
    yield await Promise.resolve(item);
  }
}

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const chunk of chunks) {
    all.push(chunk);
  }
  return all;
}

describe('csv', () => {
  it('writes plain cells as they are and empty for null', () => {
    expect(csvRow(['a', 1, true, null, undefined])).toBe('a,1,true,,\r\n');
    expect(csvCell(new Date('2026-01-02T03:04:05.000Z'))).toBe('2026-01-02T03:04:05.000Z');
  });

  it('quotes separators, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('a;b')).toBe('a;b');
    expect(csvCell('a;b', ';')).toBe('"a;b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it.each(['=1+1', '+49 30 1234', '-2', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x")'])(
    'neutralises the formula start of %j with an apostrophe',
    (text) => {
      const cell = csvCell(text);
      expect(cell.replace(/^"/, '').startsWith(`'${text[0]}`)).toBe(true);
    },
  );

  it('quotes a neutralised cell that needs quoting', () => {
    expect(csvCell('=A1,B1')).toBe(`"'=A1,B1"`);
    expect(csvCell('\rx')).toBe(`"'\rx"`);
  });

  it('leaves numbers alone (a negative number is data, not a formula)', () => {
    expect(csvCell(-3)).toBe('-3');
  });

  it('keeps umlauts and other scripts as they are', () => {
    expect(csvRow(['Müller', 'Ağrı', 'Київ'], ';')).toBe('Müller;Ağrı;Київ\r\n');
  });

  it('streams a BOM and header first, then one chunk per non-empty batch', async () => {
    const chunks = await collect(
      csvChunks(['id', 'name'], batches([['1', 'A']], [], [['2', 'B;C']]), { separator: ';' }),
    );
    expect(chunks).toEqual([`${CSV_BOM}id;name\r\n`, '1;A\r\n', '2;"B;C"\r\n']);
  });

  it('cuts a large batch into chunks of about 32 KB, row by row, losing nothing', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [String(i), 'Straße ' + 'x'.repeat(i % 40)]);
    const chunks = await collect(csvChunks(['id', 'name'], batches(rows), { bom: false }));
    const body = chunks.slice(1);
    expect(body.length).toBeGreaterThan(4);
    expect(body.every((chunk) => chunk.length < 33 * 1024 && chunk.endsWith('\r\n'))).toBe(true);
    expect(body.join('')).toBe(rows.map((row) => csvRow(row)).join(''));
  });

  it('leaves the BOM out on request', async () => {
    const chunks = await collect(csvChunks(['id'], batches<string[][]>(), { bom: false }));
    expect(chunks).toEqual(['id\r\n']);
  });

  it('reads the separator option', () => {
    expect(csvSeparatorOf(';')).toBe(';');
    expect(csvSeparatorOf('semicolon')).toBe(';');
    expect(csvSeparatorOf(',')).toBe(',');
    expect(csvSeparatorOf(undefined)).toBe(',');
    expect(csvSeparatorOf(['x'])).toBe(',');
  });
});
