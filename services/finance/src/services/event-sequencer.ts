import type { DataSource } from 'typeorm';
import { NATIONWIDE } from '@mingshi/auth';
import { withScopedTransaction } from '@mingshi/db';

/**
 * The advisory lock that makes one sequencer run at a time across every replica. Any constant
 * works as long as nothing else in the database takes it: this one spells "fund" "evnt" in ASCII.
 */
export const SEQUENCER_LOCK_KEY = '7382626005461472884';

/** Events stamped in one run; a longer backlog takes more runs, each committing before the next. */
export const SEQUENCER_BATCH_SIZE = 500;

export interface SequencerRun {
  /** How many events got a position in this run. */
  stamped: number;
  /** The highest position in the log after the run ("0" while the log is empty). */
  through: string;
}

/**
 * Gives committed, unsequenced events their positions, in the order of their entries, after the
 * highest position so far. Returns null when another sequencer holds the lock (it will do the work).
 *
 * Why this is gap-free for readers: positions are stamped only here, runs are serialised by the
 * lock, and each run commits before the next can start, so every committed run extends 1..N by a
 * contiguous block. An event whose writer is still open is invisible to the run and simply gets a
 * later position once it commits: a reader paging `position > cursor` can never have passed it.
 */
export async function sequenceFundEvents(
  dataSource: DataSource,
  batchSize = SEQUENCER_BATCH_SIZE,
): Promise<SequencerRun | null> {
  return withScopedTransaction(dataSource, NATIONWIDE, async (manager) => {
    const [lock] = (await manager.query(`SELECT pg_try_advisory_xact_lock($1::bigint) AS acquired`, [
      SEQUENCER_LOCK_KEY,
    ])) as { acquired: boolean }[];
    if (!lock?.acquired) return null;
    const stamped = (await manager.query(
      `WITH top AS (SELECT coalesce(max(position), 0) AS position FROM finance.fund_event),
            next AS (
              SELECT entry, row_number() OVER (ORDER BY entry) AS n
              FROM finance.fund_event WHERE position IS NULL ORDER BY entry LIMIT $1
            )
       UPDATE finance.fund_event e SET position = top.position + next.n, sequenced_at = now()
       FROM next, top WHERE e.entry = next.entry
       RETURNING e.position`,
      [batchSize],
    )) as [{ position: string }[], number];
    const rows = stamped[0];
    const [top] = (await manager.query(
      `SELECT coalesce(max(position), 0)::text AS through FROM finance.fund_event`,
    )) as { through: string }[];
    return { stamped: rows.length, through: top!.through };
  });
}
