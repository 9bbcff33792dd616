import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Exit codes of every nahbar command: 0 done, 1 failed, 2 wrong usage (see --help). */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A failure the operator can act on: printed as is, without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILED,
  ) {
    super(message);
  }
}

/** Where a command writes: the terminal, or a test's buffer. */
export interface CliOutput {
  log(line: string): void;
  error(line: string): void;
}

export const consoleOutput: CliOutput = {
  log: (line) => console.log(line),
  error: (line) => console.error(line),
};

/** parseArgs with usage errors as CliError(EXIT_USAGE) naming the --help. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  command: string,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\nSee \`${command} --help\`.`, EXIT_USAGE);
  }
}

/** A positive whole number of hours (a link's validity), or a usage error. */
export function parseHours(value: string | undefined, fallback: number): number {
  if (value === undefined) {
    return fallback;
  }
  const hours = Number(value);
  if (!Number.isInteger(hours) || hours < 1 || hours > 24 * 30) {
    throw new CliError(`--valid-hours must be a whole number from 1 to 720, not "${value}"`, EXIT_USAGE);
  }
  return hours;
}

/** Runs a command as a process: its exit code, a CliError's message without a stack. */
export function runAsProcess(command: (args: string[], out: CliOutput) => Promise<number>): void {
  command(process.argv.slice(2), consoleOutput).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof CliError) {
        console.error(`Error: ${error.message}`);
        process.exitCode = error.exitCode;
      } else {
        console.error(error instanceof Error ? (error.stack ?? error.message) : error);
        process.exitCode = EXIT_FAILED;
      }
    },
  );
}

/** Reads a line at the terminal without echoing it (a password). Ctrl+C cancels. */
export function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const finish = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write('\n');
    };
    const onData = (chunk: string): void => {
      for (const character of chunk) {
        if (character === '\r' || character === '\n' || character === '\u0004') {
          finish();
          resolve(value);
          return;
        }
        if (character === '\u0003') {
          finish();
          reject(new CliError('cancelled', 130));
          return;
        }
        value = character === '\u007f' || character === '\b' ? value.slice(0, -1) : value + character;
      }
    };
    stdin.on('data', onData);
  });
}
