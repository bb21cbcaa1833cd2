import { setTimeout as sleep } from 'node:timers/promises';
import type { ManagedProcess } from './managed-process';

/** A process did not become ready: it ended, or it did not answer in time. */
export class NotReadyError extends Error {
  override readonly name = 'NotReadyError';
}

export interface WaitOptions {
  timeoutMs: number;
  /** The process being waited for: when it ends first, that is reported at once, with its output. */
  process?: ManagedProcess;
}

/**
 * Polls `check` until it returns true; it returns anything else to say what it saw instead, which
 * the timeout error repeats. A crash at start-up is reported as the crash, not as a timeout.
 */
export async function waitFor(
  what: string,
  check: () => Promise<true | string>,
  options: WaitOptions,
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const result = await check();
      if (result === true) return;
      last = result;
    } catch (error) {
      last = (error as Error).message;
    }
    if (options.process?.hasExited) {
      throw new NotReadyError(options.process.describeExit());
    }
    await sleep(250);
  }
  throw new NotReadyError(`${what} was not ready after ${options.timeoutMs / 1000} s (last: ${last})`);
}

/** Waits until `url` (a /readyz endpoint) answers 200. */
export function waitUntilReady(url: string, options: WaitOptions): Promise<void> {
  return waitFor(
    url,
    async () => {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      return response.status === 200 || `${response.status} ${await response.text()}`;
    },
    options,
  );
}
