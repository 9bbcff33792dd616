import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { CliOutput } from '../../src/cli/cli-kit';
import { nahbar } from '../../src/cli/nahbar';
import { requestJson } from '../helpers/http';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { databaseUrl, TEST_PG_ADMIN_URL, TEST_REDIS_URL } from '../helpers/test-env';
import { eventually, freePort } from '../helpers/test-stack';

const ROOT = join(__dirname, '..', '..');
const ADMIN = 'admin@agency.example';
const NEW_PASSWORD = 'Kastanienallee-am-Elbufer-7';

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A command as an operator runs it (ts-node instead of the build, which is slow in a test). */
function runScript(script: string, args: string[], env: Record<string, string>): Promise<Finished> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'], // no terminal: setup prints a link instead of prompting
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** A long-running process (API or worker), stopped at the end. */
function startProcess(
  script: string,
  env: Record<string, string>,
): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function captured(): CliOutput & { text: () => string } {
  const lines: string[] = [];
  return { log: (line) => lines.push(line), error: (line) => lines.push(line), text: () => lines.join('\n') };
}

const linkIn = (text: string): URL => {
  const match = /(http:\/\/\S+\/console\/set-password\?token=\S+)/.exec(text);
  if (!match) {
    throw new Error(`no set-password link in:\n${text}`);
  }
  return new URL(match[1]);
};

/** The set-password form as a browser opens it: its cookie and form token. */
async function openForm(link: URL): Promise<{ cookie: string; csrf: string }> {
  const page = await fetch(link);
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  return { cookie, csrf };
}

async function postForm(
  link: URL,
  form: { cookie: string; csrf: string },
  password: string,
  repeat = password,
): Promise<number> {
  const response = await fetch(new URL('/console/set-password', link), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookie },
    body: new URLSearchParams({
      _csrf: form.csrf,
      token: link.searchParams.get('token') ?? '',
      password,
      passwordRepeat: repeat,
    }).toString(),
  });
  return response.status;
}

/** The set-password form as a browser would use it: GET (cookie + form token), then POST. */
async function setPasswordThrough(link: URL, password: string, repeat = password): Promise<number> {
  return postForm(link, await openForm(link), password, repeat);
}

