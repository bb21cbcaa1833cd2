import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Principal } from '@mingshi/auth';
import { failedRequests, type LoadOptions, type LoadResult } from './load';
import type { Machine } from './machine';

export interface ScenarioResult {
  scenario: string;
  caller: Pick<Principal, 'roles' | 'regionCode'>;
  /** Rows in the probe's answer, to show what each request carried. */
  rows: number;
  /** Callers at once in this scenario's measured runs. */
  connections: number;
  gateway: LoadResult;
  /** Straight to the subgraphs; when the operation spans several, their calls combined in sequence. */
  direct: LoadResult;
  /** Each direct call as measured, when there were several (subgraph and result). */
  directCalls?: { subgraph: string; result: LoadResult }[];
  /** Gateway ÷ direct: throughput kept (below 1 is a loss) and latency added (above 1). */
  ratio: { requestsPerSecond: number; p50: number };
}

export interface RunResult {
  startedAt: string;
  scale: string;
  machine: Machine;
  load: LoadOptions & { warmup: number };
  /** The seed in this run: nothing inserted means the database was already seeded. */
  seed: { seconds: number; rowsInserted: number };
  scenarios: ScenarioResult[];
}

export function compare(gateway: LoadResult, direct: LoadResult): ScenarioResult['ratio'] {
  return {
    requestsPerSecond: round(gateway.requestsPerSecond / direct.requestsPerSecond, 2),
    p50: round(gateway.p50 / direct.p50, 2),
  };
}

export function printScenario(result: ScenarioResult): void {
  const line = (label: string, r: LoadResult) =>
    `  ${label.padEnd(8)} ${r.requestsPerSecond.toFixed(1).padStart(8)} req/s` +
    `  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms` +
    `  errors ${r.errors}  non-2xx ${r.non2xx}  graphql errors ${r.graphqlErrors}`;
  console.log(`${result.scenario} (${result.caller.roles.join(',')} @ ${result.caller.regionCode})`);
  console.log(line('gateway', result.gateway));
  console.log(line('direct', result.direct));
  console.log(`  gateway/direct: req/s ×${result.ratio.requestsPerSecond}, p50 ×${result.ratio.p50}`);
  for (const [label, r] of [
    ['gateway', result.gateway],
    ['direct', result.direct],
  ] as const) {
    if (failedRequests(r) > 0)
      console.error(`  !!! ${label}: FAILED REQUESTS — these numbers do not measure the scenario`);
  }
}

/** Writes the whole run as JSON under bench/results (git-ignored) and returns the file's path. */
export function writeJson(run: RunResult): string {
  const dir = path.join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${run.startedAt.replace(/:/g, '-')}-${run.scale}.json`);
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  return file;
}

const TABLE_START = '<!-- bench:results:start (npm run bench rewrites this table) -->';
const TABLE_END = '<!-- bench:results:end -->';
const HEADER = [
  '| date | scale | scenario | caller | machine | load | gateway req/s | direct req/s | req/s ratio | gateway p50 / p99 ms | direct p50 / p99 ms | p50 ratio | failed | seed s |',
  '|---|---|---|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|',
];

/**
 * Puts the run's rows into the table in docs/performance.md: a row for the same date, scale and
 * scenario is replaced, any other is kept, so the table is a history of runs.
 */
export function updateMarkdown(
  run: RunResult,
  file = path.join(__dirname, '..', 'docs', 'performance.md'),
): void {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(TABLE_START);
  const end = text.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`${file} has no ${TABLE_START} … ${TABLE_END} block`);
  const rows = new Map<string, string>();
  for (const row of text
    .slice(start + TABLE_START.length, end)
    .split('\n')
    .filter(isRow)
    .slice(2)) {
    rows.set(rowKey(row), row);
  }
  for (const scenario of run.scenarios) {
    const row = markdownRow(run, scenario);
    rows.set(rowKey(row), row);
  }
  const table = [...HEADER, ...rows.values()].join('\n');
  writeFileSync(file, `${text.slice(0, start)}${TABLE_START}\n${table}\n${text.slice(end)}`);
}

function markdownRow(run: RunResult, s: ScenarioResult): string {
  const latency = (r: LoadResult) => `${round(r.p50, 1)} / ${round(r.p99, 1)}`;
  const cells = [
    run.startedAt.slice(0, 10),
    run.scale,
    s.scenario,
    `${s.caller.roles.join(',')} ${s.caller.regionCode}`,
    `${run.machine.cpus} cores`,
    `${s.connections} conn × ${run.load.duration} s`,
    String(round(s.gateway.requestsPerSecond, 1)),
    String(round(s.direct.requestsPerSecond, 1)),
    s.ratio.requestsPerSecond.toFixed(2),
    latency(s.gateway),
    latency(s.direct),
    s.ratio.p50.toFixed(2),
    `${failedRequests(s.gateway)} / ${failedRequests(s.direct)}`,
    `${run.seed.seconds.toFixed(0)}${run.seed.rowsInserted === 0 ? ' (reused)' : ''}`,
  ];
  return `| ${cells.join(' | ')} |`;
}

function isRow(line: string): boolean {
  return line.startsWith('|');
}

/** Date, scale and scenario: the first three cells. */
function rowKey(row: string): string {
  return row.split('|').slice(1, 4).join('|').trim();
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
