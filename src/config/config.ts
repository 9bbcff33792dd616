import { z } from 'zod';
import { isLoopbackHost } from '../shared/loopback';

const booleanString = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const DEV_LINK_SECRET = 'dev-only-link-secret-change-me-in-production';

/**
 * Every setting with what it means (`.describe`): docs/configuration.md's table is generated from
 * this shape (`npm run docs:config`), and a unit spec fails when the two differ.
 */
export const envShape = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'])
    .default('development')
    .describe(
      'Where it runs; only `test` (and the demo, see `DEMO_MODE`) accepts the development `LINK_SECRET`.',
    ),
  DEMO_MODE: booleanString
    .default('false')
    .describe(
      '`true` only in `npm run demo` (it sets it): the one run outside the tests that may use the development `LINK_SECRET`.',
    ),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000).describe('HTTP port of the API.'),
  PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000').describe('Base of the links in emails.'),
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/nahbar').describe('PostgreSQL.'),
  // At least 4: a worker's two delivery batches each hold a connection while they send.
  DATABASE_POOL_MAX: z.coerce
    .number()
    .int()
    .min(4)
    .max(200)
    .default(10)
    .describe(
      "PostgreSQL connections per process, at least 4 (a worker's two delivery batches hold one each).",
    ),
  REDIS_URL: z
    .string()
    .url()
    .default('redis://127.0.0.1:6379')
    .describe('Redis for BullMQ and the rate limits.'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]+$/i)
    .default('nahbar')
    .describe(
      'Prefix of every Redis key (BullMQ queues, rate limits, throttles, scheduled-run log): one per agency when several share a Redis.',
    ),
  SMTP_HOST: z
    .string()
    .min(1)
    .default('127.0.0.1')
    .describe("Outgoing mail server (the demo's mail sink listens there)."),
  SMTP_PORT: z.coerce
    .number()
    .int()
    .min(1)
    .max(65535)
    .default(2525)
    .describe('Port of the outgoing mail server.'),
  SMTP_SECURE: booleanString.default('false').describe('TLS from the start (port 465).'),
  SMTP_REQUIRE_TLS: booleanString
    .optional()
    .describe(
      'Send only over TLS (STARTTLS required unless `SMTP_SECURE`). Default: on in production unless `SMTP_HOST` is loopback, else off.',
    ),
  SMTP_USER: z.string().optional().describe('SMTP login, if the server needs one.'),
  SMTP_PASS: z.string().optional().describe('SMTP password, if the server needs one.'),
  MAIL_FROM: z
    .string()
    .min(3)
    .default('nahbar Freiwilligenagentur <noreply@nahbar.localhost>')
    .describe('Sender of every email.'),
  STAFF_NOTIFY_EMAIL: z
    .string()
    .email()
    .default('team@nahbar.localhost')
    .describe(
      'The agency inbox that gets staff notices and the daily digest; the `mailto:` of `List-Unsubscribe`.',
    ),
  LINK_SECRET: z
    .string()
    .min(32)
    .default(DEV_LINK_SECRET)
    .describe(
      "HMAC key of all links in emails (offers, follow-ups, unsubscribe, email confirmation, staff password reset), of the console's CSRF tokens, and the key that seals staff TOTP secrets (changing it switches staff two-factor off until re-enrolment); **required** except in the tests and the demo (the default is a development value anyone can read in the code).",
    ),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(12)
    .describe('Staff session lifetime in hours (absolute: a session ends this long after login).'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30)
    .describe('A staff session ends after this many minutes without a request (idle timeout).'),
  SESSION_PURGE_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(86_400_000)
    .default(600_000)
    .describe('How often a worker deletes expired and idle staff sessions from the database.'),
  STAFF_LOGINS_PER_IP_HOUR: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(50)
    .describe('Staff login attempts (console and API) one client address may make an hour; more get 429.'),
  STAFF_LOGINS_PER_ACCOUNT_HOUR: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(30)
    .describe('Staff login attempts for one email address an hour, from anywhere; more get 429.'),
  PASSWORD_CHECKS_CONCURRENT: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(4)
    .describe('Password checks (32 MiB of memory each) running at once; more wait in line.'),
  PASSWORD_CHECKS_WAITING: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000)
    .default(32)
    .describe('Password checks that may wait for a free slot; a login beyond that gets 503 at once.'),
  OUTBOX_POLL_MS: z.coerce
    .number()
    .int()
    .min(50)
    .max(60_000)
    .default(1000)
    .describe('How often the worker relays pending outbox rows.'),
  NOTIFY_SWEEP_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(3_600_000)
    .default(30_000)
    .describe('How often a worker checks that every open email has its BullMQ job.'),
  // Emails one worker holds at once; those beyond the two delivery batches in flight wait and form
  // the next ones. Raise it under load (bench:notify runs with 100).
  NOTIFY_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(20)
    .describe('Emails one worker holds at once; bench:notify uses 100.'),
  SMTP_RETRY_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(14 * 24 * 3600)
    .default(24 * 3600)
    .describe('Temporary SMTP failures are retried this long after the first attempt (default 24 h).'),
  SMTP_RETRY_BASE_DELAY_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(3_600_000)
    .default(5000)
    .describe('First retry delay; doubles per retry, with jitter (half fixed, half random).'),
  SMTP_RETRY_MAX_DELAY_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(24 * 3_600_000)
    .default(3_600_000)
    .describe('Cap on one retry delay; not less than `SMTP_RETRY_BASE_DELAY_MS`.'),
  SMTP_MAX_CONNECTIONS: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(5)
    .describe("SMTP connections in one worker's pool."),
  SMTP_RATE_PER_SECOND: z.coerce
    .number()
    .int()
    .min(0)
    .max(100_000)
    .default(0)
    .describe('At most this many emails per second from one worker; `0` is no limit.'),
  QUEUE_LOCK_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .max(600_000)
    .default(20_000)
    .describe(
      "BullMQ job lock, renewed every half of it; a killed worker's jobs run again once it has expired and a stalled check has seen it (at most `QUEUE_LOCK_MS` + `QUEUE_STALLED_CHECK_MS`).",
    ),
  QUEUE_STALLED_CHECK_MS: z.coerce
    .number()
    .int()
    .min(500)
    .max(600_000)
    .default(15_000)
    .describe(
      "How often a worker looks for jobs whose lock expired (a killed worker's) and queues them again.",
    ),
  LOG_FORMAT: z
    .enum(['json', 'text'])
    .optional()
    .describe(
      'Log lines as `json` (one object a line, with `requestId`) or readable `text`. Default: `json` in production, else `text`.',
    ),
  METRICS_TOKEN: z
    .string()
    .min(16)
    .optional()
    .describe(
      'Bearer token Prometheus sends to scrape `/metrics` (at least 16 characters, e.g. `openssl rand -hex 24`); without it `/metrics` answers 404.',
    ),
  WORKER_HEARTBEAT_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3600)
    .default(15)
    .describe(
      "How often each worker writes its heartbeat to Redis (the console's system page); it expires after three missed beats.",
    ),
  OPTIMISE_EVERY_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .max(24 * 3_600_000)
    .default(15 * 60_000)
    .describe(
      'How often the scheduled re-optimisation of open proposals runs (once per period over all workers).',
    ),
  STAFF_DIGEST_CRON: z
    .string()
    .regex(/^\S+( \S+){4,5}$/, 'must be a cron pattern of 5 (or 6, with seconds) fields')
    .default('0 7 * * *')
    .describe(
      'When the staff digest is queued (cron, Europe/Berlin); one email per day whatever the pattern.',
    ),
  MAIL_SINK_ENABLED: booleanString
    .default('false')
    .describe(
      'Run the demo SMTP sink and the `/demo/mail` pages (`true` in `npm run demo`; demo only: the pages are not behind a login).',
    ),
  MAIL_SINK_DIR: z.string().min(1).default('var/mail').describe('Where the sink keeps `.eml` files.'),
  AGENCY_NAME: z.string().min(1).default('Freiwilligenagentur Altona (Demo)').describe('Shown in emails.'),
  TAXONOMY_FILE: z
    .string()
    .min(1)
    .optional()
    .describe(
      "A JSON file with the agency's own categories, skills and fields (see `src/taxonomy/taxonomy.ts`); without it the built-in taxonomy.",
    ),
  // Express "trust proxy": false, true, a hop count, or addresses/subnets of the proxies.
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value): boolean | number | string =>
      value === 'true' ? true : value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value,
    )
    .describe(
      "Express `trust proxy` for the client address of the rate limits: `true`, a hop count, or the proxies' addresses; only behind a proxy.",
    ),
  WORKER_HEALTH_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(0)
    .describe(
      'Port on which a worker answers `/health/live` and `/health/ready` for probes (e.g. 9464); `0` is off. Give each worker on one host its own.',
    ),
  WORKER_HEALTH_HOST: z
    .string()
    .min(1)
    .default('127.0.0.1')
    .describe(
      "Address the worker's health port binds to; `0.0.0.0` in a container so the probe can reach it.",
    ),
  PUBLIC_SUBMISSIONS_PER_IP_HOUR: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(5)
    .describe('Public submissions (per kind) one client address may make an hour.'),
  PUBLIC_SUBMISSIONS_PER_EMAIL_HOUR: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(3)
    .describe('Public submissions (per kind) for one email address an hour.'),
});

