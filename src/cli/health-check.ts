import { envShape } from '../config/config';
import { CliError, CliOutput, EXIT_FAILED, EXIT_OK, EXIT_USAGE, parseOptions, runAsProcess } from './cli-kit';

export const HEALTH_CHECK_HELP = `Usage: npm run health:check [-- --worker] [--live]

Asks this machine's API (PORT, /api/health/ready) or, with --worker, its worker
(WORKER_HEALTH_PORT, /health/ready) whether it is ready; --live asks only whether the process
answers. For container HEALTHCHECKs and monitoring scripts: no curl needed.
Exit codes: 0 ready (also "degraded": Redis down), 1 not ready or no answer, 2 wrong usage.`;

/** `npm run health:check`: the probe the Dockerfile's HEALTHCHECK runs. Returns the exit code. */
export async function healthCheck(
  args: string[],
  out: CliOutput,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values } = parseOptions(
    args,
    { worker: { type: 'boolean' }, live: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    'npm run health:check --',
  );
  if (values.help) {
    out.log(HEALTH_CHECK_HELP);
    return EXIT_OK;
  }
  const ports = envShape.pick({ PORT: true, WORKER_HEALTH_PORT: true }).parse(env);
  const which = values.live ? 'live' : 'ready';
  if (values.worker && ports.WORKER_HEALTH_PORT === 0) {
    throw new CliError('WORKER_HEALTH_PORT is 0 (off): the worker has no health port to ask', EXIT_USAGE);
  }
  const url = values.worker
    ? `http://127.0.0.1:${ports.WORKER_HEALTH_PORT}/health/${which}`
    : `http://127.0.0.1:${ports.PORT}/api/health/${which}`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    out.log(`${url}: ${response.status} ${await response.text()}`);
    return response.ok ? EXIT_OK : EXIT_FAILED;
  } catch (error) {
    out.error(`${url}: no answer (${(error as Error).message})`);
    return EXIT_FAILED;
  }
}

if (require.main === module) {
  runAsProcess((args, out) => healthCheck(args, out));
}
