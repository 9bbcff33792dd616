import { z } from 'zod';

/*
 * The job contracts: every queue, its job names and each job's payload, in one map that producers
 * (JobQueues, the outbox) and processors (startQueueWorker) both use, so a payload cannot drift
 * between the side that writes it and the side that reads it. Payloads carry ids only, never
 * personal data; processors re-read the state they act on.
 */

export const MATCHING_QUEUE = 'matching';
export const MATCH_REQUEST_JOB = 'match-request';
export const RECHECK_VOLUNTEER_JOB = 'recheck-volunteer';
/**
 * A volunteer is no longer active (made inactive, paused, erased): their open offers and proposals
 * are withdrawn and the requests move on; after an erasure their upcoming assignments reopen.
 */
export const RELEASE_VOLUNTEER_JOB = 'release-volunteer';
export const EXPIRE_OFFERS_JOB = 'expire-offers';
export const OPTIMISE_ASSIGNMENTS_JOB = 'optimise-assignments';
/** Every minute: requests whose one-off date passed unmatched close as unfulfilled (came too late). */
export const CLOSE_MISSED_APPOINTMENTS_JOB = 'close-missed-appointments';

export const NOTIFICATIONS_QUEUE = 'notifications';
/** Compose (unless a failed attempt already did), then send; see NotificationDelivery. */
export const SEND_NOTIFICATION_JOB = 'send-notification';
/** Daily at 07:00 Europe/Berlin: the staff digest of what needs attention. */
export const STAFF_DIGEST_JOB = 'staff-digest';

export const MAINTENANCE_QUEUE = 'maintenance';
/** Daily at 03:30 Europe/Berlin: anonymise and strip what is past its retention period. */
export const RETENTION_JOB = 'retention';

/** Host organisations (docs/hosts.md). */
export const HOSTS_QUEUE = 'hosts';
/** Hourly: a proposal waiting for the host too long, a review-by date coming up: one email each, once. */
export const REMIND_HOSTS_JOB = 'remind-hosts';
/** Daily after midnight Europe/Berlin: published opportunities past their review-by date are paused. */
export const PAUSE_OVERDUE_OPPORTUNITIES_JOB = 'pause-overdue-opportunities';

/** Placements (docs/placements.md). */
export const PLACEMENTS_QUEUE = 'placements';
/** Hourly: started placements whose follow-up is due get the question, to volunteer and host, once. */
export const SEND_PLACEMENT_FOLLOW_UPS_JOB = 'send-placement-follow-ups';
/** CSV imports (docs/data-transfer.md). */
export const TRANSFER_QUEUE = 'transfer';
/** The real run of one `data_import` row; resumes after its committed cursor. */
export const RUN_IMPORT_JOB = 'run-import';
export const runImportJobId = (importId: string): string => `run-import-${importId}`;
/** Reports (docs/reports.md "Rollup"). */
export const REPORTS_QUEUE = 'reports';
/** Every 10 minutes: the report rollup recomputes recent days and days changed by late edits. */
export const REFRESH_REPORT_ROLLUP_JOB = 'refresh-report-rollup';

const id = z.string().uuid();
/** Scheduled jobs carry nothing: they look for due work themselves. */
const nothing = z.object({}).strict();

export const JOB_CONTRACTS = {
  [MATCHING_QUEUE]: {
    [MATCH_REQUEST_JOB]: z.object({ requestId: id, round: z.number().int().min(1) }),
    [RECHECK_VOLUNTEER_JOB]: z.object({ volunteerId: id }),
    [RELEASE_VOLUNTEER_JOB]: z.object({ volunteerId: id }),
    [EXPIRE_OFFERS_JOB]: nothing,
    /** requestedBy: the staff user who asked for the run; absent or null for the scheduled run. */
    [OPTIMISE_ASSIGNMENTS_JOB]: z.object({ requestedBy: id.nullable().optional() }).strict(),
    [CLOSE_MISSED_APPOINTMENTS_JOB]: nothing,
  },
  [NOTIFICATIONS_QUEUE]: {
    [SEND_NOTIFICATION_JOB]: z.object({ notificationId: id }),
    /** Queues the day's staff digest email (once per Berlin day, keyed by the day). */
    [STAFF_DIGEST_JOB]: nothing,
  },
  [MAINTENANCE_QUEUE]: {
    /** Runs once per Berlin day (the run records its day; a second start finds it and stops). */
    [RETENTION_JOB]: nothing,
  },
  [HOSTS_QUEUE]: {
    [REMIND_HOSTS_JOB]: nothing,
    [PAUSE_OVERDUE_OPPORTUNITIES_JOB]: nothing,
  },
  [PLACEMENTS_QUEUE]: {
    [SEND_PLACEMENT_FOLLOW_UPS_JOB]: nothing,
  },
  [TRANSFER_QUEUE]: {
    [RUN_IMPORT_JOB]: z.object({ importId: id }),
  },
  [REPORTS_QUEUE]: {
    [REFRESH_REPORT_ROLLUP_JOB]: nothing,
  },
} as const;

