import { AppLogger, createAppLogger, redactEmails } from './app-logger';
import { runWithRequestId } from './request-context';

/** What the logger writes to stdout and stderr, as lines. */
function captureOutput(work: () => void): string[] {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    work();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return lines.join('').split('\n').filter(Boolean);
}

describe('AppLogger', () => {
  it('should write one JSON object a line with the request id of the work in progress', () => {
    const logger = new AppLogger('json');
    const [line] = captureOutput(() =>
      runWithRequestId('req-123', () => logger.log('matched request 42', 'Matching')),
    );
    expect(JSON.parse(line)).toMatchObject({
      level: 'log',
      context: 'Matching',
      message: 'matched request 42',
      requestId: 'req-123',
    });
  });

  it('should leave the request id out outside a request', () => {
    const [line] = captureOutput(() => new AppLogger('json').warn('relay postponed', 'Outbox'));
    expect(JSON.parse(line)).not.toHaveProperty('requestId');
  });

  it('should print readable text with the request id next to the context in development', () => {
    const [line] = captureOutput(() =>
      runWithRequestId('req-9', () => new AppLogger('text').log('hello', 'Http')),
    );
    expect(line).toContain('[Http] [req-9] hello');
    expect(() => JSON.parse(line) as unknown).toThrow();
  });

  it("should drop Nest's start-up route lines when start-up is quiet (production)", () => {
    const quiet = new AppLogger('json', { quietStartup: true });
    const lines = captureOutput(() => {
      quiet.log('Mapped {/api/health, GET} route', 'RouterExplorer');
      quiet.log('worker started', 'nahbar');
    });
    expect(lines.map((line) => (JSON.parse(line) as { message: string }).message)).toEqual([
      'worker started',
    ]);
  });

  it('should never print an email address, whatever the message', () => {
    expect(redactEmails('550 5.1.1 <Jana.Beispiel@example.org>: user unknown')).toBe(
      '550 5.1.1 <[email]>: user unknown',
    );
    const [line] = captureOutput(() => new AppLogger('json').error('rejected a@b.de', 'Smtp'));
    expect(JSON.parse(line)).toMatchObject({ level: 'error', message: 'rejected [email]' });
  });

  it('should in production drop debug lines and the start-up noise, and keep the rest', () => {
    const logger = createAppLogger({ NODE_ENV: 'production', LOG_FORMAT: 'json' });
    const lines = captureOutput(() => {
      logger.log('AppModule dependencies initialized', 'InstanceLoader');
      logger.log('Mapped {/metrics, GET} route', 'RouterExplorer');
      logger.debug('redis: connection closed', 'JobQueues');
      logger.log('API on https://agency.example', 'nahbar');
      logger.warn('outbox relay postponed', 'OutboxService');
    });
    expect(lines.map((line) => (JSON.parse(line) as { message: string }).message)).toEqual([
      'API on https://agency.example',
      'outbox relay postponed',
    ]);
  });
});
