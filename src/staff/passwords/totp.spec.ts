import { base32Decode, base32Encode, hotp, otpauthUri, totpCode, verifyTotp } from './totp';

// RFC 6238 appendix B: the SHA-1 secret is the ASCII of "12345678901234567890".
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));

describe('TOTP (RFC 6238)', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('should give the RFC test vector at T=%i', (seconds, expected) => {
    expect(totpCode(RFC_SECRET, seconds * 1000, 8)).toBe(expected);
    expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(expected.slice(2));
  });

  it('should match RFC 4226 HOTP vectors', () => {
    const secret = Buffer.from('12345678901234567890');
    expect([0, 1, 2, 9].map((counter) => hotp(secret, counter))).toEqual([
      '755224',
      '287082',
      '359152',
      '520489',
    ]);
  });

  it('should round-trip base32 and accept how people type it', () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255, 7]);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('mzxw 6ytb oi==').toString()).toBe('foobar');
    expect(() => base32Decode('MZX1')).toThrow();
  });

  it('should accept a code one step either side, not two, and never a used step again', () => {
    const now = 1_800_000_000_000;
    const at = (offsetSteps: number) => totpCode(RFC_SECRET, now + offsetSteps * 30_000);
    const step = Math.floor(now / 30_000);
    expect(verifyTotp(RFC_SECRET, at(0), now)).toBe(step);
    expect(verifyTotp(RFC_SECRET, at(-1), now)).toBe(step - 1);
    expect(verifyTotp(RFC_SECRET, at(1), now)).toBe(step + 1);
    expect(verifyTotp(RFC_SECRET, at(-2), now)).toBeNull();
    expect(verifyTotp(RFC_SECRET, at(2), now)).toBeNull();
    expect(verifyTotp(RFC_SECRET, at(0), now, step)).toBeNull();
    expect(verifyTotp(RFC_SECRET, `${at(0).slice(0, 3)} ${at(0).slice(3)}`, now)).toBe(step);
    expect(verifyTotp(RFC_SECRET, 'abcdef', now)).toBeNull();
    expect(verifyTotp(RFC_SECRET, '', now)).toBeNull();
  });

  it('should build an otpauth URI authenticator apps import', () => {
    expect(otpauthUri('nahbar Altona', 'kim@agency.test', 'MZXW6YTBOI')).toBe(
      'otpauth://totp/nahbar%20Altona:kim%40agency.test?secret=MZXW6YTBOI&issuer=nahbar+Altona&algorithm=SHA1&digits=6&period=30',
    );
  });
});
