import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { DataSource, Logger as TypeOrmLogger } from 'typeorm';
import { intersect, regionRange, scopeOf, type Principal } from '@mingshi/auth';
import { applyScope } from '@mingshi/db';
import {
  REPORT_SECTIONS,
  SECTION_SESSION_SETTINGS,
  runSection,
  type AnySectionHandler,
  type ReportKind,
  type SectionService,
} from '@mingshi/reports';
import { LocalDirectoryStore } from '@mingshi/storage';
import { evaluationDataSource } from '../services/evaluation/src/data-source';
import { evaluationSectionHandlers } from '../services/evaluation/src/report-sections';
import { financeDataSource } from '../services/finance/src/data-source';
import { financeSectionHandlers } from '../services/finance/src/report-sections';
import { personnelDataSource } from '../services/personnel/src/data-source';
import { personnelSectionHandlers } from '../services/personnel/src/report-sections';
import { workshopDataSource } from '../services/workshop/src/data-source';
import { workshopSectionHandlers } from '../services/workshop/src/report-sections';
import { load, type LoadOptions, type LoadResult, type Operation, type Target } from './load';
import { childrenOf } from './process-cpu';

/** What one report run measured: the report, the SQL under it, memory, and the graph beside it. */
export interface ReportGenerationResult {
  kind: ReportKind;
  format: string;
  regionCode: string;
  /** Request to SUCCEEDED, as the job records it. */
  wallSeconds: number;
  sizeBytes: number;
  sections: { service: string; rows: number | null }[];
  /** The statements the sections ran, run again on their own in the requester's scope. */
  sql: {
    seconds: number;
    statements: number;
    byService: Record<string, number>;
    /** The slowest statements, for whoever makes the report faster: where the time goes. */
    slowest: { service: string; seconds: number; sql: string }[];
  };
  /** Report ÷ SQL (target ≤ 2). */
  ratio: number;
  /** Peak resident memory in MB during the report, per process (`reports renderer` is the sandbox). */
  peakRssMb: Record<string, number>;
  /** Resident memory just before the report, per process: what serving the graph already held. */
  beforeRssMb: Record<string, number>;
  /** The county page (the studios page until 2026-12-01) through the gateway alone, and while the report renders (target ≥ 0.8). */
  studiosPage: { alone: LoadResult; duringReport: LoadResult; kept: number };
}

const HANDLERS: Record<SectionService, Partial<Record<ReportKind, AnySectionHandler>>> = {
  personnel: personnelSectionHandlers({ requiredTrainingHours: 72 }),
  workshop: workshopSectionHandlers(),
  finance: financeSectionHandlers(),
  evaluation: evaluationSectionHandlers(),
};

const DATA_SOURCES: Record<SectionService, (url: string, logger: TypeOrmLogger) => DataSource> = {
  personnel: personnelDataSource,
  workshop: workshopDataSource,
  finance: financeDataSource,
  evaluation: evaluationDataSource,
};

/** Statements as TypeORM sends them, with their parameters. */
class StatementLog implements TypeOrmLogger {
  readonly statements: { sql: string; params: unknown[] }[] = [];
  logQuery(sql: string, params?: unknown[]): void {
    this.statements.push({ sql, params: params ?? [] });
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

/** Transaction and cursor plumbing around the sections' own statements, which the replay leaves out. */
const PLUMBING =
  /^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SET TRANSACTION|FETCH|CLOSE|SELECT set_config)/i;
const CURSOR = /^\s*DECLARE \S+ NO SCROLL CURSOR FOR ([\s\S]*)$/i;

/**
 * The bare SQL of a report: each section is computed once in this process to record what it
 * sends (runSection, the services' own handlers), then its statements run again on one
 * connection in the requester's scope and the sections' session settings, each read to its last
 * row, and are timed. A cursor's
 * query runs whole: fetching it in batches is the section's business, not the database's work.
 */
export async function bareSql(
  appUrl: string,
  kind: ReportKind,
  regionCode: string,
  year: number,
  requester: Principal,
): Promise<ReportGenerationResult['sql']> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mingshi-bench-sections-'));
  const store = new LocalDirectoryStore(dir);
  const byService: Record<string, number> = {};
  const timings: { service: string; seconds: number; sql: string }[] = [];
  let statements = 0;
  try {
    for (const { service } of REPORT_SECTIONS[kind]) {
      const log = new StatementLog();
      const dataSource = await DATA_SOURCES[service](appUrl, log).initialize();
      try {
        await runSection({
          dataSource,
          store,
          handler: HANDLERS[service][kind]!,
          job: {
            reportId: `bench-${service}`,
            service,
            request: { kind, regionCode, year, masked: false },
            requester,
          },
        });
      } finally {
        await dataSource.destroy();
      }
      const replay = log.statements
        .filter((s) => !PLUMBING.test(s.sql))
        .map((s) => ({ sql: CURSOR.exec(s.sql)?.[1] ?? s.sql, params: s.params }));
      statements += replay.length;
      const each = await timed(appUrl, requester, regionCode, replay);
      byService[service] = round(each.reduce((sum, t) => sum + t.seconds, 0));
      timings.push(...each.map((t) => ({ service, ...t })));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const seconds = Object.values(byService).reduce((sum, s) => sum + s, 0);
  const slowest = timings.sort((a, b) => b.seconds - a.seconds).slice(0, 3);
  return { seconds: round(seconds), statements, byService, slowest };
}

async function timed(
  appUrl: string,
  requester: Principal,
  regionCode: string,
  replay: { sql: string; params: unknown[] }[],
): Promise<{ seconds: number; sql: string }[]> {
  const client = new Client({ connectionString: appUrl });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    const scope = scopeOf(requester);
    if (!intersect(scope, regionRange(regionCode)))
      throw new Error(`${regionCode} is outside the requester's scope`);
    await applyScope(client, scope);
    // The same settings the sections run under: this times their SQL, not other SQL.
    await client.query(SECTION_SESSION_SETTINGS);
    const timings: { seconds: number; sql: string }[] = [];
    for (const statement of replay) {
      const started = process.hrtime.bigint();
      await client.query(statement.sql, statement.params);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      timings.push({ seconds: round(seconds), sql: statement.sql.replace(/\s+/g, ' ').trim().slice(0, 160) });
    }
    // The replay changes nothing: the audit rows of unmasked reads belong to the real report.
    await client.query('ROLLBACK');
    return timings;
  } finally {
    await client.end();
  }
}

/**
 * Peak resident memory of named processes and of the reports service's children (the sandboxed
 * renderer), sampled from /proc while a report runs.
 */
export class MemorySampler {
  private readonly peaks = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly pids: Record<string, number | undefined>) {}

