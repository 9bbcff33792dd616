import type { AppConfig } from '../config/config';
import { envShape, SECRET_SETTINGS } from '../config/config';

const MASK = '********';

/** A URL with its password (and only that) masked: postgres://nahbar:********@db/nahbar. */
export function maskUrlPassword(value: string): string {
  try {
    const url = new URL(value);
    if (!url.password) {
      return value;
    }
    url.password = 'MASKED';
    return url.toString().replace(':MASKED@', `:${MASK}@`);
  } catch {
    return value;
  }
}

/** One line per setting: name, value (secrets masked), and whether it is the default. */
export function maskedConfiguration(config: AppConfig, env: NodeJS.ProcessEnv): string[] {
  // Every setting of the schema, also the optional ones that are not set.
  const names = Object.keys(envShape.shape);
  const values = config as unknown as Record<string, unknown>;
  const width = Math.max(...names.map((name) => name.length));
  return names.map((name) => {
    const value = values[name];
    const shown =
      value === undefined
        ? '(not set)'
        : SECRET_SETTINGS.includes(name)
          ? MASK
          : typeof value === 'string'
            ? maskUrlPassword(value)
            : JSON.stringify(value);
    const origin = env[name] === undefined ? '  (default)' : '';
    return `${name.padEnd(width)}  ${shown}${origin}`;
  });
}
