import { MAILTO_FORBIDDEN, MAX_EMAIL_LENGTH, mailtoHref } from './email-content';

describe('mailtoHref', () => {
  it('links plain addresses and nothing else', () => {
    expect(mailtoHref('anna@example.org')).toBe('mailto:anna@example.org');
    expect(mailtoHref('a.b+c@sub.example.org')).toBe('mailto:a.b+c@sub.example.org');
    for (const bad of ['', 'anna', '@example.org', 'anna@', 'anna@example', 'anna@example.', 'a@b@c.de']) {
      expect([bad, mailtoHref(bad)]).toEqual([bad, undefined]);
    }
    for (const bad of ['an na@example.org', 'anna@exa<mple.org', 'anna@example.org"', 'a;b@example.org']) {
      expect([bad, mailtoHref(bad)]).toEqual([bad, undefined]);
    }
  });

  it('refuses a 20 kB adversarial address by its length, before any pattern runs', () => {
    // The shape that made the old `[^@]+@[^@]+\.[^@]+$` backtrack quadratically: a long domain
    // full of dots and no valid ending.
    const adversarial = `a@${'a.'.repeat(10_000)}@`;
    expect(adversarial.length).toBeGreaterThan(20_000);
    const test = jest.spyOn(MAILTO_FORBIDDEN, 'test');
    expect(mailtoHref(adversarial)).toBeUndefined();
    expect(test).not.toHaveBeenCalled();
    test.mockRestore();
    // Within the length limit, the same shape is refused by the split, again without a pattern.
    expect(mailtoHref(`a@${'a.'.repeat((MAX_EMAIL_LENGTH - 4) / 2)}@`)).toBeUndefined();
  });

  it('uses only a single character class, which cannot backtrack', () => {
    // No quantifier at all, so the check is one linear scan per part.
    expect(MAILTO_FORBIDDEN.source).not.toMatch(/[+*{]/);
  });
});
