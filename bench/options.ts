import { parseArgs } from 'node:util';
import type { Scale } from '../scripts/seed/generate';
import type { FundEventOptions } from './fund-events';
import type { LoadOptions } from './load';

export const USAGE =
  'usage: npm run bench -- --scale county|city|province [--duration 10] [--connections 20] [--warmup 3] [--fresh]\n' +
  '         [--database mingshi_bench_<scale>] [--quick (county, every part briefly, no docs rewritten)]\n' +
  '         [--events-rate 200] [--events-duration 60 (0: no fund-event path)] [--events-drain 120] [--events-only]\n' +
  '         [--report-format XLSX|CSV|PDF] [--skip-report] [--skip-scenarios] [--cookbook-runs 5 (0: no cookbook questions)]\n' +
  '         [--statement-requests 10 (0: no statements per page size)] [--only "<scenario>" …]';

const BENCH_SCALES: readonly Scale[] = ['county', 'city', 'province'];

export interface BenchOptions extends LoadOptions {
  scale: Scale;
  /** The database seeded and measured; `mingshi_bench_<scale>` unless told. */
  database: string;
  warmup: number;
  fresh: boolean;
  /** Every part briefly, as CI runs it: results JSON only, docs/performance.md left as it is. */
  quick: boolean;
  /** The fund-event path; null when --events-duration is 0. */
  events: FundEventOptions | null;
  /** The annual summary of the whole scale's region, in this format; null with --skip-report. */
  reportFormat: string | null;
  /** Timed runs of each question of docs/analysts.md; 0 skips them. */
  cookbookRuns: number;
  /** No gateway-versus-direct scenarios: for timing the other parts alone. */
  skipScenarios: boolean;
  /** Only the scenarios of these names (--only, repeatable); null: all of them. */
  only: string[] | null;
  /** County pages sent per page size while the subgraphs count their SQL statements; 0 skips it. */
  statementRequests: number;
}

/**
 * One measured run at `connections` callers: for the run's duration, or in a quick run a fixed
 * number of requests (one per caller, ten at least), so that even 100 callers on a slow machine
 * get every request answered, or failed, within the run: a second of 100 callers may answer none.
 */
export function loadAt(options: Pick<BenchOptions, 'duration' | 'quick'>, connections: number): LoadOptions {
  return {
    duration: options.duration,
    connections,
    ...(options.quick ? { amount: Math.max(10, connections) } : {}),
  };
}

/** The whole-number options, their defaults, and what --quick makes of them. */
const NUMBERS = {
  duration: { normal: 10, quick: 1, mayBeZero: false },
  connections: { normal: 20, quick: 20, mayBeZero: false },
  warmup: { normal: 3, quick: 0, mayBeZero: true },
  // The finance issue's figures: 200 approvals a second for a minute.
  'events-rate': { normal: 200, quick: 20, mayBeZero: false },
  'events-duration': { normal: 60, quick: 2, mayBeZero: true },
  'events-drain': { normal: 120, quick: 30, mayBeZero: true },
  'cookbook-runs': { normal: 5, quick: 1, mayBeZero: true },
  'statement-requests': { normal: 10, quick: 3, mayBeZero: true },
} as const;

type NumberOption = keyof typeof NUMBERS;

/** The command line read, or what is wrong with it (one line each). */
export function parseBenchOptions(args: readonly string[]): BenchOptions | { problems: string[] } {
  try {
    return checkOptions(readArgs(args));
  } catch (error) {
    // parseArgs's own refusals: an unknown option, a missing value.
    return { problems: [(error as Error).message] };
  }
}

function readArgs(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    options: {
      scale: { type: 'string' },
      database: { type: 'string' },
      quick: { type: 'boolean', default: false },
      fresh: { type: 'boolean', default: false },
      'events-only': { type: 'boolean', default: false },
      'report-format': { type: 'string', default: 'XLSX' },
      'skip-report': { type: 'boolean', default: false },
      'skip-scenarios': { type: 'boolean', default: false },
      only: { type: 'string', multiple: true },
      ...(Object.fromEntries(Object.keys(NUMBERS).map((name) => [name, { type: 'string' }])) as Record<
        NumberOption,
        { type: 'string' }
      >),
    },
  }).values;
}

function checkOptions(values: ReturnType<typeof readArgs>): BenchOptions | { problems: string[] } {
  const problems: string[] = [];
  const quick = values.quick;
  const scale = values.scale ?? (quick ? 'county' : undefined);
  if (!BENCH_SCALES.includes(scale as Scale)) problems.push('--scale must be county, city or province');
  if (quick && scale !== 'county') problems.push('--quick runs at county scale');
  const numbers = {} as Record<NumberOption, number>;
  for (const [name, spec] of Object.entries(NUMBERS) as [NumberOption, (typeof NUMBERS)[NumberOption]][]) {
    const given = values[name];
    const value = given === undefined ? (quick ? spec.quick : spec.normal) : Number(given);
    if (!Number.isInteger(value) || value < (spec.mayBeZero ? 0 : 1)) {
      problems.push(`--${name} must be a whole number${spec.mayBeZero ? '' : ' above 0'}`);
    }
    numbers[name] = value;
  }
  if (!['XLSX', 'CSV', 'PDF'].includes(values['report-format'])) {
    problems.push('--report-format must be XLSX, CSV or PDF');
  }
  if (values['events-only'] && numbers['events-duration'] === 0) {
    problems.push('--events-only needs an --events-duration above 0');
  }
  // A quick run must not re-seed (--fresh) or add to the database a full run measures.
  const database = values.database ?? (quick ? 'mingshi_bench_quick' : `mingshi_bench_${scale}`);
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) {
    problems.push('--database must be a lower-case PostgreSQL name (letters, digits, _)');
  }
  if (problems.length) return { problems };
  return {
    scale: scale as Scale,
    database,
    duration: numbers.duration,
    connections: numbers.connections,
    warmup: numbers.warmup,
    fresh: values.fresh,
    quick,
    events:
      numbers['events-duration'] > 0
        ? {
            rate: numbers['events-rate'],
            duration: numbers['events-duration'],
            drain: numbers['events-drain'],
          }
        : null,
    reportFormat: values['skip-report'] || values['events-only'] ? null : values['report-format'],
    cookbookRuns: values['events-only'] ? 0 : numbers['cookbook-runs'],
    skipScenarios: values['skip-scenarios'] || values['events-only'],
    only: values.only ?? null,
    statementRequests: values['events-only'] || values['skip-scenarios'] ? 0 : numbers['statement-requests'],
  };
}
