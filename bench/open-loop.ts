import { setTimeout as sleep } from 'node:timers/promises';

/** One request of an open-loop schedule; times are epoch milliseconds (fractional). */
export interface Sent<T> {
  index: number;
  /** When the schedule said to send it. */
  scheduledAt: number;
  sentAt: number;
  answeredAt: number;
  outcome: T;
}

export interface OpenLoopRun<T> {
  sent: Sent<T>[];
  /** Most requests in flight at once: how far the system fell behind the schedule. */
  maxInFlight: number;
}

/** How often the scheduler wakes: often enough that 200 requests a second leave at their times. */
const TICK_MS = 2;

function now(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * Sends `count` requests at `ratePerSecond`, each at its own time on a fixed schedule, however
 * long the earlier ones take: an open loop, as independent callers are. A closed loop (N
 * connections each waiting for its answer) would slow down with the system and hide its queue;
 * here a slow system shows as requests in flight and as latency. `send` must not throw.
 */
export async function openLoop<T>(
  count: number,
  ratePerSecond: number,
  send: (index: number) => Promise<T>,
): Promise<OpenLoopRun<T>> {
  const start = now();
  const sent: Sent<T>[] = [];
  const inFlight = new Set<Promise<void>>();
  let maxInFlight = 0;
  const sendOne = async (index: number, scheduledAt: number) => {
    const sentAt = now();
    const outcome = await send(index);
    sent.push({ index, scheduledAt, sentAt, answeredAt: now(), outcome });
  };
  for (let index = 0; index < count;) {
    // Every request whose time has come leaves now: a late tick sends a burst, not a slower rate.
    for (; index < count && start + (index * 1000) / ratePerSecond <= now(); index++) {
      const request = sendOne(index, start + (index * 1000) / ratePerSecond).then(() => {
        inFlight.delete(request);
      });
      inFlight.add(request);
      maxInFlight = Math.max(maxInFlight, inFlight.size);
    }
    await sleep(TICK_MS);
  }
  await Promise.all(inFlight);
  return { sent: sent.sort((a, b) => a.index - b.index), maxInFlight };
}
