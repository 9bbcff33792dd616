/**
 * CPU time used by the processes a benchmark drives, from Linux's /proc (0 elsewhere). CPU per
 * job does not depend on what else the machine runs, unlike jobs per second: 2 cores divided by
 * the CPU per job is what this machine could sustain with nothing else on it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import type IORedis from 'ioredis';
import type { DataSource } from 'typeorm';

/** Fields of /proc/PID/stat after the command name: state is [0], ppid [1], utime [11], stime [12]. */
function statFields(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  } catch {
    return null;
  }
}

const TICKS_PER_SECOND = 100;
const ticksToMs = (ticks: number) => (ticks * 1000) / TICKS_PER_SECOND;

/** User + system CPU a process has used so far. */
export function processCpuMs(pid: number | undefined): number {
  const fields = pid === undefined ? null : statFields(pid);
  return fields ? ticksToMs(Number(fields[11]) + Number(fields[12])) : 0;
}

/** CPU used so far by each PostgreSQL backend connected to the database `database`. */
export async function backendCpuMs(dataSource: DataSource, database: string): Promise<Map<number, number>> {
  const rows = await dataSource.query<{ pid: number }[]>(
    `SELECT pid FROM pg_stat_activity WHERE datname = $1`,
    [database],
  );
  return new Map(rows.map(({ pid }) => [pid, processCpuMs(pid)]));
}

/**
 * CPU the whole PostgreSQL server has used so far: the postmaster, its running children, and the
 * children that have exited (backends of closed connections), which the postmaster has reaped.
 */
export async function postgresServerCpuMs(dataSource: DataSource): Promise<number> {
  const [{ pid }] = await dataSource.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
  const postmaster = Number(statFields(pid)?.[1]);
  const own = statFields(postmaster);
  if (!own) {
    return 0;
  }
  let ticks = [11, 12, 13, 14].reduce((sum, field) => sum + Number(own[field]), 0);
  for (const entry of readdirSync('/proc')) {
    const fields = /^\d+$/.test(entry) ? statFields(Number(entry)) : null;
    if (fields && Number(fields[1]) === postmaster) {
      ticks += Number(fields[11]) + Number(fields[12]);
    }
  }
  return ticksToMs(ticks);
}

/** CPU the Redis server has used so far (it serves the bench and anything else on this machine). */
export async function redisCpuMs(redis: IORedis): Promise<number> {
  const info = await redis.info('cpu');
  const seconds = (name: string) => Number(new RegExp(`${name}:([0-9.]+)`).exec(info)?.[1] ?? 0);
  return (seconds('used_cpu_user') + seconds('used_cpu_sys')) * 1000;
}
