const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * When each attempt of a delivery is made, as a delay after the previous one failed (the first is
 * immediate): the Standard Webhooks schedule, stretched to a day so a receiver down overnight
 * still gets everything.
 */
export const WEBHOOK_RETRY_SCHEDULE_MS: readonly number[] = [
  0,
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  14 * HOUR,
  20 * HOUR,
  24 * HOUR,
];

/** A receiver's Retry-After is honoured up to the longest step of the schedule, never beyond. */
const MAX_RETRY_AFTER_MS = 24 * HOUR;

/** Retries are spread by up to ±10 %, so receivers that failed together are not hit together. */
const JITTER = 0.1;

/**
 * The delay before the next attempt, after `attemptsMade` attempts failed; null when the schedule
 * is spent. A receiver asking for more time (Retry-After) gets it.
 */
export function nextRetryDelayMs(
  attemptsMade: number,
  options: { schedule?: readonly number[]; retryAfterMs?: number | null; random?: () => number } = {},
): number | null {
  const { schedule = WEBHOOK_RETRY_SCHEDULE_MS, retryAfterMs = null, random = Math.random } = options;
  if (attemptsMade < 1 || attemptsMade >= schedule.length) return null;
  const step = schedule[attemptsMade]!;
  const jittered = Math.round(step * (1 - JITTER + 2 * JITTER * random()));
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
}

/** A Retry-After header (seconds, or an HTTP date) as milliseconds from `now`; null when unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * SECOND;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
