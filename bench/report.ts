import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Principal } from '@mingshi/auth';
import { QUESTION_BUDGET_MS, type CookbookQuestionResult } from './cookbook-questions';
import type { Percentiles } from './fund-event-figures';
import type { FundEventResult } from './fund-events';
import { failedRequests, voidRun, type LoadOptions, type LoadResult } from './load';
import type { Machine } from './machine';
import type { ReportGenerationResult } from './report-generation';
import type { StatementCounts } from './statement-counts';

export interface ScenarioResult {
  scenario: string;
  caller: Pick<Principal, 'roles' | 'regionCode'>;
  /** Rows in the probe's answer, to show what each request carried. */
  rows: number;
  /** Callers at once in this scenario's measured runs. */
  connections: number;
  gateway: LoadResult;
  /** CPU milliseconds per request over the gateway's measured run: the gateway's and each subgraph's. */
  cpuMsPerRequest: Record<string, number>;
  /** Straight to the subgraphs; when the operation spans several, their calls combined in sequence. */
  direct: LoadResult;
  /** Each direct call as measured, when there were several (subgraph and result). */
  directCalls?: { subgraph: string; result: LoadResult }[];
  /** Gateway ÷ direct: throughput kept (below 1 is a loss) and latency added (above 1). */
  ratio: { requestsPerSecond: number; p50: number };
  /** The same load through the peer gateway (Hive Gateway), when the scenario asks for it. */
  peer?: {
    result: LoadResult;
    /** As for ours, `peer` standing for the gateway. */
    cpuMsPerRequest: Record<string, number>;
    /** Ours ÷ the peer's (target: req/s ≥ 1). */
    ratio: { requestsPerSecond: number; p50: number };
  };
}

export interface RunResult {
  startedAt: string;
  scale: string;
  database: string;
  /** A --quick run: every part briefly, as CI runs it; its numbers are not for the tables. */
  quick: boolean;
  machine: Machine;
  load: LoadOptions & { warmup: number };
  /** The seed in this run: nothing inserted means the database was already seeded. */
  seed: { seconds: number; rowsInserted: number; peakMemoryMiB: number };
  /** The commit the bench ran (short hash, `+` when the worktree had changes). */
  commit?: string;
  scenarios: ScenarioResult[];
  /** The fund-event path (approvals to webhook deliveries), when it ran. */
  fundEvents?: FundEventResult;
  /** A report generated through the graph beside the bare SQL of its sections, when it ran. */
  report?: ReportGenerationResult;
  /** Each question of docs/analysts.md within the scale's region, timed one request at a time. */
  cookbook?: CookbookQuestionResult[];
  /** SQL statements per county page of each size, counted by the subgraphs. */
  statements?: StatementCounts;
}

/** First ÷ second, of throughput and median latency; 0 where the second has none (it all failed). */
export function compare(first: LoadResult, second: LoadResult): ScenarioResult['ratio'] {
  const ratio = (a: number, b: number) => (b > 0 ? round(a / b, 2) : 0);
  return {
    requestsPerSecond: ratio(first.requestsPerSecond, second.requestsPerSecond),
    p50: ratio(first.p50, second.p50),
  };
}

/** The gateway ÷ direct p50 the issue asks for on the county page (printed, not enforced). */
export const P50_RATIO_TARGET = 1.2;

export function printScenario(result: ScenarioResult): void {
  const line = (label: string, r: LoadResult) =>
    `  ${label.padEnd(8)} ${r.requestsPerSecond.toFixed(1).padStart(8)} req/s` +
    `  p50 ${r.p50.toFixed(1).padStart(6)}  p95 ${r.p95.toFixed(1).padStart(6)}  p99 ${r.p99.toFixed(1).padStart(6)} ms` +
    `  errors ${r.errors} (timeouts ${r.timeouts})  non-2xx ${r.non2xx}  graphql errors ${r.graphqlErrors}  abandoned ${r.abandoned}` +
    Object.entries(r.failedAnswers)
      .map(([what, count]) => `\n${' '.repeat(11)}${count} × ${what}`)
      .join('');
  console.log(
    `${result.scenario} (${result.caller.roles.join(',')} @ ${result.caller.regionCode}, ${result.connections} conn)`,
  );
  console.log(line('gateway', result.gateway));
  console.log(line('direct', result.direct));
  if (result.peer) console.log(line('peer', result.peer.result));
  console.log(
    `  gateway/direct: req/s ×${result.ratio.requestsPerSecond}, p50 ×${result.ratio.p50}` +
      ` (target p50 ≤ ${P50_RATIO_TARGET}${result.ratio.p50 <= P50_RATIO_TARGET ? ', met' : ', not met'})`,
  );
  console.log(`  CPU ms/request (gateway run): ${formatCpu(result.cpuMsPerRequest)}`);
  if (result.peer) {
    console.log(
      `  ours/peer: req/s ×${result.peer.ratio.requestsPerSecond} (target ≥ 1), p50 ×${result.peer.ratio.p50}`,
    );
    console.log(`  CPU ms/request (peer run):    ${formatCpu(result.peer.cpuMsPerRequest)}`);
  }
  for (const [label, r] of [
    ['gateway', result.gateway],
    ...(result.directCalls?.map((call) => [`direct ${call.subgraph}`, call.result] as const) ?? [
      ['direct', result.direct] as const,
    ]),
    ...(result.peer ? ([['peer', result.peer.result]] as const) : []),
  ] as const) {
    const why = voidRun(r);
    if (why) console.error(`  !!! ${label}: ${why} — these numbers do not measure the scenario`);
  }
}

