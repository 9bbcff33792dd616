import { InvalidConfigError, loadConfig } from './config';

const REAL_SECRET = 'a-real-secret-of-at-least-32-characters-0123';

describe('log and metrics settings', () => {
  it.each([
    [{ NODE_ENV: 'production' }, 'json'],
    [{ NODE_ENV: 'development' }, 'text'],
    [{ NODE_ENV: 'test' }, 'text'],
    [{ NODE_ENV: 'production', LOG_FORMAT: 'text' }, 'text'],
    [{ NODE_ENV: 'development', LOG_FORMAT: 'json' }, 'json'],
  ])('should log %j as %s', (env, format) => {
    expect(loadConfig({ ...env, LINK_SECRET: REAL_SECRET }).LOG_FORMAT).toBe(format);
  });

  it('should refuse an unknown log format and a guessable metrics token', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', LOG_FORMAT: 'pretty' })).toThrow(InvalidConfigError);
    expect(() => loadConfig({ NODE_ENV: 'test', METRICS_TOKEN: 'secret' })).toThrow(/METRICS_TOKEN/);
  });

  it('should leave /metrics off unless a token is set', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).METRICS_TOKEN).toBeUndefined();
  });
});