  start(intervalMs = 100): void {
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): Record<string, number> {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    return Object.fromEntries([...this.peaks].map(([name, kb]) => [name, Math.round(kb / 1024)]));
  }

  /** Each process's resident memory now, in MB. */
  now(): Record<string, number> {
    const sampler = new MemorySampler(this.pids);
    sampler.sample();
    return sampler.stop();
  }

  private sample(): void {
    for (const [name, pid] of Object.entries(this.pids)) {
      if (pid) this.note(name, pid);
    }
    const reports = this.pids.reports;
    if (reports) for (const child of childrenOf(reports)) this.note('reports renderer', child);
  }

  private note(name: string, pid: number): void {
    const kb = residentKb(pid);
    if (kb !== null) this.peaks.set(name, Math.max(this.peaks.get(name) ?? 0, kb));
  }
}

function residentKb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

export interface ReportRunOptions {
  gateway: Target;
  /** The county page, as the county front end loads it. */
  studiosPage: { target: Target; operation: Operation };
  /** Each run of the county page: a duration, or in a quick run a fixed number of requests. */
  pageLoad: LoadOptions;
  pids: Record<string, number | undefined>;
  appUrl: string;
  requester: Principal;
  kind: ReportKind;
  format: string;
  regionCode: string;
  /** A smaller region whose report warms the renderer first. */
  warmupRegionCode: string;
  year: number;
}

/**
 * The report through the gateway as a bureau asks for it (rendered anew, not reused), with the
 * county page loaded beside it, then the bare SQL of the same sections.
 */
export async function runReportGeneration(options: ReportRunOptions): Promise<ReportGenerationResult> {
  const { studiosPage } = options;
  // A renderer is a child process kept for the next report: the first report after a start
  // pays for starting it (loading the renderers, the CJK font). A service runs for weeks, so the
  // run measures a warm one, after one report of the county (`warmup`).
  await waitForReport(
    options.gateway,
    await requestReport({ ...options, regionCode: options.warmupRegionCode }),
  );
  const alone = await load(studiosPage.target, studiosPage.operation, options.pageLoad);
  const memory = new MemorySampler(options.pids);
  const beforeRssMb = memory.now();
  memory.start();
  const jobId = await requestReport(options);
  const during = load(studiosPage.target, studiosPage.operation, options.pageLoad);
  const job = await waitForReport(options.gateway, jobId);
  const duringReport = await during;
  const peakRssMb = memory.stop();
  const wallSeconds = round((Date.parse(job.finishedAt) - Date.parse(job.requestedAt)) / 1000);
  const sql = await bareSql(
    options.appUrl,
    options.kind,
    options.regionCode,
    options.year,
    options.requester,
  );
  return {
    kind: options.kind,
    format: options.format,
    regionCode: options.regionCode,
    wallSeconds,
    sizeBytes: job.sizeBytes,
    sections: job.sections.map((s) => ({ service: s.service, rows: s.rows })),
    sql,
    ratio: round(wallSeconds / Math.max(sql.seconds, 0.001), 2),
    peakRssMb,
    beforeRssMb,
    studiosPage: {
      alone,
      duringReport,
      kept: round(duringReport.requestsPerSecond / alone.requestsPerSecond, 2),
    },
  };
}

interface FinishedJob {
  status: string;
  error: string | null;
  requestedAt: string;
  finishedAt: string;
  sizeBytes: number;
  sections: { service: string; rows: number | null }[];
}

async function gql<T>(target: Target, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await target.headers()) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(`report bench: ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

async function requestReport(options: ReportRunOptions): Promise<string> {
  const data = await gql<{ requestReport: { id: string } }>(
    options.gateway,
    `mutation ($input: RequestReportInput!) { requestReport(input: $input) { id } }`,
    {
      input: {
        kind: options.kind,
        regionCode: options.regionCode,
        period: { year: options.year },
        format: options.format,
        options: { regenerate: true },
      },
    },
  );
  return data.requestReport.id;
}

async function waitForReport(gateway: Target, id: string, timeoutMs = 30 * 60_000): Promise<FinishedJob> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { reportJob } = await gql<{ reportJob: FinishedJob }>(
      gateway,
      `query ($id: ID!) { reportJob(id: $id) { status error requestedAt finishedAt sizeBytes sections { service rows } } }`,
      { id },
    );
    if (reportJob.status === 'SUCCEEDED') return reportJob;
    if (reportJob.status !== 'QUEUED' && reportJob.status !== 'RUNNING') {
      throw new Error(`the report ${id} ended ${reportJob.status}: ${reportJob.error}`);
    }
    if (Date.now() > deadline) throw new Error(`the report ${id} did not finish in ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
