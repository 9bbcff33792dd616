import { csrfTokenFor, newLoginCsrfToken, tokensMatch } from './csrf';

describe('console CSRF tokens', () => {
  it('should bind the token to the session token and the secret', () => {
    const token = csrfTokenFor('session-a', 'secret-1');
    expect(token).toBe(csrfTokenFor('session-a', 'secret-1'));
    expect(token).not.toBe(csrfTokenFor('session-b', 'secret-1'));
    expect(token).not.toBe(csrfTokenFor('session-a', 'secret-2'));
  });

  it('should accept only the exact token', () => {
    const token = csrfTokenFor('session-a', 'secret-1');
    expect(tokensMatch(token, token)).toBe(true);
    expect(tokensMatch(token, `${token}x`)).toBe(false);
    expect(
      tokensMatch(
        token,
        token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      ),
    ).toBe(false);
    expect(tokensMatch(token, undefined)).toBe(false);
    expect(tokensMatch(token, ['a'])).toBe(false);
    expect(tokensMatch(undefined, token)).toBe(false);
  });

  it('should make a fresh random login token each time', () => {
    expect(newLoginCsrfToken()).not.toBe(newLoginCsrfToken());
  });
});
