import type { SeedCalendar } from './calendar';
import type { LoadResult, TableLoad } from './copy';
import type { County } from './regions';
import type { ScaleSpec } from './scales';

/**
 * What a table family (personnel, and later studios, funds …) is given: the scale, the day, the
 * counties it covers, and `load`, which bulk-loads rows inside the run's transaction of the
 * table's schema and records them in the summary. Families plan their rows from stable keys and never query what earlier ones wrote:
 * a family that needs another's rows (studios need teachers) takes its returned plans.
 */
export interface SeedContext {
  scale: ScaleSpec;
  /** The day the data is as of. */
  calendar: SeedCalendar;
  counties: readonly County[];
  load: (load: TableLoad) => Promise<LoadResult>;
  /** Runs one statement in the transaction of `schema`, for set-based steps after loads (sequencing). */
  sql: (schema: string, text: string, params?: unknown[]) => Promise<void>;
}

/** Who the seeded records say founded, recorded, decided and issued them. */
export const SEED_USER = 'seed';
