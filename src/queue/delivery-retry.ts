/**
 * When to try a temporarily failed email again, and when to stop. Pure: time and randomness are
 * passed in.
 */
export interface RetryPolicy {
  /** Delay before the first retry; each further retry doubles it. */
  baseDelayMs: number;
  /** Cap on one delay, so a long outage is still probed regularly. */
  maxDelayMs: number;
  /** Temporary failures are retried until this long after the first attempt. */
  windowMs: number;
}

/**
 * Exponential backoff with "equal jitter": half of the delay is fixed, half random, so the emails
 * that failed together during an outage do not all come back at the same instant.
 */
export function retryDelayMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(Math.max(retry, 1) - 1, 40));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export function retryWindowIsOver(firstAttemptAt: Date, now: Date, policy: RetryPolicy): boolean {
  return now.getTime() - firstAttemptAt.getTime() >= policy.windowMs;
}

/**
 * Attempts to allow in BullMQ so that the window, not the count, ends the retries: even with the
 * shortest delays jitter can pick, the retries reach the end of the window.
 */
export function attemptsCoveringWindow(policy: RetryPolicy): number {
  let elapsed = 0;
  let retries = 0;
  while (elapsed < policy.windowMs) {
    retries += 1;
    elapsed += retryDelayMs(retries, policy, () => 0);
  }
  return retries + 1;
}

/** The policy as configured (README: SMTP_RETRY_*). */
export function smtpRetryPolicy(config: {
  SMTP_RETRY_BASE_DELAY_MS: number;
  SMTP_RETRY_MAX_DELAY_MS: number;
  SMTP_RETRY_WINDOW_SECONDS: number;
}): RetryPolicy {
  return {
    baseDelayMs: config.SMTP_RETRY_BASE_DELAY_MS,
    maxDelayMs: config.SMTP_RETRY_MAX_DELAY_MS,
    windowMs: config.SMTP_RETRY_WINDOW_SECONDS * 1000,
  };
}

/** The BullMQ backoff type of notification jobs; the worker computes it with `retryDelayMs`. */
export const NOTIFICATION_BACKOFF = 'notification-retry';
