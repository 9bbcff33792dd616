import { ConsoleLogger, LogLevel } from '@nestjs/common';
import { currentRequestId } from './request-context';

export type LogFormat = 'json' | 'text';

/**
 * Nest's console logger with the request id on every line: JSON lines for log collectors in
 * production, coloured text for people in development. Messages carry ids only, never personal data.
 */
export class AppLogger extends ConsoleLogger {
  private readonly quietStartup: boolean;

  constructor(format: LogFormat, options: { logLevels?: LogLevel[]; quietStartup?: boolean } = {}) {
    super({
      json: format === 'json',
      colors: format === 'text' && process.stdout.isTTY === true,
      ...(options.logLevels ? { logLevels: options.logLevels } : {}),
    });
    this.quietStartup = options.quietStartup ?? false;
  }

  protected override printMessages(
    messages: unknown[],
    context = '',
    logLevel?: LogLevel,
    writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
  ): void {
    if (this.quietStartup && logLevel === 'log' && STARTUP_NOISE.has(context)) {
      return;
    }
    const redacted = messages.map((message) =>
      typeof message === 'string' ? redactEmails(message) : message,
    );
    super.printMessages(redacted, context, logLevel, writeStreamType, errorStack);
  }

  protected override getJsonLogObject(
    message: unknown,
    options: {
      context: string;
      logLevel: LogLevel;
      writeStreamType?: 'stdout' | 'stderr';
      errorStack?: unknown;
    },
  ): ReturnType<ConsoleLogger['getJsonLogObject']> & { requestId?: string } {
    const requestId = currentRequestId();
    return { ...super.getJsonLogObject(message, options), ...(requestId ? { requestId } : {}) };
  }

  protected override formatContext(context: string): string {
    const requestId = currentRequestId();
    return super.formatContext(requestId ? `${context}] [${requestId}` : context);
  }
}

const EMAIL_ADDRESS = /[^\s<>()[\]@"',;:]+@[^\s<>()[\]@"',;:]+\.[a-z]{2,}/gi;

/**
 * Code logs ids only; this is the safety net for text it does not control (an SMTP server's
 * "550 <someone@example.org> unknown" in an error message): addresses never reach the log.
 */
export function redactEmails(text: string): string {
  return text.replace(EMAIL_ADDRESS, '[email]');
}

/** Nest's start-up lines (one per module and per mapped route): noise in production logs. */
const STARTUP_NOISE = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory']);

/** The logger both entry points use: JSON lines when asked (or in production), quiet start-up in production. */
export function createAppLogger(config: { NODE_ENV: string; LOG_FORMAT: LogFormat }): AppLogger {
  const production = config.NODE_ENV === 'production';
  return new AppLogger(config.LOG_FORMAT, {
    // Development keeps Nest's default levels (debug and verbose too).
    ...(production ? { logLevels: ['fatal', 'error', 'warn', 'log'] as LogLevel[] } : {}),
    quietStartup: production,
  });
}
