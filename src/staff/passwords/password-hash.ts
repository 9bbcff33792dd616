import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import bcrypt from 'bcryptjs';

/**
 * Staff password hashes: scrypt (memory-hard, native, runs on libuv's thread pool, so a check never
 * blocks the event loop), stored as `scrypt$N$r$p$salt$hash` (salt and hash base64url) so the
 * parameters can be raised later without breaking stored hashes. scrypt reads the whole password
 * (bcrypt silently ignored everything after byte 72).
 *
 * Parameters: N=2^15, r=8, p=3 — one of OWASP's recommended scrypt settings (32 MiB per check).
 * Old bcrypt hashes (`$2a$`, `$2b$`, `$2y$`) still verify; the login re-hashes them (needsRehash).
 */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 3 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** Headroom above 128·N·r bytes, which scrypt needs. */
const maxmemFor = (N: number, r: number): number => 128 * N * r * 2;

function scrypt(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  const options: ScryptOptions = { N, r, p, maxmem: maxmemFor(N, r) };
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p } = SCRYPT_PARAMS;
  const salt = randomBytes(SALT_LENGTH);
  const key = await scrypt(password, salt, N, r, p);
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

const isBcrypt = (hash: string): boolean => /^\$2[aby]\$\d{2}\$/.test(hash);

/** True when the password matches; false for a wrong password and for a hash in no known format. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (isBcrypt(hash)) {
    return bcrypt.compare(password, hash);
  }
  const parts = hash.split('$');
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (
    parts.length !== 6 ||
    parts[0] !== 'scrypt' ||
    ![N, r, p].every((value) => Number.isSafeInteger(value) && value > 0)
  ) {
    // E.g. an account still waiting for its set-password link: refused after the same work as a
    // real check, so the answer's timing does not tell such accounts from others.
    await scrypt(password, randomBytes(SALT_LENGTH), SCRYPT_PARAMS.N, SCRYPT_PARAMS.r, SCRYPT_PARAMS.p);
    return false;
  }
  const expected = Buffer.from(parts[5], 'base64url');
  const actual = await scrypt(password, Buffer.from(parts[4], 'base64url'), N, r, p);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A stored hash made with an old scheme (bcrypt) or weaker parameters: re-hash at the next login. */
export function needsRehash(hash: string): boolean {
  const { N, r, p } = SCRYPT_PARAMS;
  return !hash.startsWith(`scrypt$${N}$${r}$${p}$`);
}
