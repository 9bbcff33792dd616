import { loadConfig, smtpRequiresTlsByDefault } from './config';

const LINK_SECRET = 'a-real-secret-of-enough-length-0123456789';
const production = { NODE_ENV: 'production', LINK_SECRET };

describe('SMTP_REQUIRE_TLS', () => {
  it('is on by default in production for a mail server elsewhere', () => {
    expect(loadConfig({ ...production, SMTP_HOST: 'mail.example.org' }).SMTP_REQUIRE_TLS).toBe(true);
  });

  it('is off by default for a loopback relay, and outside production', () => {
    for (const host of ['127.0.0.1', '127.0.0.53', 'localhost', '::1']) {
      expect([host, loadConfig({ ...production, SMTP_HOST: host }).SMTP_REQUIRE_TLS]).toEqual([host, false]);
    }
    expect(
      loadConfig({ NODE_ENV: 'development', LINK_SECRET, SMTP_HOST: 'mail.example.org' }).SMTP_REQUIRE_TLS,
    ).toBe(false);
    expect(smtpRequiresTlsByDefault('test', 'mail.example.org')).toBe(false);
  });

  it('follows an explicit setting either way', () => {
    expect(
      loadConfig({ ...production, SMTP_HOST: 'mail.example.org', SMTP_REQUIRE_TLS: 'false' })
        .SMTP_REQUIRE_TLS,
    ).toBe(false);
    expect(
      loadConfig({ NODE_ENV: 'development', LINK_SECRET, SMTP_HOST: '127.0.0.1', SMTP_REQUIRE_TLS: 'true' })
        .SMTP_REQUIRE_TLS,
    ).toBe(true);
    expect(() => loadConfig({ LINK_SECRET, SMTP_REQUIRE_TLS: 'yes' })).toThrow(/SMTP_REQUIRE_TLS/);
  });
});
