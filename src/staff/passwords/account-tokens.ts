import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/** SHA-256 (hex) of a token or code: what the database keeps instead of the token itself. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * The token of a password-reset link: derived from the reset's id and the link secret, so composing
 * the email again (after a crash) gives the same link; only hashToken(token) is stored.
 */
export const passwordResetToken = (secret: string, resetId: string): string =>
  createHmac('sha256', secret).update(`staff-password-reset:${resetId}`).digest('base64url');

/** A token as it may appear in a reset link: base64url of 32 bytes, nothing else. */
export const isResetTokenShaped = (token: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(token);

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;

/** Ten codes like `k7qm-x2hp-9tad`, each ~64 bits; shown once, stored hashed. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((byte) => RECOVERY_ALPHABET[byte % RECOVERY_ALPHABET.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

/** The hash of a recovery code as typed: case, spaces and dashes do not matter. */
export const hashRecoveryCode = (code: string): string =>
  hashToken(`recovery:${code.toLowerCase().replace(/[\s-]/g, '')}`);

const boxKey = (secret: string): Buffer =>
  createHash('sha256').update(`staff-totp-secret:${secret}`).digest();

/** AES-256-GCM with a key derived from the app secret: a database dump alone reveals no TOTP secret. */
export function sealSecret(plain: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', boxKey(secret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

export function openSecret(sealed: string, secret: string): string {
  if (!sealed.startsWith('v1.')) {
    throw new Error('unknown sealed format');
  }
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', boxKey(secret), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