describe('install without the demo: npm run setup, then API and worker', () => {
  const database = `nahbar_test_setup_${randomBytes(4).toString('hex')}`;
  const prefix = `nahbar_test_${randomBytes(4).toString('hex')}`;
  let smtp: TestSmtpServer;
  let env: Record<string, string>;
  let db: Client;
  let api: ReturnType<typeof startProcess> | undefined;
  let worker: ReturnType<typeof startProcess> | undefined;
  let baseUrl: string;
  let workerHealth: string;
  let firstRun: Finished;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    const port = await freePort();
    const healthPort = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    workerHealth = `http://127.0.0.1:${healthPort}/health`;
    // Production settings, as an agency runs it: a secret of its own, no demo mode.
    env = {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl(database),
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      PORT: String(port),
      PUBLIC_BASE_URL: baseUrl,
      LINK_SECRET: randomBytes(32).toString('hex'),
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      WORKER_HEALTH_PORT: String(healthPort),
      DEMO_MODE: 'false',
      MAIL_SINK_ENABLED: 'false',
    };
    firstRun = await runScript('src/cli/setup.ts', ['--admin', ADMIN], env);
    db = new Client({ connectionString: databaseUrl(database) });
    await db.connect();
  }, 180_000);

  afterAll(async () => {
    await Promise.all([stop(api?.child), stop(worker?.child)]);
    await db?.end();
    const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    await smtp?.close();
  });

  it('creates the database, migrates, imports postal codes and one admin with a link, no demo data', async () => {
    expect(firstRun.code).toBe(0);
    expect(firstRun.stdout).toContain(`Admin: ${ADMIN} created`);
    expect(firstRun.stdout).toContain('Migrations applied');
    const staff = await db.query<{ email: string; role: string }>('SELECT email, role FROM staff_user');
    expect(staff.rows).toEqual([{ email: ADMIN, role: 'admin' }]);
    for (const table of ['volunteer', 'help_request', 'provider', 'notification']) {
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      expect({ table, n: rows[0].n }).toEqual({ table, n: 0 });
    }
    const codes = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM postal_code');
    expect(codes.rows[0].n).toBeGreaterThan(1000);
    // Only the token's hash is stored.
    const token = linkIn(firstRun.stdout).searchParams.get('token') as string;
    const links = await db.query<{ token_hash: string }>('SELECT token_hash FROM staff_password_link');
    expect(links.rows).toHaveLength(1);
    expect(links.rows[0].token_hash).not.toContain(token);
  });

  it('a second run changes nothing and says so', async () => {
    const before = await db.query('SELECT count(*)::int AS n FROM staff_password_link');
    const again = await runScript('src/cli/setup.ts', ['--admin', ADMIN], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing changed');
    expect(again.stdout).not.toContain('set-password?token=');
    expect((await db.query('SELECT count(*)::int AS n FROM staff_user')).rows[0].n).toBe(1);
    expect((await db.query('SELECT count(*)::int AS n FROM staff_password_link')).rows).toEqual(before.rows);
  });

  it('answers wrong usage with exit code 2 and a hint, and --help with 0', async () => {
    const [missing, help] = await Promise.all([
      runScript('src/cli/setup.ts', [], env),
      runScript('src/cli/setup.ts', ['--help'], env),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--admin <email> is required');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run setup');
  });

  it('then API and worker start and are ready', async () => {
    api = startProcess('src/main.ts', env);
    worker = startProcess('src/worker.ts', env);
    const ready = await eventually(
      'the API to be ready',
      () =>
        fetch(`${baseUrl}/api/health/ready`).then(
          (r) => (r.ok ? r.json() : null),
          () => null,
        ),
      150_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${api?.output()}`);
    });
    expect(ready).toEqual({ status: 'ok', postgres: 'up', redis: 'up' });
    const workerReady = await eventually(
      'the worker to be ready',
      () =>
        fetch(`${workerHealth}/ready`).then(
          (r) => (r.ok ? r.json() : null),
          () => null,
        ),
      150_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${worker?.output()}`);
    });
    expect(workerReady).toEqual({ status: 'ok', postgres: 'up', redis: 'up' });
  }, 300_000);

  it('the admin sets a password through the link once and logs in with it', async () => {
    const link = linkIn(firstRun.stdout);
    expect(link.origin).toBe(baseUrl);
    // Before: no password works.
    const before = await requestJson(baseUrl, 'POST', '/api/staff/session', {
      body: { email: ADMIN, password: NEW_PASSWORD },
    });
    expect(before.status).toBe(401);

    expect(await setPasswordThrough(link, NEW_PASSWORD, 'something-else-entirely')).toBe(400);
    expect(await setPasswordThrough(link, 'short')).toBe(400);
    const form = await openForm(link);
    expect(await postForm(link, form, NEW_PASSWORD)).toBe(200);

    const login = await requestJson(baseUrl, 'POST', '/api/staff/session', {
      body: { email: ADMIN, password: NEW_PASSWORD },
    });
    expect(login.status).toBe(201);
    expect(login.body.staff).toMatchObject({ email: ADMIN, role: 'admin' });

    // Single use: the page and the form refuse it now.
    expect((await fetch(link)).status).toBe(410);
    expect(await postForm(link, form, 'Another-Long-Password-99')).toBe(410);
    expect(await postForm(link, { ...form, csrf: 'forged' }, 'Another-Long-Password-99')).toBe(403);
    const audit = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE action LIKE 'staff.%' ORDER BY id`,
    );
    expect(audit.rows.map((row) => row.action)).toEqual(
      expect.arrayContaining(['staff.created', 'staff.password-set-by-link', 'staff.logged-in']),
    );
  });

  describe('npm run nahbar', () => {
    const run = async (...args: string[]) => {
      const out = captured();
      const code = await nahbar(args, out, env).catch((error: { exitCode?: number; message: string }) => {
        out.error(error.message);
        return error.exitCode ?? -1;
      });
      return { code, text: out.text() };
    };

    it('lists its commands, explains each, and refuses unknown ones with exit code 2', async () => {
      const help = await run('--help');
      expect(help.code).toBe(0);
      for (const command of [
        'staff:create',
        'staff:reset-password',
        'emails:failed',
        'emails:retry',
        'postal-codes:import',
        'config:show',
      ]) {
        expect(help.text).toContain(command);
        const own = await run(command, '--help');
        expect(own.code).toBe(0);
        expect(own.text).toContain(`Usage: npm run nahbar -- ${command}`);
      }
      expect((await run('staff:delete-everyone')).code).toBe(2);
      expect((await run('staff:create', '--email', 'not-an-email', '--name', 'X Y')).code).toBe(2);
      expect((await run('staff:create', '--bogus')).code).toBe(2);
    });

    it('creates a coordinator whose link works, and a reset link for the admin', async () => {
      const created = await run(
        'staff:create',
        '--email',
        'Kim@Agency.example',
        '--name',
        'Kim Koordination',
      );
      expect(created.code).toBe(0);
      expect(await setPasswordThrough(linkIn(created.text), 'Kims-own-long-password-1')).toBe(200);
      const kim = await requestJson(baseUrl, 'POST', '/api/staff/session', {
        body: { email: 'kim@agency.example', password: 'Kims-own-long-password-1' },
      });
      expect(kim.body.staff).toMatchObject({ role: 'coordinator' });

      expect((await run('staff:create', '--email', 'kim@agency.example', '--name', 'Kim Again')).code).toBe(
        1,
      );

      const reset = await run('staff:reset-password', '--email', ADMIN);
      expect(reset.code).toBe(0);
      // The old password works until the link is used; after it, only the new one.
      const adminToken = (
        await requestJson(baseUrl, 'POST', '/api/staff/session', {
          body: { email: ADMIN, password: NEW_PASSWORD },
        })
      ).body.token as string;
      expect(await setPasswordThrough(linkIn(reset.text), 'Reset-password-for-admin-2')).toBe(200);
      expect((await requestJson(baseUrl, 'GET', '/api/staff/session', { token: adminToken })).status).toBe(
        401,
      );
      const relogin = await requestJson(baseUrl, 'POST', '/api/staff/session', {
        body: { email: ADMIN, password: 'Reset-password-for-admin-2' },
      });
      expect(relogin.status).toBe(201);
      expect((await run('staff:reset-password', '--email', 'nobody@agency.example')).code).toBe(1);

      // A deactivated account gets no link: an admin reactivates it in the console first.
      await db.query(`UPDATE staff_user SET deactivated_at = now() WHERE email = 'kim@agency.example'`);
      const refused = await run('staff:reset-password', '--email', 'kim@agency.example');
      expect(refused.code).toBe(1);
      expect(refused.text).toContain('deactivated');
    });

    it('lists failed emails without addresses and puts one back on its way', async () => {
      expect((await run('emails:failed')).text).toContain('No failed emails.');
      const id = randomUUID();
      await db.query(
        `INSERT INTO notification (id, kind, subject_id, recipient, status, message_id, attempts, last_error)
         VALUES ($1, 'volunteer-confirmation', $2, 'someone@example.org', 'failed', $3, 9, 'SMTP 421 try later')`,
        [id, randomUUID(), `<${randomUUID()}@nahbar.test>`],
      );
      const listed = await run('emails:failed');
      expect(listed.text).toContain(id);
      expect(listed.text).toContain('SMTP 421 try later');
      expect(listed.text).not.toContain('someone@example.org');

      expect((await run('emails:retry')).code).toBe(2);
      expect((await run('emails:retry', 'not-a-uuid')).code).toBe(2);
      const retried = await run('emails:retry', id);
      expect(retried.code).toBe(0);
      expect(retried.text).toContain('1 email(s) put back on their way; 1 queued now');
      const row = await db.query<{ attempts: number; status: string }>(
        'SELECT attempts, status FROM notification WHERE id = $1',
        [id],
      );
      expect(row.rows[0].status).not.toBe('failed'); // pending, or already handled by the worker
      expect((await run('emails:retry', randomUUID())).code).toBe(1);
    });

    it('shows the configuration with secrets masked', async () => {
      const shown = await run('config:show');
      expect(shown.code).toBe(0);
      expect(shown.text).toMatch(/LINK_SECRET\s+\*{8}/);
      expect(shown.text).not.toContain(env.LINK_SECRET);
      expect(shown.text).toMatch(/SESSION_TTL_HOURS\s+12 {2}\(default\)/);
      const withPassword = captured();
      await nahbar(['config:show'], withPassword, {
        ...env,
        DATABASE_URL: 'postgres://nahbar:hunter2secret@db:5432/nahbar',
      });
      expect(withPassword.text()).toContain('postgres://nahbar:********@db:5432/nahbar');
      expect(withPassword.text()).not.toContain('hunter2secret');
      const invalid = await run('config:show', '--verbose');
      expect(invalid.code).toBe(2);
      const broken = captured();
      await expect(nahbar(['config:show'], broken, { ...env, LINK_SECRET: 'short' })).rejects.toThrow(
        /LINK_SECRET/,
      );
    });
  });
});
