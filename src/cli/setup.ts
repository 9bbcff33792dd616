import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { envShape, loadDatabaseUrl } from '../config/config';
import { formatImportReport } from '../postal-codes/import-postal-codes';
import { isAcceptablePassword, MIN_PASSWORD_LENGTH } from '../staff/passwords/password-policy';
import {
  DEFAULT_LINK_VALID_HOURS,
  setPasswordUrl,
  StaffPasswordLinksService,
} from '../staff/staff-password-links.service';
import { StaffUser } from '../staff/staff-user.entity';
import {
  CliError,
  CliOutput,
  EXIT_OK,
  EXIT_USAGE,
  parseHours,
  parseOptions,
  promptHidden,
  runAsProcess,
} from './cli-kit';
import { ensureDatabaseExists, runMigrations } from './database-setup';
import { postalCodeSource, runPostalCodeImport } from './import-postal-codes';

export const SETUP_HELP = `Usage: npm run setup -- --admin <email> [options]

Puts nahbar into service on an empty machine, without demo data. Safe to run again: a second run
changes nothing and says so.
  1. creates the database (DATABASE_URL) if it does not exist,
  2. applies the migrations,
  3. imports the postal codes (../shared/data/postal-codes-de.csv or --postal-codes), unless some
     are there already,
  4. creates the first admin, unless staff accounts exist: the password is typed at a hidden prompt,
     or, without a terminal or with --link, a single-use link to set it is printed.

Options:
  --admin <email>          email of the first admin (required)
  --name <name>            the admin's name (default: the part of the email before @)
  --link                   print a set-password link instead of asking for the password
  --valid-hours <hours>    how long the link works (default ${DEFAULT_LINK_VALID_HOURS})
  --postal-codes <path>    the postal-code CSV to import (re-imports even when codes exist)
  -h, --help               this text

Exit codes: 0 done (or nothing to do), 1 failed, 2 wrong usage.`;

