import { acceptRequestId, currentRequestId, runWithRequestId } from './request-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request id', () => {
  it("should keep a proxy's harmless id", () => {
    expect(acceptRequestId('edge-1f3a.42_b')).toBe('edge-1f3a.42_b');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['too long', 'a'.repeat(65)],
    ['a line break (log injection)', 'abc\n{"level":"error"}'],
    ['an email address', 'someone@example.org'],
    ['several headers', ['a', 'b']],
  ])('should make a new one when the incoming id is %s', (_what, incoming) => {
    expect(acceptRequestId(incoming)).toMatch(UUID);
  });

  it('should be the current id inside its work, also after an await, and none outside', async () => {
    expect(currentRequestId()).toBeUndefined();
    await runWithRequestId('r-1', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(currentRequestId()).toBe('r-1');
    });
    expect(currentRequestId()).toBeUndefined();
  });
});
