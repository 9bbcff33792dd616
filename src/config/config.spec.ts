import { InvalidConfigError, loadConfig, loadDatabaseUrl } from './config';

const REAL_SECRET = 'a-real-secret-of-at-least-32-characters-0123';

describe('loadConfig', () => {
  it.each([{}, { NODE_ENV: 'development' }, { NODE_ENV: 'production' }])(
    'should refuse the development LINK_SECRET outside the tests and the demo (%j)',
    (env) => {
      expect(() => loadConfig(env)).toThrow(InvalidConfigError);
      expect(() => loadConfig(env)).toThrow(/LINK_SECRET: is the development value from the code/);
    },
  );

  it('should accept the development LINK_SECRET in the tests and in the demo', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).LINK_SECRET).toHaveLength(44);
    expect(loadConfig({ DEMO_MODE: 'true' }).DEMO_MODE).toBe(true);
  });

  it('should accept a secret of its own anywhere', () => {
    expect(loadConfig({ NODE_ENV: 'production', LINK_SECRET: REAL_SECRET }).LINK_SECRET).toBe(REAL_SECRET);
    expect(loadConfig({ LINK_SECRET: REAL_SECRET }).NODE_ENV).toBe('development');
  });

  it('should let the database commands run without the other settings', () => {
    expect(loadDatabaseUrl({ DATABASE_URL: 'postgres://x@db:5432/nahbar' })).toBe(
      'postgres://x@db:5432/nahbar',
    );
    expect(() => loadDatabaseUrl({ DATABASE_URL: 'nope' })).toThrow(InvalidConfigError);
  });
});
