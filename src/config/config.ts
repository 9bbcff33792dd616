import { z } from 'zod';

/** Why a setting exists is in the README's configuration table; here only what it may hold. */
const booleanString = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const DEV_LINK_SECRET = 'dev-only-link-secret-change-me-in-production';

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),
    DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/nahbar'),
    // At least 4: a worker's two delivery batches each hold a connection while they send.
    DATABASE_POOL_MAX: z.coerce.number().int().min(4).max(200).default(10),
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[a-z0-9_-]+$/i)
      .default('nahbar'),
    SMTP_HOST: z.string().min(1).default('127.0.0.1'),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(2525),
    SMTP_SECURE: booleanString.default('false'),
    SMTP_USER: z.string().optional(),
    SMTP_PASS: z.string().optional(),
    MAIL_FROM: z.string().min(3).default('nahbar Freiwilligenagentur <noreply@nahbar.localhost>'),
    STAFF_NOTIFY_EMAIL: z.string().email().default('team@nahbar.localhost'),
    LINK_SECRET: z.string().min(32).default(DEV_LINK_SECRET),
    SESSION_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 14)
      .default(12),
    OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
    NOTIFY_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
    // Emails one worker holds at once; those beyond the two delivery batches in flight wait and form
    // the next ones. Raise it under load (bench:notify runs with 100).
    NOTIFY_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(20),
    SMTP_RETRY_WINDOW_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .max(14 * 24 * 3600)
      .default(24 * 3600),
    SMTP_RETRY_BASE_DELAY_MS: z.coerce.number().int().min(10).max(3_600_000).default(5000),
    SMTP_RETRY_MAX_DELAY_MS: z.coerce
      .number()
      .int()
      .min(10)
      .max(24 * 3_600_000)
      .default(3_600_000),
    SMTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100).default(5),
    SMTP_RATE_PER_SECOND: z.coerce.number().int().min(0).max(100_000).default(0),
    QUEUE_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
    MAIL_SINK_ENABLED: booleanString.default('false'),
    MAIL_SINK_DIR: z.string().min(1).default('var/mail'),
    AGENCY_NAME: z.string().min(1).default('Freiwilligenagentur Altona (Demo)'),
    TAXONOMY_FILE: z.string().min(1).optional(),
    // Express "trust proxy": false, true, a hop count, or addresses/subnets of the proxies.
    TRUST_PROXY: z
      .string()
      .default('false')
      .transform((value): boolean | number | string =>
        value === 'true' ? true : value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value,
      ),
    PUBLIC_SUBMISSIONS_PER_IP_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(5),
    PUBLIC_SUBMISSIONS_PER_EMAIL_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(3),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.LINK_SECRET === DEV_LINK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['LINK_SECRET'], message: 'must be set in production' });
    }
    if (env.SMTP_RETRY_MAX_DELAY_MS < env.SMTP_RETRY_BASE_DELAY_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['SMTP_RETRY_MAX_DELAY_MS'],
        message: 'must not be less than SMTP_RETRY_BASE_DELAY_MS',
      });
    }
  });

export type AppConfig = Readonly<z.infer<typeof envSchema>>;

export class InvalidConfigError extends Error {}

/** Validates the environment once at start-up; a bad value stops the process with every problem named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new InvalidConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return Object.freeze(result.data);
}

export const APP_CONFIG = Symbol('APP_CONFIG');
