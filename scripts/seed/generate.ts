import type { SeedContext } from './context';
import { seedCalendar } from './calendar';
import { loadTable, type LoadResult } from './copy';
import type { LoadProgress } from './progress';
import { seedPersonnel } from './personnel';
import { loadCounties } from './regions';
import { SCALES, type Scale } from './scales';
import { SchemaSessions } from './schema-sessions';
import { seedWorkshop } from './workshop';
import { seedFinance } from './finance';
import { seedEvaluation } from './evaluation';

export { SCALE_NAMES, SCALE_REGIONS, isScale, type Scale } from './scales';

export interface SeedSummary {
  scale: Scale;
  /** Rows generated and rows actually inserted (fewer on a re-run), per table in load order. */
  tables: Record<string, LoadResult>;
  seconds: number;
  /**
   * The generating process's peak resident memory (MiB) so far: the run's own peak when it is the
   * process's first big work, as in `npm run seed` and the bench. PostgreSQL's is not in it.
   */
  peakMemoryMiB: number;
}

export interface GenerateOptions {
  /** The day the data is as of (YYYY-MM-DD); default today in China. */
  today?: string;
  /** Where each table's load is reported (streamProgress: the terminal); default nowhere. */
  progress?: LoadProgress;
}

/**
 * Generates a scale's data into a migrated database, as the owner role, in one transaction per
 * service schema (SchemaSessions): the same scale on the same day always yields the same rows
 * with the same ids, so running it again inserts nothing, and a failed run leaves nothing behind.
 * On a later day the data reaches up to that day: rows keep their ids, and what happened since
 * (activities …) is added. Tables empty before the run are bulk-loaded without their indexes,
 * keys, foreign keys and derived rows, which are put back before the commit (BulkLoad).
 */
export async function generate(
  ownerUrl: string,
  scale: Scale,
  options: GenerateOptions = {},
): Promise<SeedSummary> {
  const started = performance.now();
  const tables: Record<string, LoadResult> = {};
  const sessions = new SchemaSessions(ownerUrl);
  let committed = false;
  try {
    const personnel = await sessions.of('personnel');
    const ctx: SeedContext = {
      scale: SCALES[scale],
      calendar: seedCalendar(options.today),
      counties: await loadCounties(personnel.client, SCALES[scale].regions),
      load: async (load) => {
        const loadStarted = performance.now();
        const { client, bulk } = await sessions.forTable(load.table);
        // No rows, nothing to claim: claiming takes locks, on the parents of its foreign keys too.
        const none = Array.isArray(load.rows) && load.rows.length === 0;
        const claimed = !none && (await bulk.claim(load.table, load.derived));
        const guarded = load.where?.reads.some((table) => !bulk.wasEmpty(table)) ?? false;
        const result = await loadTable(client, load, {
          observe: (state) => options.progress?.update(load.table, state),
          direct: claimed && !guarded,
          analyze: !claimed || !tables[load.table]?.inserted,
        });
        const previous = tables[load.table] ?? { staged: 0, inserted: 0 };
        tables[load.table] = {
          staged: previous.staged + result.staged,
          inserted: previous.inserted + result.inserted,
        };
        options.progress?.loaded(load.table, result, seconds(loadStarted));
        return result;
      },
      sql: async (schema, text, params = []) => {
        await (await sessions.of(schema)).client.query(text, params);
      },
    };
    const workshop = await seedWorkshop(ctx, await seedPersonnel(ctx));
    // Personnel's and workshop's tables are all loaded (workshop credits its certificates into
    // personnel's training records last): their indexes and roll-ups are rebuilt while funds and
    // assessments are planned and loaded.
    await sessions.release(['personnel', 'workshop']);
    const allocations = await seedFinance(ctx, workshop.studios);
    await seedEvaluation(ctx, workshop, allocations);
    const lastLoaded = performance.now();
    await sessions.finish();
    committed = true;
    options.progress?.released(seconds(lastLoaded));
  } finally {
    await sessions.close(committed);
  }
  const peakMemoryMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  return { scale, tables, seconds: seconds(started), peakMemoryMiB };
}

function seconds(since: number): number {
  return Math.round((performance.now() - since) / 100) / 10;
}
