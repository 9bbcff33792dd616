import {
  hashRecoveryCode,
  hashToken,
  isResetTokenShaped,
  newRecoveryCodes,
  openSecret,
  passwordResetToken,
  sealSecret,
} from './account-tokens';

describe('account tokens', () => {
  it('should derive a stable reset token per reset and secret, stored only as a hash', () => {
    const id = '6f1c1a3e-2d7b-4c1e-9a4f-0a1b2c3d4e5f';
    const token = passwordResetToken('secret-a', id);
    expect(token).toBe(passwordResetToken('secret-a', id));
    expect(token).not.toBe(passwordResetToken('secret-b', id));
    expect(token).not.toBe(passwordResetToken('secret-a', '00000000-0000-4000-8000-000000000000'));
    expect(isResetTokenShaped(token)).toBe(true);
    expect(isResetTokenShaped(`${token}x`)).toBe(false);
    expect(isResetTokenShaped('../../etc/passwd')).toBe(false);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token);
  });

  it('should make ten distinct recovery codes whose hash ignores case, spaces and dashes', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    }
    expect(hashRecoveryCode(codes[0].toUpperCase().replace(/-/g, ' '))).toBe(hashRecoveryCode(codes[0]));
    expect(hashRecoveryCode(codes[0])).not.toBe(hashRecoveryCode(codes[1]));
  });

  it('should seal a secret so only the same app secret opens it, and notice tampering', () => {
    const sealed = sealSecret('JBSWY3DPEHPK3PXP', 'app-secret');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(sealed).not.toBe(sealSecret('JBSWY3DPEHPK3PXP', 'app-secret'));
    expect(openSecret(sealed, 'app-secret')).toBe('JBSWY3DPEHPK3PXP');
    expect(() => openSecret(sealed, 'other-secret')).toThrow();
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}A`;
    expect(() => openSecret(tampered, 'app-secret')).toThrow();
  });
});