type Contracts = typeof JOB_CONTRACTS;
export type QueueName = keyof Contracts;
export const QUEUE_NAMES = Object.keys(JOB_CONTRACTS) as QueueName[];
export type JobName<Q extends QueueName> = keyof Contracts[Q] & string;
export type JobPayload<Q extends QueueName, J extends JobName<Q>> = Contracts[Q][J] extends z.ZodTypeAny
  ? z.infer<Contracts[Q][J]>
  : never;

/** One job as a producer hands it over: any queue, any of its jobs, with that job's payload. */
export type JobEntry = {
  [Q in QueueName]: {
    [J in JobName<Q>]: {
      queue: Q;
      jobName: J;
      /** Deterministic, so enqueueing twice is a no-op in BullMQ. */
      jobId: string;
      payload: JobPayload<Q, J>;
      /** Run no earlier than this (a delayed BullMQ job); null or absent = at once. */
      notBefore?: Date | null;
    };
  }[JobName<Q>];
}[QueueName];

export type PayloadCheck<T> = { ok: true; payload: T } | { ok: false; error: string };

/** Checks a job's data against its contract; an unknown job name or a bad payload is an error. */
export function parseJobPayload<Q extends QueueName>(
  queue: Q,
  jobName: string,
  data: unknown,
): PayloadCheck<JobPayload<Q, JobName<Q>>> {
  const contracts: Record<string, z.ZodTypeAny> = JOB_CONTRACTS[queue];
  const schema = Object.hasOwn(contracts, jobName) ? contracts[jobName] : undefined;
  if (!schema) {
    return { ok: false, error: `no job ${jobName} on ${queue}` };
  }
  const parsed = schema.safeParse(data);
  return parsed.success
    ? { ok: true, payload: parsed.data as JobPayload<Q, JobName<Q>> }
    : {
        ok: false,
        error: `invalid payload for ${jobName}: ${parsed.error.issues
          .map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`)
          .join('; ')}`,
      };
}

/**
 * Besides its payload a job's data carries `meta` (not part of any contract): the request id of
 * the work that caused it, for the worker's log lines. Processors see only the payload.
 */
export const JOB_META_KEY = 'meta';
export interface JobMeta {
  requestId?: string;
}

export function withJobMeta(payload: object, requestId: string | null | undefined): object {
  return requestId ? { ...payload, [JOB_META_KEY]: { requestId } satisfies JobMeta } : payload;
}

/** Splits a job's data into its contract payload and its meta. */
export function splitJobData(data: unknown): { payload: unknown; meta: JobMeta } {
  if (typeof data !== 'object' || data === null || !Object.hasOwn(data, JOB_META_KEY)) {
    return { payload: data, meta: {} };
  }
  const { [JOB_META_KEY]: meta, ...payload } = data as Record<string, unknown>;
  const requestId = (meta as JobMeta | null)?.requestId;
  return { payload, meta: typeof requestId === 'string' ? { requestId } : {} };
}

/** BullMQ forbids ':' in custom job ids; these ids are stable across retries and restarts. */
export const matchRequestJobId = (requestId: string, round: number): string => `match-${requestId}-r${round}`;
/** One re-check per profile version: a second save of the same version is the same job. */
export const recheckVolunteerJobId = (volunteerId: string, version: Date): string =>
  `recheck-${volunteerId}-${version.getTime()}`;
export const releaseVolunteerJobId = (volunteerId: string, version: Date): string =>
  `release-${volunteerId}-${version.getTime()}`;
export const sendNotificationJobId = (notificationId: string): string => `notification-${notificationId}`;