const OPTIONS = {
  admin: { type: 'string' },
  name: { type: 'string' },
  link: { type: 'boolean' },
  'valid-hours': { type: 'string' },
  'postal-codes': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** How the first admin's password is obtained: typed at a terminal, or null for a link. */
export interface SetupTerminal {
  isInteractive: boolean;
  askPassword(question: string): Promise<string>;
}

const processTerminal: SetupTerminal = {
  isInteractive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  askPassword: promptHidden,
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `npm run setup`: the steps above; returns the exit code. */
export async function setup(
  args: string[],
  out: CliOutput,
  terminal: SetupTerminal = processTerminal,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values } = parseOptions(args, OPTIONS, 'npm run setup --');
  if (values.help) {
    out.log(SETUP_HELP);
    return EXIT_OK;
  }
  if (!values.admin || !EMAIL.test(values.admin) || values.admin.length > 254) {
    throw new CliError(
      values.admin ? `--admin "${values.admin}" is not an email address` : '--admin <email> is required',
      EXIT_USAGE,
    );
  }
  const email = values.admin.trim().toLowerCase();
  const name = (values.name ?? email.split('@')[0]).trim();
  if (name.length < 2 || name.length > 120) {
    throw new CliError('--name must have 2 to 120 characters', EXIT_USAGE);
  }
  const validHours = parseHours(values['valid-hours'], DEFAULT_LINK_VALID_HOURS);
  const databaseUrl = loadDatabaseUrl(env);
  const publicBaseUrl = envShape.pick({ PUBLIC_BASE_URL: true }).parse(env).PUBLIC_BASE_URL;
  // A missing CSV that was asked for is a usage error before anything is touched.
  const csvPath = values['postal-codes'] ? givenCsv(values['postal-codes']) : undefined;

  let changed = false;
  const databaseName = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (await ensureDatabaseExists(databaseUrl)) {
    out.log(`Database ${databaseName}: created.`);
    changed = true;
  } else {
    out.log(`Database ${databaseName}: exists.`);
  }

  const applied = await runMigrations(databaseUrl, async (dataSource) => {
    changed = (await importPostalCodesOnce(dataSource, csvPath, out)) || changed;
    changed =
      (await createFirstAdmin(
        dataSource,
        { email, name, validHours, publicBaseUrl },
        values.link === true,
        terminal,
        out,
      )) || changed;
  });
  if (applied.length > 0) {
    out.log(`Migrations applied: ${applied.join(', ')}.`);
    changed = true;
  }
  out.log(
    changed
      ? 'Setup done. Start the API with `npm start` and a worker with `npm run start:worker`.'
      : 'Nothing to do: nahbar was set up already; nothing changed.',
  );
  return EXIT_OK;
}

function givenCsv(path: string): string {
  try {
    return postalCodeSource(path) as string; // with a path: that path, or it throws
  } catch (error) {
    throw new CliError((error as Error).message, EXIT_USAGE);
  }
}

async function importPostalCodesOnce(
  dataSource: DataSource,
  csvPath: string | undefined,
  out: CliOutput,
): Promise<boolean> {
  const [{ count }] = await dataSource.query<{ count: number }[]>(
    'SELECT count(*)::int AS count FROM postal_code',
  );
  if (count > 0 && csvPath === undefined) {
    out.log(`Postal codes: ${count} present, not imported again (use --postal-codes <path> to re-import).`);
    return false;
  }
  const source = csvPath ?? postalCodeSource();
  if (source === null) {
    // No demo points in a real installation: an empty table is a clear problem, a wrong map is not.
    out.error(
      [
        'WARNING: no postal-code file found at ../shared/data/postal-codes-de.csv and none given.',
        '  nahbar cannot place volunteers or requests without postal codes. Get the GeoNames file',
        '  (see docs/operations.md) and run `npm run setup -- --admin <email> --postal-codes <path>`',
        '  or `npm run nahbar -- postal-codes:import --file <path>`.',
      ].join('\n'),
    );
    return false;
  }
  out.log(formatImportReport(await runPostalCodeImport(dataSource, source)));
  return true;
}

async function createFirstAdmin(
  dataSource: DataSource,
  admin: { email: string; name: string; validHours: number; publicBaseUrl: string },
  forceLink: boolean,
  terminal: SetupTerminal,
  out: CliOutput,
): Promise<boolean> {
  const staff = dataSource.getRepository(StaffUser);
  const existing = await staff.findOneBy({ email: admin.email });
  if (existing) {
    out.log(
      `Admin: ${admin.email} exists already (${existing.role}); not changed. A new password link: ` +
        `\`npm run nahbar -- staff:reset-password --email ${admin.email}\`.`,
    );
    return false;
  }
  const accounts = await staff.count();
  if (accounts > 0) {
    out.log(
      `Admin: ${accounts} staff account(s) exist already, so no first admin is created. ` +
        'Add accounts with `npm run nahbar -- staff:create`.',
    );
    return false;
  }
  const links = new StaffPasswordLinksService(dataSource);
  const account = { email: admin.email, name: admin.name, role: 'admin' as const };
  if (terminal.isInteractive && !forceLink) {
    const password = await askNewPassword(terminal, out);
    await links.createAccountWithPassword(account, password);
    out.log(`Admin: ${admin.email} created with the password you typed.`);
    return true;
  }
  const link = await links.createAccount(account, admin.validHours);
  out.log(
    [
      `Admin: ${admin.email} created. Open this single-use link to set the password`,
      `(valid until ${link.expiresAt.toISOString()}; it is shown only now):`,
      `  ${setPasswordUrl(admin.publicBaseUrl, link.token)}`,
    ].join('\n'),
  );
  return true;
}

async function askNewPassword(terminal: SetupTerminal, out: CliOutput): Promise<string> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const password = await terminal.askPassword(
      `Password for the admin (at least ${MIN_PASSWORD_LENGTH} characters): `,
    );
    if (!isAcceptablePassword(password)) {
      out.error(`At least ${MIN_PASSWORD_LENGTH} characters, not only spaces, not a well-known password.`);
      continue;
    }
    if ((await terminal.askPassword('Repeat the password: ')) !== password) {
      out.error('The two passwords differ.');
      continue;
    }
    return password;
  }
  throw new CliError('no acceptable password given; nothing was created (or use --link)');
}

if (require.main === module) {
  runAsProcess((args, out) => setup(args, out));
}
