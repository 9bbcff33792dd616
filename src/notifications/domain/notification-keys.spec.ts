import {
  derivedUuid,
  emailConfirmationKey,
  emailFingerprint,
  offerDigestKey,
  staffDigestKey,
} from './notification-keys';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const volunteer = '3f2a1b4c-1111-4222-8333-444455556666';

describe('notification keys', () => {
  it('should derive the same uuid from the same parts, and a valid one', () => {
    expect(derivedUuid('a', 'b')).toBe(derivedUuid('a', 'b'));
    expect(derivedUuid('a', 'b')).not.toBe(derivedUuid('ab'));
    expect(derivedUuid('a', 'b')).toMatch(UUID);
  });

  it.each([
    // 22:30 and 23:30 UTC on 21 Nov are 23:30 on the 21st and 00:30 on the 22nd in Berlin.
    ['the same Berlin day', '2026-11-21T08:00:00Z', '2026-11-21T22:30:00Z', true],
    ['the next Berlin day, though the same UTC day', '2026-11-21T08:00:00Z', '2026-11-21T23:30:00Z', false],
  ])('should key an offer digest by the Berlin day it goes out: %s', (_name, a, b, same) => {
    expect(offerDigestKey(volunteer, new Date(a)) === offerDigestKey(volunteer, new Date(b))).toBe(same);
  });

  it('should ask again for a changed address, but not for the same one in other case', () => {
    expect(emailConfirmationKey(volunteer, 'Anna@Example.org')).toBe(
      emailConfirmationKey(volunteer, 'anna@example.org'),
    );
    expect(emailConfirmationKey(volunteer, 'anna@example.org')).not.toBe(
      emailConfirmationKey(volunteer, 'anna@example.net'),
    );
    expect(emailFingerprint('Anna@Example.org')).toBe(emailFingerprint('anna@example.org'));
    expect(emailFingerprint('anna@example.org')).toMatch(/^[0-9a-f]{16}$/);
    expect(staffDigestKey('2026-11-21')).not.toBe(staffDigestKey('2026-11-22'));
  });
});
