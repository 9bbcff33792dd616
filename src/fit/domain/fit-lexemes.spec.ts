import { anyOfQuery, lexemes } from './fit-lexemes';

describe('fit lexemes', () => {
  it('writes the indexed expression of migration 1795630000000', () => {
    expect(lexemes('v.language_codes')).toBe(
      "array_to_tsvector(array_remove(array_remove(v.language_codes, NULL), ''))",
    );
  });

  it('turns a list into an any-of tsquery, quoted, without empties or repeats', () => {
    expect(anyOfQuery(['tr'])).toBe("'tr'");
    expect(anyOfQuery(['ar', 'de', 'ar', ''])).toBe("'ar' | 'de'");
    expect(anyOfQuery(["o'k", 'a\\b', 'x y'])).toBe("'o''k' | 'a\\\\b' | 'x y'");
  });

  it('has no query for an empty list (nothing overlaps it)', () => {
    expect(anyOfQuery([])).toBeNull();
    expect(anyOfQuery(['', ''])).toBeNull();
  });
});
