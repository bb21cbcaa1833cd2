import { setTimeout as sleep } from 'node:timers/promises';
import type { ExecutionResult, FormattedExecutionResult } from 'graphql';
import { asGraphQLError, runFailure, type QueryRunner } from './query-results';
import { STATE_ALIAS, type WatchQuery } from './watch-query';

export interface WatchOptions {
  watch: WatchQuery;
  /** The client's own variables. */
  variables: Record<string, unknown>;
  /** How long to wait between runs of the query. */
  intervalMs: number;
  /** Runs the watch query once. */
  run: QueryRunner;
  /** Called once when the watch ends, however it ends. */
  onClose?: () => void;
}

interface Reading {
  /** What the client is sent, or null when there is nothing to send. */
  message: ExecutionResult | null;
  /** Whether the object has reached a final state (or cannot be read): nothing follows. */
  final: boolean;
}

/**
 * A subscription to one object as an async iterator: the object as the query answers it now,
 * then, running the query again every `intervalMs`, the object each time the answer differs from
 * the last one sent, until its state is final; the answer with that state is the last message.
 * Polling from the gateway is enough here: a report job changes a few times a second at most and
 * is read by its id, so no notifications are needed. An answer without the object (NOT_FOUND, a
 * refused token) is sent as its errors and ends the watch. Closing it (the client's `complete`,
 * a dropped socket) interrupts a wait at once.
 */
export function watchEvents(options: WatchOptions): AsyncIterableIterator<ExecutionResult> {
  const closing = new AbortController();
  let lastSent: string | null = null;
  let ran = false;
  let finished = false;
  let closed = false;
  const close = () => {
    if (!closed) options.onClose?.();
    closed = true;
  };

  async function changed(): Promise<ExecutionResult | null> {
    while (!finished && !closing.signal.aborted) {
      if (ran) await sleep(options.intervalMs, undefined, { signal: closing.signal }).catch(() => undefined);
      if (closing.signal.aborted) return null;
      ran = true;
      let result: FormattedExecutionResult;
      try {
        result = await options.run(options.variables);
      } catch (error) {
        result = runFailure(error, 'The subscription could not read the object again; resubscribe');
      }
      if (closing.signal.aborted) return null;
      const reading = read(result, options.watch);
      finished = reading.final;
      const seen = JSON.stringify(reading.message);
      if (reading.message && seen !== lastSent) {
        lastSent = seen;
        return reading.message;
      }
    }
    return null;
  }

  const iterator: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      const message = await changed();
      if (!message) {
        close();
        return { done: true, value: undefined };
      }
      return { done: false, value: message };
    },
    async return() {
      closing.abort();
      close();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/** The client's message from one answer, without the state the watch added for itself. */
function read(result: FormattedExecutionResult, watch: WatchQuery): Reading {
  const errors = (result.errors ?? []).map(asGraphQLError);
  const object = result.data?.[watch.responseKey] as Record<string, unknown> | null | undefined;
  if (!object) return { message: errors.length > 0 ? { errors } : null, final: true };
  const { [STATE_ALIAS]: state, ...visible } = object;
  const data = { [watch.responseKey]: visible };
  return {
    message: errors.length > 0 ? { data, errors } : { data },
    final: watch.finalStates.includes(String(state)),
  };
}
