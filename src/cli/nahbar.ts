import 'reflect-metadata';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { AppConfig, envShape, InvalidConfigError, loadConfig, loadDatabaseUrl } from '../config/config';
import { dataSourceOptions } from '../database/data-source';
import { formatImportReport } from '../postal-codes/import-postal-codes';
import { JobQueues } from '../queue/job-queues.service';
import { NOTIFICATIONS_QUEUE, SEND_NOTIFICATION_JOB, sendNotificationJobId } from '../queue/job-contracts';
import {
  DEFAULT_LINK_VALID_HOURS,
  setPasswordUrl,
  StaffPasswordLinksService,
} from '../staff/staff-password-links.service';
import { STAFF_ROLES, type StaffRole } from '../staff/staff-user.entity';
import { DomainError } from '../shared/domain-error';
import {
  CliError,
  CliOutput,
  EXIT_FAILED,
  EXIT_OK,
  EXIT_USAGE,
  parseHours,
  parseOptions,
  runAsProcess,
} from './cli-kit';
import { maskedConfiguration } from './masked-config';
import { postalCodeSource, runPostalCodeImport } from './import-postal-codes';

interface Command {
  summary: string;
  help: string;
  run(args: string[], out: CliOutput, env: NodeJS.ProcessEnv): Promise<number>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const FAILED_STATUSES = ['failed', 'undeliverable'];

async function withDatabase<T>(
  env: NodeJS.ProcessEnv,
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const dataSource = new DataSource(dataSourceOptions(loadDatabaseUrl(env), 4));
  await dataSource.initialize().catch((error: Error) => {
    throw new CliError(`cannot reach the database: ${error.message}`);
  });
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

const baseUrlOf = (env: NodeJS.ProcessEnv): string =>
  envShape.pick({ PUBLIC_BASE_URL: true }).parse(env).PUBLIC_BASE_URL;

function printLink(out: CliOutput, env: NodeJS.ProcessEnv, token: string, expiresAt: Date): void {
  out.log(`Single-use link to set the password (valid until ${expiresAt.toISOString()}; shown only now):`);
  out.log(`  ${setPasswordUrl(baseUrlOf(env), token)}`);
}

const COMMANDS: Record<string, Command> = {
  'staff:create': {
    summary: 'create a staff account; prints a single-use link to set its password',
    help: `Usage: npm run nahbar -- staff:create --email <email> --name <name> [--role coordinator|admin] [--valid-hours <h>]

Creates a staff account without a password and prints a single-use link (valid ${DEFAULT_LINK_VALID_HOURS} h unless
--valid-hours) on which its owner chooses one. Hand the link on personally or by a channel you trust.
Exit codes: 0 created, 1 failed (e.g. the email exists), 2 wrong usage.`,
    async run(args, out, env) {
      const { values } = parseOptions(
        args,
        {
          email: { type: 'string' },
          name: { type: 'string' },
          role: { type: 'string' },
          'valid-hours': { type: 'string' },
        },
        'npm run nahbar -- staff:create',
      );
      if (!values.email || !EMAIL.test(values.email) || values.email.length > 254) {
        throw new CliError('--email <email> is required and must be an email address', EXIT_USAGE);
      }
      const name = values.name?.trim() ?? '';
      if (name.length < 2 || name.length > 120) {
        throw new CliError('--name <name> is required (2 to 120 characters)', EXIT_USAGE);
      }
      const role = (values.role ?? 'coordinator') as StaffRole;
      if (!STAFF_ROLES.includes(role)) {
        throw new CliError(`--role must be one of ${STAFF_ROLES.join(', ')}`, EXIT_USAGE);
      }
      const hours = parseHours(values['valid-hours'], DEFAULT_LINK_VALID_HOURS);
      return withDatabase(env, async (dataSource) => {
        try {
          const link = await new StaffPasswordLinksService(dataSource).createAccount(
            { email: values.email as string, name, role },
            hours,
          );
          out.log(`Created ${role} ${values.email?.toLowerCase()}.`);
          printLink(out, env, link.token, link.expiresAt);
          return EXIT_OK;
        } catch (error) {
          if (error instanceof DomainError && error.code === 'email-taken') {
            throw new CliError(`a staff account with ${values.email} exists already; nothing changed`);
          }
          throw error;
        }
      });
    },
  },

  'staff:reset-password': {
    summary: "print a single-use link to set a staff member's password",
    help: `Usage: npm run nahbar -- staff:reset-password --email <email> [--valid-hours <h>]

Prints a new single-use set-password link for the account (earlier unused links stop working). The
old password keeps working until the link is used; using it ends all the account's sessions and
lifts a lockout. Exit codes: 0 link printed, 1 no such account or a deactivated one, 2 wrong usage.`,
    async run(args, out, env) {
      const { values } = parseOptions(
        args,
        { email: { type: 'string' }, 'valid-hours': { type: 'string' } },
        'npm run nahbar -- staff:reset-password',
      );
      if (!values.email) {
        throw new CliError('--email <email> is required', EXIT_USAGE);
      }
      const hours = parseHours(values['valid-hours'], DEFAULT_LINK_VALID_HOURS);
      return withDatabase(env, async (dataSource) => {
        const link = await new StaffPasswordLinksService(dataSource).issueFor(values.email as string, hours);
        if (!link) {
          throw new CliError(`no staff account with ${values.email}`);
        }
        if (link === 'deactivated') {
          throw new CliError(
            `the account ${values.email} is deactivated; an admin reactivates it in the console first`,
          );
        }
        printLink(out, env, link.token, link.expiresAt);
        return EXIT_OK;
      });
    },
  },

  'emails:failed': {
    summary: 'list emails given up on (failed or undeliverable), newest first',
    help: `Usage: npm run nahbar -- emails:failed [--limit <n>]

Lists emails that were given up on: "failed" (temporary errors for longer than SMTP_RETRY_WINDOW_SECONDS,
or what they were about is gone) and "undeliverable" (the server refused the address). Shows ids,
kinds and errors, no addresses (the console's mail page shows the details). Retry with emails:retry.
Exit codes: 0 listed (also when none), 1 failed, 2 wrong usage.`,
    async run(args, out, env) {
      const { values } = parseOptions(args, { limit: { type: 'string' } }, 'npm run nahbar -- emails:failed');
      const limit = values.limit === undefined ? 50 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
        throw new CliError('--limit must be a whole number from 1 to 10000', EXIT_USAGE);
      }
      return withDatabase(env, async (dataSource) => {
        const rows = await dataSource.query<
          {
            id: string;
            kind: string;
            status: string;
            attempts: number;
            created_at: Date;
            last_error: string | null;
          }[]
        >(
          `SELECT id, kind, status, attempts, created_at, last_error FROM notification
            WHERE status = ANY($1) ORDER BY created_at DESC LIMIT $2`,
          [FAILED_STATUSES, limit],
        );
        const [{ total }] = await dataSource.query<{ total: number }[]>(
          `SELECT count(*)::int AS total FROM notification WHERE status = ANY($1)`,
          [FAILED_STATUSES],
        );
        if (rows.length === 0) {
          out.log('No failed emails.');
          return EXIT_OK;
        }
        out.log(`${total} failed email(s)${total > rows.length ? `, the newest ${rows.length}` : ''}:`);
        for (const row of rows) {
          out.log(
            `${row.id}  ${row.status.padEnd(13)} ${row.kind.padEnd(28)} ${row.created_at.toISOString()}  ` +
              `attempts ${row.attempts}  ${(row.last_error ?? '').replace(/\s+/g, ' ').slice(0, 120)}`,
          );
        }
        return EXIT_OK;
      });
    },
  },

  'emails:retry': {
    summary: 'send failed emails again (by id, or --all)',
    help: `Usage: npm run nahbar -- emails:retry (<id> … | --all)

Puts failed emails (status "failed") back on their way with a fresh retry window: the row becomes
"pending" again and its job is queued (or, while Redis is away, the worker's sweeper queues it).
Undeliverable ones are not retried: fix the address first. Needs the full configuration (REDIS_URL …).
Exit codes: 0 done, 1 failed or an id was not a failed email, 2 wrong usage.`,
    async run(args, out, env) {
      const { values, positionals } = parseOptions(
        args,
        { all: { type: 'boolean' } },
        'npm run nahbar -- emails:retry',
        true,
      );
      if (Boolean(values.all) === positionals.length > 0) {
        throw new CliError('give the ids of failed emails, or --all (not both)', EXIT_USAGE);
      }
      const bad = positionals.find((id) => !isUUID(id));
      if (bad) {
        throw new CliError(`"${bad}" is not an email id (see emails:failed)`, EXIT_USAGE);
      }
      const config = fullConfig(env);
      return withDatabase(env, async (dataSource) => {
        const ids = await dataSource.transaction(async (manager) => {
          const [rows] = await manager.query<[{ id: string }[], number]>(
            `UPDATE notification
                SET status = 'pending', attempts = 0, first_attempt_at = NULL, last_error = NULL,
                    composed_email = NULL, composed_at = NULL
              WHERE status = 'failed' AND ($1::boolean OR id = ANY($2::uuid[]))
              RETURNING id`,
            [values.all === true, positionals],
          );
          return rows.map((row) => row.id);
        });
        const queued = await queueAgain(config, ids);
        out.log(
          `${ids.length} email(s) put back on their way; ${queued} queued now` +
            (queued < ids.length ? ", the rest by the worker's sweeper once Redis answers." : '.'),
        );
        const missing = positionals.filter((id) => !ids.includes(id));
        if (missing.length > 0) {
          out.error(`Not failed emails (unknown, or not in status "failed"): ${missing.join(', ')}`);
          return EXIT_FAILED;
        }
        return EXIT_OK;
      });
    },
  },

  'postal-codes:import': {
    summary: 'import (again) the postal codes from a GeoNames CSV',
    help: `Usage: npm run nahbar -- postal-codes:import [--file <path>]

Imports the postal codes from the CSV (default ../shared/data/postal-codes-de.csv), updating the
codes present; codes in use stay. Exit codes: 0 imported, 1 failed or no file, 2 wrong usage.`,
    async run(args, out, env) {
      const { values } = parseOptions(
        args,
        { file: { type: 'string' } },
        'npm run nahbar -- postal-codes:import',
      );
      let source: string | null;
      try {
        source = postalCodeSource(values.file);
      } catch (error) {
        throw new CliError((error as Error).message, EXIT_USAGE);
      }
      if (source === null) {
        throw new CliError(
          'no postal-code file at ../shared/data/postal-codes-de.csv; give one with --file <path>',
        );
      }
      return withDatabase(env, async (dataSource) => {
        out.log(formatImportReport(await runPostalCodeImport(dataSource, source)));
        return EXIT_OK;
      });
    },
  },

  'config:show': {
    summary: 'show the configuration in effect, secrets masked',
    help: `Usage: npm run nahbar -- config:show

Validates the environment as API and worker do and prints every setting with its value (secrets
and passwords in URLs masked), marking those left at their default. An invalid configuration is
listed setting by setting. Exit codes: 0 valid, 1 invalid.`,
    async run(args, out, env) {
      parseOptions(args, {}, 'npm run nahbar -- config:show');
      for (const line of maskedConfiguration(fullConfig(env), env)) {
        out.log(line);
      }
      return Promise.resolve(EXIT_OK);
    },
  },
};

function fullConfig(env: NodeJS.ProcessEnv): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof InvalidConfigError) {
      throw new CliError(error.message);
    }
    throw error;
  }
}

