import { loadConfig } from '../config/config';
import { demoEnv, formatWelcome } from './demo-banner';

describe('demo banner', () => {
  it('links to the port the demo listens on when no base URL is set', () => {
    const config = loadConfig(demoEnv({ PORT: '4123' }));
    expect(config.PUBLIC_BASE_URL).toBe('http://localhost:4123');
    const banner = formatWelcome(config, 4123, true, [{ email: 'a@b.test', password: 'pw', role: 'admin' }]);
    expect(banner).toContain('port 4123');
    expect(banner).toContain('http://localhost:4123/console');
    expect(banner).not.toContain(':3000');
  });

  it('keeps an explicit base URL and still names the real port', () => {
    const config = loadConfig(demoEnv({ PORT: '4123', PUBLIC_BASE_URL: 'https://demo.example.org/' }));
    const banner = formatWelcome(config, 4123, false, []);
    expect(banner).toContain('port 4123, links use https://demo.example.org');
    expect(banner).toContain('https://demo.example.org/api/docs');
  });
});
