import {
  createLinkToken,
  isCurrentLinkVersion,
  selfServiceScopeOf,
  verifyLinkToken,
  type LinkClaims,
} from './signed-links';

const SECRET = 'a-test-secret-that-is-long-enough-1234';
const now = new Date('2026-11-21T12:00:00Z');
const claims: LinkClaims = {
  purpose: 'follow-up',
  subjectId: '3f2a1b4c-1111-4222-8333-444455556666',
  action: 'went-well',
  expiresAt: new Date('2026-12-21T12:00:00Z'),
  version: 3,
};

describe('signed links', () => {
  it('should verify its own token and return the claims', () => {
    const token = createLinkToken(SECRET, claims);
    expect(verifyLinkToken(SECRET, 'follow-up', token, now)).toEqual({ valid: true, claims });
  });

  it('should accept only the canonical spelling of the signature (not the three others with the same bytes)', () => {
    const token = createLinkToken(SECRET, claims);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(token.slice(-1));
    // 32 bytes in 43 characters: the last character's two low bits carry nothing.
    const variants = [0, 1, 2, 3].map((low) => token.slice(0, -1) + alphabet[(last & ~3) | low]);
    expect(variants).toContain(token);
    for (const variant of variants) {
      expect(Buffer.from(variant.split('.')[5], 'base64url')).toEqual(
        Buffer.from(token.split('.')[5], 'base64url'),
      );
      expect(verifyLinkToken(SECRET, 'follow-up', variant, now).valid).toBe(variant === token);
    }
    for (const padded of [`${token}=`, `${token.slice(0, -5)}+${token.slice(-4)}`, `${token} `]) {
      expect(verifyLinkToken(SECRET, 'follow-up', padded, now)).toEqual({
        valid: false,
        reason: 'malformed',
      });
    }
  });

  it.each([
    ['another purpose', (t: string) => t, 'unsubscribe', 'malformed'],
    ['a changed action', (t: string) => t.replace('went-well', 'problems'), 'follow-up', 'bad-signature'],
    ['a changed subject', (t: string) => t.replace('3f2a1b4c', '3f2a1b4d'), 'follow-up', 'bad-signature'],
    [
      'a later expiry',
      (t: string) => t.replace(/\.(\d+)\./, (_m, e: string) => `.${Number(e) + 1}.`),
      'follow-up',
      'bad-signature',
    ],
    ['a raised version', (t: string) => t.replace(/\.3\.([^.]+)$/, '.4.$1'), 'follow-up', 'bad-signature'],
    [
      'a version with a leading zero',
      (t: string) => t.replace(/\.3\.([^.]+)$/, '.03.$1'),
      'follow-up',
      'malformed',
    ],
    ['version 0', (t: string) => t.replace(/\.3\.([^.]+)$/, '.0.$1'), 'follow-up', 'malformed'],
    [
      'a token without a version (the old format)',
      (t: string) => t.replace(/\.3\.([^.]+)$/, '.$1'),
      'follow-up',
      'malformed',
    ],
    ['a cut token', (t: string) => t.split('.').slice(1).join('.'), 'follow-up', 'malformed'],
  ] as const)('should refuse %s', (_name, tamper, purpose, reason) => {
    const token = tamper(createLinkToken(SECRET, claims));
    expect(verifyLinkToken(SECRET, purpose, token, now)).toEqual({ valid: false, reason });
  });

  it('should refuse a token signed with another secret, and an expired one', () => {
    const token = createLinkToken(SECRET, claims);
    expect(verifyLinkToken(`${SECRET}x`, 'follow-up', token, now)).toEqual({
      valid: false,
      reason: 'bad-signature',
    });
    expect(verifyLinkToken(SECRET, 'follow-up', token, new Date('2026-12-22T00:00:00Z'))).toEqual({
      valid: false,
      reason: 'expired',
      claims,
    });
  });

  it('should not sign a subject that is not a uuid or an action with dots', () => {
    expect(() => createLinkToken(SECRET, { ...claims, subjectId: 'x' })).toThrow();
    expect(() => createLinkToken(SECRET, { ...claims, action: 'a.b' })).toThrow();
    expect(() => createLinkToken(SECRET, { ...claims, version: 0 })).toThrow();
    expect(() => createLinkToken(SECRET, { ...claims, version: 1.5 })).toThrow();
  });

  it("should hold a link only at its holder's current version", () => {
    expect(isCurrentLinkVersion({ version: 3 }, 3)).toBe(true);
    expect(isCurrentLinkVersion({ version: 2 }, 3)).toBe(false);
    expect(isCurrentLinkVersion({ version: 4 }, 3)).toBe(false);
  });

  it('should read the self-service scope from the signed action, nothing else', () => {
    expect(selfServiceScopeOf({ action: 'settings' })).toBe('settings');
    expect(selfServiceScopeOf({ action: 'account' })).toBe('account');
    expect(selfServiceScopeOf({ action: 'edit' })).toBeNull();
  });
});
