import { createOfferToken, verifyOfferToken } from './offer-links';

const SECRET = 'a-test-secret-that-is-long-enough-to-use';
const MATCH_ID = '0b7f2d7e-3a53-4a4e-9a65-8a4a0a4b8c11';
const OTHER_MATCH_ID = '9c1e0f55-7d0b-4c6a-8f3e-2b7a4d1e6f22';
const NOW = new Date('2026-11-21T10:00:00Z');
const LATER = new Date('2026-11-24T10:00:00Z');

describe('offer links', () => {
  it('should verify a token it created and return its claims', () => {
    const token = createOfferToken(SECRET, {
      matchId: MATCH_ID,
      action: 'accept',
      expiresAt: LATER,
      version: 1,
    });
    const check = verifyOfferToken(SECRET, token, NOW);
    expect(check).toEqual({
      valid: true,
      claims: { matchId: MATCH_ID, action: 'accept', expiresAt: LATER, version: 1 },
    });
  });

  it('should reject a token whose match id was swapped for another match', () => {
    const token = createOfferToken(SECRET, {
      matchId: MATCH_ID,
      action: 'accept',
      expiresAt: LATER,
      version: 1,
    });
    const forged = token.replace(MATCH_ID, OTHER_MATCH_ID);
    expect(verifyOfferToken(SECRET, forged, NOW)).toEqual({ valid: false, reason: 'bad-signature' });
  });

  it('should reject a decline token turned into an accept token', () => {
    const token = createOfferToken(SECRET, {
      matchId: MATCH_ID,
      action: 'decline',
      expiresAt: LATER,
      version: 1,
    });
    expect(verifyOfferToken(SECRET, token.replace('.decline.', '.accept.'), NOW)).toMatchObject({
      valid: false,
      reason: 'bad-signature',
    });
  });

  it('should reject a token signed with another secret', () => {
    const token = createOfferToken('another-secret-that-is-also-long-enough', {
      matchId: MATCH_ID,
      action: 'accept',
      expiresAt: LATER,
      version: 1,
    });
    expect(verifyOfferToken(SECRET, token, NOW)).toMatchObject({ valid: false, reason: 'bad-signature' });
  });

  it('should report an expired token as expired, with its claims', () => {
    const token = createOfferToken(SECRET, {
      matchId: MATCH_ID,
      action: 'accept',
      expiresAt: LATER,
      version: 1,
    });
    expect(verifyOfferToken(SECRET, token, new Date(LATER.getTime() + 1000))).toMatchObject({
      valid: false,
      reason: 'expired',
      claims: { matchId: MATCH_ID },
    });
  });

  it('should reject a link of another purpose for the same match', () => {
    const token = createOfferToken(SECRET, {
      matchId: MATCH_ID,
      action: 'accept',
      expiresAt: LATER,
      version: 1,
    });
    expect(verifyOfferToken(SECRET, token.replace(/^offer\./, 'follow-up.'), NOW)).toEqual({
      valid: false,
      reason: 'malformed',
    });
  });

  it.each([
    '',
    'abc',
    'a.b.c.d',
    `offer.${MATCH_ID}.accept.soon.sig`,
    // The former four-part offer token (match.action.expiry.signature) is not accepted any more.
    `${MATCH_ID}.accept.1795000000.c2ln`,
  ])('should call %p malformed', (token) => {
    expect(verifyOfferToken(SECRET, token, NOW)).toEqual({ valid: false, reason: 'malformed' });
  });
});