/** Adds the send jobs at once where Redis answers; the sweeper covers the rest. Returns how many. */
async function queueAgain(config: AppConfig, ids: string[]): Promise<number> {
  if (ids.length === 0) {
    return 0;
  }
  const queues = new JobQueues(config);
  try {
    await queues.get(NOTIFICATIONS_QUEUE).waitUntilReady();
    const queue = queues.get(NOTIFICATIONS_QUEUE);
    let queued = 0;
    for (const id of ids) {
      // The job BullMQ gave up on still holds the id: remove it, or the sweeper would see it failed.
      await (await queue.getJob(sendNotificationJobId(id)))?.remove();
      await queues.add(NOTIFICATIONS_QUEUE, SEND_NOTIFICATION_JOB, sendNotificationJobId(id), {
        notificationId: id,
      });
      queued++;
    }
    return queued;
  } catch {
    return 0;
  } finally {
    await queues.onModuleDestroy();
  }
}

export const NAHBAR_HELP = `Usage: npm run nahbar -- <command> [options]   (after \`npm run build\`)

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(22)} ${command.summary}`)
  .join('\n')}

\`npm run nahbar -- <command> --help\` explains one. First installation: \`npm run setup -- --help\`.
Settings come from the environment, as for API and worker (docs/configuration.md).
Exit codes: 0 done, 1 failed, 2 wrong usage.`;

/** `npm run nahbar -- <command>`: the operator's commands; returns the exit code. */
export async function nahbar(
  args: string[],
  out: CliOutput,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const [name, ...rest] = args;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    out.log(NAHBAR_HELP);
    return name ? EXIT_OK : EXIT_USAGE;
  }
  const command = COMMANDS[name];
  if (!command) {
    throw new CliError(`unknown command "${name}"; \`npm run nahbar -- --help\` lists them`, EXIT_USAGE);
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    out.log(command.help);
    return EXIT_OK;
  }
  return command.run(rest, out, env);
}

if (require.main === module) {
  runAsProcess((args, out) => nahbar(args, out));
}
