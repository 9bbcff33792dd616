import { loadConfig } from '../config/config';
import { maskedConfiguration, maskUrlPassword } from './masked-config';

describe('maskedConfiguration', () => {
  it('masks only the password of a URL', () => {
    expect(maskUrlPassword('postgres://nahbar:s3cret@db:5432/nahbar')).toBe(
      'postgres://nahbar:********@db:5432/nahbar',
    );
    expect(maskUrlPassword('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
    expect(maskUrlPassword('not a url')).toBe('not a url');
  });

  it('never shows a secret, and marks the defaults', () => {
    const env = {
      NODE_ENV: 'production',
      LINK_SECRET: 'a'.repeat(40),
      SMTP_PASS: 'smtp-password-here',
      SMTP_HOST: '127.0.0.1',
      REDIS_URL: 'redis://:redis-pass@cache:6379',
    };
    const lines = maskedConfiguration(loadConfig(env), env).join('\n');
    expect(lines).not.toContain('a'.repeat(40));
    expect(lines).not.toContain('smtp-password-here');
    expect(lines).not.toContain('redis-pass');
    expect(lines).toMatch(/^LINK_SECRET\s+\*{8}$/m);
    expect(lines).toMatch(/^PORT\s+3000 {2}\(default\)$/m);
    expect(lines).toMatch(/^SMTP_USER\s+\(not set\) {2}\(default\)$/m);
  });
});