const envSchema = envShape.superRefine((env, ctx) => {
  // With the value from the code anyone could sign a volunteer's self-service link: only the tests
  // and the demo (which holds no real people's data) may run with it.
  if (env.LINK_SECRET === DEV_LINK_SECRET && env.NODE_ENV !== 'test' && !env.DEMO_MODE) {
    ctx.addIssue({
      code: 'custom',
      path: ['LINK_SECRET'],
      message:
        'is the development value from the code; set a random secret of at least 32 characters (e.g. `openssl rand -hex 32`); only the tests and `npm run demo` may run without one',
    });
  }
  if (env.SMTP_RETRY_MAX_DELAY_MS < env.SMTP_RETRY_BASE_DELAY_MS) {
    ctx.addIssue({
      code: 'custom',
      path: ['SMTP_RETRY_MAX_DELAY_MS'],
      message: 'must not be less than SMTP_RETRY_BASE_DELAY_MS',
    });
  }
});

/** Fills the defaults that depend on other settings. */
const configSchema = envSchema.transform((env) => ({
  ...env,
  SMTP_REQUIRE_TLS: env.SMTP_REQUIRE_TLS ?? smtpRequiresTlsByDefault(env.NODE_ENV, env.SMTP_HOST),
  LOG_FORMAT: env.LOG_FORMAT ?? (env.NODE_ENV === 'production' ? ('json' as const) : ('text' as const)),
}));

/** In production mail leaves the machine only over TLS; a loopback relay (a local MTA) is exempt. */
export function smtpRequiresTlsByDefault(nodeEnv: string, smtpHost: string): boolean {
  return nodeEnv === 'production' && !isLoopbackHost(smtpHost);
}

export type AppConfig = Readonly<z.infer<typeof configSchema>>;

export class InvalidConfigError extends Error {}

/** Validates the environment once at start-up; a bad value stops the process with every problem named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new InvalidConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return Object.freeze(result.data);
}

/** Only the database address, for commands that touch nothing else (migrations, postal code import). */
export function loadDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const result = envShape.pick({ DATABASE_URL: true }).safeParse(env);
  if (!result.success) {
    throw new InvalidConfigError(`Invalid configuration:\n  DATABASE_URL: ${result.error.issues[0].message}`);
  }
  return result.data.DATABASE_URL;
}

/** Settings whose values are never shown (`npm run nahbar -- config:show`, `.env.example`); URLs' passwords are masked too. */
export const SECRET_SETTINGS: readonly string[] = ['LINK_SECRET', 'SMTP_PASS', 'METRICS_TOKEN'];

export const APP_CONFIG = Symbol('APP_CONFIG');
