import type { ExecutionResult, FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import { asGraphQLError, runFailure, type QueryRunner } from './query-results';
import { CURSOR_ALIAS, AFTER_VARIABLE, FIRST_VARIABLE, type TailQuery } from './tail-query';
import type { WakeUps } from './wake-ups';

export interface TailOptions {
  tail: TailQuery;
  /** The client's own variables. */
  variables: Record<string, unknown>;
  /** The cursor to start after (null: from the start of the log). */
  after: string | null;
  pageSize: number;
  /** Runs one page of the tail query. */
  run: QueryRunner;
  wakeUps: WakeUps;
  /** Called once when the tail ends, however it ends. */
  onClose?: () => void;
}

/**
 * A subscription as an async iterator of single-event results: each page of the query after the
 * cursor is sent event by event, then it waits for a wake-up and reads again from the last
 * cursor sent. Closing it (the client's `complete`, a dropped socket) interrupts a wait at once.
 * A page answered with errors and no data ends the subscription with those errors.
 */
export function tailEvents(options: TailOptions): AsyncIterableIterator<ExecutionResult> {
  const closing = new AbortController();
  let cursor = options.after;
  let buffered: ExecutionResult[] = [];
  let finished = false;
  let closed = false;
  const close = () => {
    if (!closed) options.onClose?.();
    closed = true;
  };

  async function fill(): Promise<void> {
    while (buffered.length === 0 && !finished && !closing.signal.aborted) {
      let result: FormattedExecutionResult;
      try {
        result = await options.run({
          ...options.variables,
          [AFTER_VARIABLE]: cursor,
          [FIRST_VARIABLE]: options.pageSize,
        });
      } catch (error) {
        // A refused token (expired since connecting) ends the tail with its own error.
        result = runFailure(
          error,
          'The subscription could not read further; resubscribe from the last cursor',
        );
      }
      const nodes = (result.data?.[options.tail.responseKey] as { nodes?: Record<string, unknown>[] } | null)
        ?.nodes;
      if (!nodes) {
        buffered = [{ errors: (result.errors ?? []).map(asGraphQLError) }];
        finished = true;
        return;
      }
      buffered = nodes.map((node, index) => {
        const { [CURSOR_ALIAS]: position, ...event } = node;
        cursor = String(position);
        const errors = nodeErrors(result.errors, options.tail.responseKey, index).map(asGraphQLError);
        return errors.length > 0
          ? { data: { [options.tail.responseKey]: event }, errors }
          : { data: { [options.tail.responseKey]: event } };
      });
      if (nodes.length < options.pageSize && buffered.length === 0) {
        await options.wakeUps.next(closing.signal);
      }
    }
  }

  const iterator: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      await fill();
      if (closing.signal.aborted || buffered.length === 0) {
        close();
        return { done: true, value: undefined };
      }
      return { done: false, value: buffered.shift()! };
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

/** The page's errors about one node, with their paths as the subscriber sees them. */
function nodeErrors(
  errors: readonly GraphQLFormattedError[] | undefined,
  responseKey: string,
  index: number,
): GraphQLFormattedError[] {
  return (errors ?? [])
    .filter(
      (error) => error.path?.[0] === responseKey && error.path[1] === 'nodes' && error.path[2] === index,
    )
    .map((error) => ({ ...error, path: [responseKey, ...error.path!.slice(3)] }));
}
