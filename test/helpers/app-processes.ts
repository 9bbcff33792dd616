import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from './test-database';
import { freePort } from './test-stack';
import { TEST_REDIS_URL } from './test-env';

const ROOT = join(__dirname, '..', '..');

/** The real API (src/main.ts) or worker (src/worker.ts) in a process of its own, from its source. */
export interface AppProcess {
  child: ChildProcess;
  /** Everything it printed, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

let transpiled: Promise<string> | undefined;

/**
 * src/ transpiled once per test file (as ts-node's transpile-only would, file by file), so five
 * processes do not each transpile the whole app on a shared two-core machine. Returns the directory
 * holding src/ as JavaScript; node_modules come from the repository through NODE_PATH.
 */
function transpiledSource(): Promise<string> {
  transpiled ??= (async () => {
    const { config } = ts.readConfigFile(join(ROOT, 'tsconfig.json'), (path) => ts.sys.readFile(path));
    const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, ROOT);
    const out = await mkdtemp(join(tmpdir(), 'nahbar-processes-'));
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        const target = join(out, relative(ROOT, path));
        if (entry.isDirectory()) {
          await walk(path);
        } else if (/\.spec\.tsx?$/.test(entry.name)) {
          continue;
        } else if (/\.tsx?$/.test(entry.name)) {
          const output = ts.transpileModule(await readFile(path, 'utf8'), {
            compilerOptions: { ...options, sourceMap: false, inlineSourceMap: true },
            fileName: path,
          });
          await mkdir(dirname(target), { recursive: true });
          await writeFile(target.replace(/\.tsx?$/, '.js'), output.outputText);
        } else {
          await mkdir(dirname(target), { recursive: true });
          await cp(path, target);
        }
      }
    };
    await walk(join(ROOT, 'src'));
    return out;
  })();
  return transpiled;
}

/** Removes the transpiled copy; for afterAll, once every process is stopped. */
export async function removeTranspiledSource(): Promise<void> {
  const dir = await transpiled?.catch(() => undefined);
  transpiled = undefined;
  if (dir) {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function startAppProcess(
  entry: 'src/main.ts' | 'src/worker.ts',
  env: Record<string, string>,
): Promise<AppProcess> {
  const ready = entry === 'src/main.ts' ? 'API on ' : 'worker started';
  const built = await transpiledSource();
  const child = spawn(process.execPath, [join(built, entry.replace(/\.ts$/, '.js'))], {
    cwd: ROOT,
    env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    // Generous: on a busy machine five ts-node start-ups on two cores take a while.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not start:\n${output}`));
    }, 120_000);
    let started = false;
    const onData = (chunk: Buffer) => {
      // Only the latest lines: a busy worker's log would grow without end.
      output = (output + chunk.toString()).slice(-20_000);
      if (!started && output.includes(ready)) {
        started = true;
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code} before it started:\n${output}`));
    });
  });
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        // A worker that hangs on close must not hang the test run.
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      await exited;
    },
  };
}

/**
 * One agency's installation, as operations runs it: its own database (a clone of the test
 * template) and its own Redis key prefix, with any number of API and worker processes on them.
 */
export interface Agency {
  database: TestDatabase;
  prefix: string;
  /** The environment every process of this agency shares; each API gets its own PORT. */
  env: Record<string, string>;
  apis: { baseUrl: string; process: AppProcess }[];
  workers: AppProcess[];
  stop(): Promise<void>;
}

export async function startAgency(options: {
  smtpPort: number;
  apis: number;
  workers: number;
  redisUrl?: string;
  env?: Record<string, string>;
}): Promise<Agency> {
  const database = await createTestDatabase();
  const client = new Client({ connectionString: database.url });
  await client.connect();
  await client.query(
    `INSERT INTO agency_setting (key, value) VALUES ('matching', '{"reviewPublicRequestsFirst": false}')`,
  );
  await client.end();
  const prefix = `nahbar_test_${randomBytes(4).toString('hex')}`;
  const redisUrl = options.redisUrl ?? TEST_REDIS_URL;
  const ports = await distinctFreePorts(options.apis);
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PUBLIC_BASE_URL: `http://127.0.0.1:${ports[0]}`,
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: '6',
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(options.smtpPort),
    OUTBOX_POLL_MS: '100',
    SMTP_RETRY_BASE_DELAY_MS: '200',
    SMTP_RETRY_MAX_DELAY_MS: '1000',
    NOTIFY_SWEEP_MS: '1000',
    STAFF_NOTIFY_EMAIL: 'team@agency.test',
    MAIL_FROM: 'nahbar Test <noreply@agency.test>',
    LINK_SECRET: randomBytes(24).toString('hex'),
    PUBLIC_SUBMISSIONS_PER_IP_HOUR: '100000',
    PUBLIC_SUBMISSIONS_PER_EMAIL_HOUR: '100000',
    STAFF_LOGINS_PER_IP_HOUR: '100000',
    STAFF_LOGINS_PER_ACCOUNT_HOUR: '100000',
    ...options.env,
  };
  const apis: Agency['apis'] = [];
  const workers: AppProcess[] = [];
  const stop = async () => {
    await Promise.all([...apis.map((api) => api.process), ...workers].map((p) => p.stop()));
    await deleteKeys(redisUrl, prefix);
    await database.drop();
  };
  try {
    // Started together, as a deployment would: five ts-node start-ups share the two cores.
    const starting = await Promise.allSettled([
      ...ports.map(async (port) => {
        const started = await startAppProcess('src/main.ts', { ...env, PORT: String(port) });
        apis.push({ baseUrl: `http://127.0.0.1:${port}`, process: started });
      }),
      ...Array.from({ length: options.workers }, async () => {
        workers.push(await startAppProcess('src/worker.ts', env));
      }),
    ]);
    const failed = starting.find((outcome) => outcome.status === 'rejected');
    if (failed) {
      throw failed.reason;
    }
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  apis.sort(
    (a, b) => ports.indexOf(Number(new URL(a.baseUrl).port)) - ports.indexOf(Number(new URL(b.baseUrl).port)),
  );
  return { database, prefix, env, apis, workers, stop };
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) {
    ports.add(await freePort());
  }
  return [...ports];
}

/** Every Redis key under a prefix. */
export async function keysUnder(redisUrl: string, prefix: string): Promise<string[]> {
  const redis = new IORedis(redisUrl);
  try {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      found.push(...keys);
      cursor = next;
    } while (cursor !== '0');
    return found;
  } finally {
    redis.disconnect();
  }
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const keys = await keysUnder(redisUrl, prefix);
  const redis = new IORedis(redisUrl);
  try {
    for (let i = 0; i < keys.length; i += 500) {
      await redis.del(...keys.slice(i, i + 500));
    }
  } finally {
    redis.disconnect();
  }
}

/** The scheduled-run log (src/queue/scheduled-runs.ts) of a prefix: field → how often it ran. */
export async function scheduledRuns(redisUrl: string, prefix: string): Promise<Map<string, number>> {
  const redis = new IORedis(redisUrl);
  try {
    const runs = new Map<string, number>();
    for (const key of await keysUnder(redisUrl, `${prefix}:scheduled-runs`)) {
      for (const [field, count] of Object.entries(await redis.hgetall(key))) {
        runs.set(field, (runs.get(field) ?? 0) + Number(count));
      }
    }
    return runs;
  } finally {
    redis.disconnect();
  }
}