/** `gateway 4.3, personnel 5.1, …`: the processes that did any work, the gateway (or peer) first. */
function formatCpu(cpu: Record<string, number>): string {
  return Object.entries(cpu)
    .filter(([, ms]) => ms > 0)
    .sort(([a], [b]) => Number(b === 'gateway' || b === 'peer') - Number(a === 'gateway' || a === 'peer'))
    .map(([name, ms]) => `${name} ${ms}`)
    .join(', ');
}

export function printStatements(counts: StatementCounts): void {
  console.log(`SQL statements per ${counts.scenario} (pages sent one at a time, counted by each subgraph)`);
  for (const size of counts.sizes) {
    const bySubgraph = Object.entries(size.statements)
      .map(([name, n]) => `${name} ${n} (${size.requests[name] ?? 0} req)`)
      .join(', ');
    console.log(
      `  first ${String(size.first).padStart(3)} (${size.rows} rows): ${size.total} — ${bySubgraph}`,
    );
  }
  if (counts.flat) console.log('  flat: the same statements whatever the page size');
  else console.error('  !!! NOT FLAT: statements grow with the page size (a query per row somewhere)');
}

/** Writes the whole run as JSON under bench/results (git-ignored) and returns the file's path. */
export function writeJson(run: RunResult): string {
  const dir = path.join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${run.startedAt.replace(/:/g, '-')}-${run.scale}.json`);
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  return file;
}

/** A table of docs/performance.md that runs add rows to, between two markers. */
interface MarkdownTable<T> {
  start: string;
  end: string;
  header: string[];
  row: (run: RunResult, item: T) => string;
  /** The leading cells that identify a row: a run replaces the row with the same ones. Default 3. */
  keyCells?: number;
}

const SCENARIO_TABLE: MarkdownTable<ScenarioResult> = {
  start: '<!-- bench:scenarios:start (npm run bench rewrites this table) -->',
  end: '<!-- bench:scenarios:end -->',
  header: [
    '| date | scale | scenario | load | caller | machine | commit | gateway req/s | direct req/s | req/s ratio | gateway p50 / p95 / p99 ms | direct p50 / p95 / p99 ms | p50 ratio | CPU ms/req gateway | CPU ms/req subgraphs | failed | seed s |',
    '|---|---|---|---|---|---|---|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|',
  ],
  row: markdownRow,
  keyCells: 4,
};

const PEER_TABLE: MarkdownTable<ScenarioResult> = {
  start: '<!-- bench:peer:start (npm run bench rewrites this table) -->',
  end: '<!-- bench:peer:end -->',
  header: [
    '| date | scale | scenario | load | machine | commit | ours req/s | peer req/s | ours ÷ peer req/s | ours p50 / p95 / p99 ms | peer p50 / p95 / p99 ms | CPU ms/req gateway ours / peer | CPU ms/req subgraphs ours / peer | failed ours / peer |',
    '|---|---|---|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  ],
  row: peerRow,
  keyCells: 4,
};

const STATEMENT_TABLE: MarkdownTable<StatementCounts> = {
  start: '<!-- bench:statements:start (npm run bench rewrites this table) -->',
  end: '<!-- bench:statements:end -->',
  header: [
    '| date | scale | scenario | machine | commit | statements per page: first (rows) → statements | by subgraph | flat |',
    '|---|---|---|---|---|---|---|---|',
  ],
  row: statementRow,
};

const FUND_EVENT_TABLE: MarkdownTable<FundEventResult> = {
  start: '<!-- bench:fund-events:start (npm run bench rewrites this table) -->',
  end: '<!-- bench:fund-events:end -->',
  header: [
    '| date | scale | events | machine | commit | approvals sent / accepted / refused | approval p50 / p99 ms | events received / unique | lost | duplicated | out of order | delivered /s | commit → receipt p50 / p95 / p99 ms (from answer) | (from occurredAt) | drain s |',
    '|---|---|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ],
  row: fundEventRow,
};

const REPORT_TABLE: MarkdownTable<ReportGenerationResult> = {
  start: '<!-- bench:reports:start (npm run bench rewrites this table) -->',
  end: '<!-- bench:reports:end -->',
  header: [
    '| date | scale | report | machine | commit | sections rows | file KB | report s | bare SQL s | report ÷ SQL | peak RSS MB per process (before the report) | studios page req/s alone → during | kept |',
    '|---|---|---|---|---|---|--:|--:|--:|--:|---|--:|--:|',
  ],
  row: reportRow,
};

const COOKBOOK_TABLE: MarkdownTable<CookbookQuestionResult> = {
  start: '<!-- bench:cookbook:start (npm run bench rewrites this table) -->',
  end: '<!-- bench:cookbook:end -->',
  header: [
    `| date | scale | question | caller | machine | commit | runs | p50 ms | max ms | ≤ ${QUESTION_BUDGET_MS} ms | failed |`,
    '|---|---|---|---|---|---|--:|--:|--:|---|--:|',
  ],
  row: cookbookRow,
};

/**
 * Puts the run's rows into the tables in docs/performance.md: a row for the same date, scale and
 * scenario is replaced, any other is kept, so each table is a history of runs.
 */
export function updateMarkdown(
  run: RunResult,
  file = path.join(__dirname, '..', 'docs', 'performance.md'),
): void {
  let text = readFileSync(file, 'utf8');
  text = updateTable(text, file, SCENARIO_TABLE, run, run.scenarios);
  const withPeer = run.scenarios.filter((s) => s.peer);
  if (withPeer.length) text = updateTable(text, file, PEER_TABLE, run, withPeer);
  if (run.statements) text = updateTable(text, file, STATEMENT_TABLE, run, [run.statements]);
  if (run.fundEvents) text = updateTable(text, file, FUND_EVENT_TABLE, run, [run.fundEvents]);
  if (run.report) text = updateTable(text, file, REPORT_TABLE, run, [run.report]);
  if (run.cookbook?.length) text = updateTable(text, file, COOKBOOK_TABLE, run, run.cookbook);
  writeFileSync(file, text);
}

function updateTable<T>(
  text: string,
  file: string,
  table: MarkdownTable<T>,
  run: RunResult,
  items: T[],
): string {
  const start = text.indexOf(table.start);
  const end = text.indexOf(table.end);
  if (start < 0 || end < start) throw new Error(`${file} has no ${table.start} … ${table.end} block`);
  const rows = new Map<string, string>();
  for (const row of text
    .slice(start + table.start.length, end)
    .split('\n')
    .filter(isRow)
    .slice(2)) {
    rows.set(rowKey(row, table.keyCells), row);
  }
  for (const item of items) {
    const row = table.row(run, item);
    rows.set(rowKey(row, table.keyCells), row);
  }
  const lines = [...table.header, ...rows.values()].join('\n');
  return `${text.slice(0, start)}${table.start}\n${lines}\n${text.slice(end)}`;
}

/** `p50 / p95 / p99` of a run, to 0.1 ms. */
function latencies(r: LoadResult): string {
  return `${round(r.p50, 1)} / ${round(r.p95, 1)} / ${round(r.p99, 1)}`;
}

/** The subgraphs' CPU per request, those that did any work. */
function subgraphCpu(cpu: Record<string, number>): string {
  return (
    Object.entries(cpu)
      .filter(([name, ms]) => name !== 'gateway' && name !== 'peer' && ms > 0)
      .map(([name, ms]) => `${name} ${ms}`)
      .join(', ') || '–'
  );
}

/** Its cores and how busy it was before the run: on a shared machine the second moves the numbers. */
function machine(run: RunResult): string {
  return `${run.machine.cpus} cores, ${run.machine.busyPercent} % busy before`;
}

function load(run: RunResult, s: ScenarioResult): string {
  return `${s.connections} conn × ${run.load.duration} s`;
}

function markdownRow(run: RunResult, s: ScenarioResult): string {
  const cells = [
    run.startedAt.slice(0, 10),
    run.scale,
    s.scenario,
    load(run, s),
    `${s.caller.roles.join(',')} ${s.caller.regionCode}`,
    machine(run),
    run.commit ?? '–',
    String(round(s.gateway.requestsPerSecond, 1)),
    String(round(s.direct.requestsPerSecond, 1)),
    s.ratio.requestsPerSecond.toFixed(2),
    latencies(s.gateway),
    latencies(s.direct),
    s.ratio.p50.toFixed(2),
    String(s.cpuMsPerRequest.gateway ?? '–'),
    subgraphCpu(s.cpuMsPerRequest),
    `${failedRequests(s.gateway)} / ${failedRequests(s.direct)}`,
    `${run.seed.seconds.toFixed(0)}${run.seed.rowsInserted === 0 ? ' (reused)' : ''}`,
  ];
  return `| ${cells.join(' | ')} |`;
}

function peerRow(run: RunResult, s: ScenarioResult): string {
  const peer = s.peer!;
  const total = (cpu: Record<string, number>) =>
    round(
      Object.entries(cpu)
        .filter(([name]) => name !== 'gateway' && name !== 'peer')
        .reduce((sum, [, ms]) => sum + ms, 0),
      2,
    );
  const cells = [
    run.startedAt.slice(0, 10),
    run.scale,
    s.scenario,
    load(run, s),
    machine(run),
    run.commit ?? '–',
    String(round(s.gateway.requestsPerSecond, 1)),
    String(round(peer.result.requestsPerSecond, 1)),
    peer.ratio.requestsPerSecond.toFixed(2),
    latencies(s.gateway),
    latencies(peer.result),
    `${s.cpuMsPerRequest.gateway ?? '–'} / ${peer.cpuMsPerRequest.peer ?? '–'}`,
    `${total(s.cpuMsPerRequest)} / ${total(peer.cpuMsPerRequest)}`,
    `${failedRequests(s.gateway)} / ${failedRequests(peer.result)}`,
  ];
  return `| ${cells.join(' | ')} |`;
}

function statementRow(run: RunResult, c: StatementCounts): string {
  const subgraphs = [...new Set(c.sizes.flatMap((size) => Object.keys(size.statements)))];
  const cells = [
    run.startedAt.slice(0, 10),
    run.scale,
    c.scenario,
    machine(run),
    run.commit ?? '–',
    c.sizes.map((size) => `${size.first} (${size.rows}) → ${size.total}`).join(', '),
    subgraphs
      .map((name) => `${name} ${c.sizes.map((size) => size.statements[name] ?? 0).join(' / ')}`)
      .join(', '),
    c.flat ? 'yes' : '**no**',
  ];
  return `| ${cells.join(' | ')} |`;
}

function fundEventRow(run: RunResult, f: FundEventResult): string {
  const ms = (p: Percentiles | null, keys: (keyof Percentiles)[]) =>
    p ? keys.map((k) => String(p[k])).join(' / ') : '–';
  const cells = [
    run.startedAt.slice(0, 10),
    run.scale,
    // The third cell keys the row (date, scale, this): one row per day, scale and target.
    `approvals ${f.options.rate}/s × ${f.options.duration} s, drain ≤ ${f.options.drain} s`,
    `${run.machine.cpus} cores, ${run.machine.busyPercent} % busy before`,
    run.commit ?? '–',
    `${f.approvals.sent} / ${f.approvals.accepted} / ${f.approvals.refused + f.approvals.errors}`,
    ms(f.approvals.latency, ['p50', 'p99']),
    `${f.events.received} / ${f.events.unique}`,
    String(f.events.lost),
    String(f.events.duplicated),
    String(f.events.outOfOrder),
    String(f.deliveredPerSecond),
    ms(f.latency.fromAnswer, ['p50', 'p95', 'p99']),
    ms(f.latency.fromOccurredAt, ['p50', 'p95', 'p99']),
    String(f.drainSeconds),
  ];
  return `| ${cells.join(' | ')} |`;
}

function reportRow(run: RunResult, r: ReportGenerationResult): string {
  const cells = [
    run.startedAt.slice(0, 10),
    run.scale,
    // The third cell keys the row: one per day, scale and report.
    `${r.kind} ${r.format} ${r.regionCode}`,
    `${run.machine.cpus} cores`,
    run.commit ?? '–',
    r.sections.map((s) => `${s.service.toLowerCase()} ${s.rows ?? '–'}`).join(', '),
    String(Math.round(r.sizeBytes / 1024)),
    String(r.wallSeconds),
    String(r.sql.seconds),
    r.ratio.toFixed(2),
    Object.entries(r.peakRssMb)
      .map(([name, mb]) => `${name} ${mb} (${r.beforeRssMb[name] ?? '–'})`)
      .join(', '),
    `${round(r.studiosPage.alone.requestsPerSecond, 1)} → ${round(r.studiosPage.duringReport.requestsPerSecond, 1)}`,
    r.studiosPage.kept.toFixed(2),
  ];
  return `| ${cells.join(' | ')} |`;
}

function cookbookRow(run: RunResult, q: CookbookQuestionResult): string {
  const cells = [
    run.startedAt.slice(0, 10),
    run.scale,
    q.question,
    q.caller,
    `${run.machine.cpus} cores`,
    run.commit ?? '–',
    String(q.runs),
    String(q.p50),
    String(q.max),
    q.failed ? '–' : q.p50 <= QUESTION_BUDGET_MS ? 'yes' : '**no**',
    String(q.failed),
  ];
  return `| ${cells.join(' | ')} |`;
}

export function printReportGeneration(r: ReportGenerationResult): void {
  console.log(`report ${r.kind} ${r.format} of ${r.regionCode}`);
  console.log(`  sections: ${r.sections.map((s) => `${s.service} ${s.rows ?? '–'} rows`).join(', ')}`);
  console.log(`  report ${r.wallSeconds} s, ${Math.round(r.sizeBytes / 1024)} KB`);
  console.log(
    `  bare SQL ${r.sql.seconds} s in ${r.sql.statements} statements (${Object.entries(r.sql.byService)
      .map(([service, seconds]) => `${service} ${seconds} s`)
      .join(', ')}); report ÷ SQL ×${r.ratio} (target ≤ 2)`,
  );
  for (const statement of r.sql.slowest) {
    console.log(`    ${statement.service} ${statement.seconds} s: ${statement.sql}`);
  }
  console.log(
    `  peak RSS MB (before the report): ${Object.entries(r.peakRssMb)
      .map(([name, mb]) => `${name} ${mb} (${r.beforeRssMb[name] ?? '–'})`)
      .join(', ')} (target ≤ 300 per worker)`,
  );
  console.log(
    `  county page ${r.studiosPage.alone.requestsPerSecond.toFixed(1)} req/s alone, ` +
      `${r.studiosPage.duringReport.requestsPerSecond.toFixed(1)} while the report renders: ` +
      `${Math.round(r.studiosPage.kept * 100)} % kept (target ≥ 80 %)`,
  );
}

export function printFundEvents(f: FundEventResult): void {
  const ms = (p: Percentiles | null) =>
    p ? `p50 ${p.p50}  p95 ${p.p95}  p99 ${p.p99}  max ${p.max} ms` : '–';
  console.log(`fund events (${f.receiver.roles.join(',')} @ ${f.receiver.regionCode}'s endpoint)`);
  console.log(
    `  approvals  sent ${f.approvals.sent} (${f.approvals.sentPerSecond}/s)  accepted ${f.approvals.accepted}` +
      `  refused ${f.approvals.refused}  errors ${f.approvals.errors}  max in flight ${f.approvals.maxInFlight}`,
  );
  console.log(`  approval latency (scheduled → answer)  ${ms(f.approvals.latency)}`);
  console.log(
    `  events     received ${f.events.received}  unique ${f.events.unique}  lost ${f.events.lost}` +
      ` (missing from the feed ${f.events.missingFromFeed ?? 'unread'})  duplicated ${f.events.duplicated}` +
      `  out of order ${f.events.outOfOrder}  bad signatures ${f.events.badSignatures}`,
  );
  console.log(
    `  delivered  ${f.deliveredPerSecond}/s while approving; drained ${f.drainSeconds} s after the last answer`,
  );
  console.log(`  commit → receipt, from the answer      ${ms(f.latency.fromAnswer)}`);
  console.log(`  commit → receipt, from occurredAt      ${ms(f.latency.fromOccurredAt)}`);
  for (const reason of f.approvals.reasons) console.error(`  !!! approval not accepted: ${reason}`);
}

function isRow(line: string): boolean {
  return line.startsWith('|');
}

/** The first cells (date, scale, what was measured, and the load where it varies). */
function rowKey(row: string, cells = 3): string {
  return row
    .split('|')
    .slice(1, 1 + cells)
    .join('|')
    .trim();
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
