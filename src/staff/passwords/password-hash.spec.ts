import bcrypt from 'bcryptjs';
import { hashPassword, needsRehash, verifyPassword } from './password-hash';

describe('staff password hashes', () => {
  it('stores scrypt with its parameters and verifies only the right password', async () => {
    const hash = await hashPassword('a long and good passphrase');
    expect(hash).toMatch(/^scrypt\$32768\$8\$3\$[\w-]{22}\$[\w-]{43}$/);
    await expect(verifyPassword('a long and good passphrase', hash)).resolves.toBe(true);
    await expect(verifyPassword('a long and good passphrasE', hash)).resolves.toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it('reads the whole password: two passwords differing only after byte 72 are different', async () => {
    const prefix = 'x'.repeat(72);
    const hash = await hashPassword(`${prefix}-first`);
    await expect(verifyPassword(`${prefix}-first`, hash)).resolves.toBe(true);
    await expect(verifyPassword(`${prefix}-second`, hash)).resolves.toBe(false);
  });

  it('still verifies an old bcrypt hash, and asks for it to be re-hashed', async () => {
    const old = await bcrypt.hash('correct horse battery staple', 4);
    await expect(verifyPassword('correct horse battery staple', old)).resolves.toBe(true);
    await expect(verifyPassword('wrong horse battery staple', old)).resolves.toBe(false);
    expect(needsRehash(old)).toBe(true);
  });

  it('refuses a hash in no known format', async () => {
    await expect(verifyPassword('anything', 'plain-text')).resolves.toBe(false);
    await expect(verifyPassword('anything', 'scrypt$0$8$1$AAAA$AAAA')).resolves.toBe(false);
  });
});
