import { MAX_INPUT_DEPTH, findInputProblem } from './input-sanity';

const nested = (levels: number): unknown => {
  let value: unknown = 'leaf';
  for (let level = 0; level < levels; level += 1) {
    value = { a: value };
  }
  return value;
};

describe('findInputProblem', () => {
  it('should accept ordinary bodies, including umlauts, emoji and right-to-left text', () => {
    expect(
      findInputProblem({ name: 'Jürgen 🙂 مرحبا', skills: ['a', 'b'], schedule: { date: '2026-12-08' } }),
    ).toBeNull();
    expect(findInputProblem(nested(MAX_INPUT_DEPTH - 1))).toBeNull();
  });

  it('should name the field that holds a NUL character, in a value or a key', () => {
    expect(findInputProblem({ helpSeeker: { name: 'Erika\u0000' } })).toEqual({
      field: 'helpSeeker.name',
      message: 'must not contain NUL characters',
    });
    expect(findInputProblem({ skills: ['ok', 'bad\u0000'] })?.field).toBe('skills.1');
    expect(findInputProblem({ 'x\u0000': 1 })?.field).toBe('x\u0000');
  });

  it('should refuse nesting deeper than the limit without recursing into it', () => {
    expect(findInputProblem(nested(MAX_INPUT_DEPTH + 1))?.message).toMatch(/nested deeper/);
    expect(findInputProblem(nested(100_000))?.message).toMatch(/nested deeper/);
  });
});
