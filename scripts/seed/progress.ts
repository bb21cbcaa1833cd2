import type { LoadResult, LoadState } from './copy';

/** Where the seed reports how its tables load. */
export interface LoadProgress {
  /** Rows of `table` written to its staging table so far (of `total` when known), or being inserted. */
  update(table: string, state: LoadState): void;
  /** `table` is loaded, `seconds` after it started. */
  loaded(table: string, result: LoadResult, seconds: number): void;
  /** The bulk-loaded tables have their indexes, foreign keys and derived rows back, in `seconds`. */
  released(seconds: number): void;
}

const count = (n: number) => n.toLocaleString('en-US');

/** The line a loaded table leaves: what was new, and "already loaded" for what was there. */
export function describeLoad(table: string, result: LoadResult, seconds: number): string {
  const time = `${seconds.toFixed(1)} s`;
  if (result.staged === 0) return `${table}: no rows at this scale (${time})`;
  if (result.inserted === 0) return `${table}: already loaded, ${count(result.staged)} rows (${time})`;
  if (result.inserted === result.staged) {
    // A rate over a fraction of a second says nothing.
    const rate = seconds >= 1 ? `, ${count(Math.round(result.inserted / seconds))} rows/s` : '';
    return `${table}: ${count(result.inserted)} rows${rate} (${time})`;
  }
  const old = count(result.staged - result.inserted);
  return `${table}: ${count(result.inserted)} new rows, ${old} already loaded (${time})`;
}

/** The live line of a table being loaded: rows so far, their rate, and the time left when known. */
export function describeStaging(
  table: string,
  staged: number,
  total: number | undefined,
  ms: number,
): string {
  const perSecond = staged / Math.max(ms / 1000, 0.001);
  const rate = `${count(Math.round(perSecond))} rows/s`;
  if (total === undefined || staged >= total) return `${table}: ${count(staged)} rows, ${rate}`;
  const left = Math.ceil(Math.max(0, total - staged) / Math.max(perSecond, 1));
  return `${table}: ${count(staged)} of ${count(total)} rows, ${rate}, about ${left} s left`;
}

/** Redraws at most this often: a terminal can't show more, and writing costs the load time. */
const REDRAW_MS = 200;

/**
 * Progress on a stream. A terminal gets one live line per table, redrawn in place with `\r`, left
 * as the table's summary once loaded. Anything else (a log file, a pipe, CI) gets only the
 * summaries, one line per table: carriage returns would pile up there as garbage.
 */
export function streamProgress(stream: NodeJS.WriteStream, indent = '  '): LoadProgress {
  const live = stream.isTTY === true;
  const started = new Map<string, number>();
  let drawnAt = 0;
  return {
    update(table, state) {
      if (!started.has(table)) started.set(table, performance.now());
      if (!live || performance.now() - drawnAt < REDRAW_MS) return;
      drawnAt = performance.now();
      const ms = drawnAt - started.get(table)!;
      const line =
        state.phase === 'staging'
          ? describeStaging(table, state.staged, state.total, ms)
          : `${table}: inserting ${count(state.staged)} rows …`;
      stream.write(`\r\x1b[K${indent}${line}`);
    },
    loaded(table, result, seconds) {
      started.delete(table);
      stream.write(`${live ? '\r\x1b[K' : ''}${indent}${describeLoad(table, result, seconds)}\n`);
    },
    released(seconds) {
      stream.write(
        `${indent}indexes, foreign keys and roll-ups of the bulk-loaded tables back in ${seconds.toFixed(1)} s\n`,
      );
    },
  };
}
