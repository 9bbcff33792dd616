import { emailKeyPart, isHoneypotFilled, windowKey } from './abuse-keys';

describe('abuse keys', () => {
  it('should hash an address the same whatever its case, and never contain it', () => {
    expect(emailKeyPart(' Erika@Example.org ')).toBe(emailKeyPart('erika@example.org'));
    expect(emailKeyPart('erika@example.org')).not.toContain('erika');
    expect(emailKeyPart('erika@example.org')).toHaveLength(24);
  });

  it('should put two moments of the same hour in one window and the next hour in another', () => {
    const start = Date.UTC(2026, 10, 21, 10, 0, 0);
    expect(windowKey('p', 'ip', '1.2.3.4', start)).toBe(windowKey('p', 'ip', '1.2.3.4', start + 3_599_999));
    expect(windowKey('p', 'ip', '1.2.3.4', start)).not.toBe(
      windowKey('p', 'ip', '1.2.3.4', start + 3_600_000),
    );
    expect(windowKey('nahbar', 'ip', '::1', start)).toMatch(/^nahbar:abuse:ip:::1:\d+$/);
  });

  it('should count only a non-blank honeypot as filled', () => {
    expect(isHoneypotFilled(undefined)).toBe(false);
    expect(isHoneypotFilled('   ')).toBe(false);
    expect(isHoneypotFilled('http://spam.example')).toBe(true);
  });
});
