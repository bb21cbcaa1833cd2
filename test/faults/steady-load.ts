import { setTimeout as sleep } from 'node:timers/promises';
import { DECIDE, SUBMIT, THIS_YEAR, expenseInput } from '../harness/finance-fixtures';
import { REPORT_JOB_FIELDS } from '../harness/report-fixtures';
import { SCENARIOS, countyPage } from '../../bench/scenarios';
import type { County } from './county';
import { openReports } from './delivery-audit';
import type { FaultSystem } from './fault-system';
import type { RequestOutcome } from './timed-request';

/** How hard the suite pushes: a few callers, modest on two shared cores. */
export const LOAD = {
  readers: 4,
  /** Each reader's pause between two reads. */
  readerPauseMs: 250,
  /** One expense submitted and approved (two fund events) per period. */
  spendEveryMs: 1_000,
  reportEveryMs: 2_000,
  /**
   * Reports in the service's hands at most: past it the stream waits, as a bureau waits for the
   * reports it asked for, so that a machine slower than the stream (XLSX renders are dear) keeps a
   * backlog this long instead of one that grows all run and never drains.
   */
  maxOpenReports: 4,
  moveEveryMs: 3_000,
};

/** An expense the stream submitted (or tried to), and what the approval answered. */
export interface SpendRecord {
  at: number;
  expenseId: string | null;
  /** The approval's answer said APPROVED. */
  approved: boolean;
}

/** A report the stream asked for, and the job it was answered with, if any. */
export interface ReportRecord {
  at: number;
  key: string;
  jobId: string | null;
}

const TEACHERS_PAGE = SCENARIOS.find((scenario) => scenario.name === 'teachers page')!.operation as {
  query: string;
};
/** The county front end's studio list: workshop, then personnel, finance and evaluation. */
const STUDIOS_PAGE = countyPage(20);
const READS = [
  { name: 'read:teachers page', ...TEACHERS_PAGE },
  { name: 'read:studios page', ...STUDIOS_PAGE },
];

const REPORT_KINDS = [
  'ANNUAL_SUMMARY',
  'FUND_USAGE',
  'ASSESSMENT_RESULTS',
  'TRAINING_HOURS',
  'STUDIO_ROSTER',
];
const FIRST_REPORT_YEAR = 2000;

/**
 * The steady traffic faults are inflicted under, all through the gateway as the county's callers:
 * readers paging teachers and studios, a stream of expenses submitted and approved (each a fund
 * event the finance system is sent by webhook), a stream of report requests, each for a different
 * report, and a stream of studio status moves (each an event through workshop's outbox to finance).
 * Every request and what it answered is recorded, with when it was sent.
 */
export class SteadyLoad {
  readonly outcomes: RequestOutcome[] = [];
  readonly spends: SpendRecord[] = [];
  readonly reports: ReportRecord[] = [];
  private running = false;
  private loops: Promise<void>[] = [];
  private reportCount = 0;
  private spendCount = 0;

  constructor(
    private readonly system: FaultSystem,
    private readonly county: County,
  ) {}

  start(): void {
    this.running = true;
    this.loops = [
      ...Array.from({ length: LOAD.readers }, (_, i) => this.loop(LOAD.readerPauseMs, this.reader(i))),
      this.loop(LOAD.spendEveryMs, () => this.spend()),
      this.loop(LOAD.reportEveryMs, () => this.requestReport()),
      ...this.county.moving.map((studio, i) =>
        this.loop(LOAD.moveEveryMs, this.mover(studio.id), i * (LOAD.moveEveryMs / 2)),
      ),
    ];
  }

  /** Stops sending; resolves when every request in flight has its answer. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** Runs `step` every `periodMs` (or back to back when it takes longer) until stopped. */
  private async loop(periodMs: number, step: () => Promise<void>, offsetMs = 0): Promise<void> {
    await sleep(offsetMs);
    while (this.running) {
      const started = Date.now();
      await step();
      await sleep(Math.max(0, periodMs - (Date.now() - started)));
    }
  }

  private async send<TData = Record<string, any>>(
    operation: string,
    query: string,
    variables: Record<string, unknown>,
    as = this.county.office,
  ) {
    const answer = await this.system.call<TData>(operation, as, query, variables);
    this.outcomes.push(answer.outcome);
    return answer;
  }

  /** One reader's reads: each alternates between the pages, half of them starting with each. */
  private reader(first: number): () => Promise<void> {
    let next = first;
    return async () => {
      const read = READS[next++ % READS.length]!;
      await this.send(read.name, read.query, read.variables ?? {});
    };
  }

  private async spend(): Promise<void> {
    const { studio, allocationId } = this.county.spending[this.spendCount++ % this.county.spending.length]!;
    const at = Date.now();
    const submitted = await this.send<{ submitExpense: { id: string } | null }>(
      'submit expense',
      SUBMIT,
      { input: expenseInput(allocationId, '1.00') },
      studio.hostCaller,
    );
    const expenseId = submitted.response?.data?.submitExpense?.id ?? null;
    const record: SpendRecord = { at, expenseId, approved: false };
    this.spends.push(record);
    if (!expenseId) return;
    const decided = await this.send<{ decideExpense: { status: string } | null }>(
      'approve expense',
      DECIDE,
      { input: { expenseId, decision: 'APPROVE' } },
      studio.office,
    );
    record.approved = decided.response?.data?.decideExpense?.status === 'APPROVED';
  }

  /** Each request asks for a report not asked before (kind × year, then CSV before XLSX). */
  private async requestReport(): Promise<void> {
    // While the database is down (a fault) the request goes, and its answer is the fault's to judge.
    const open = await openReports(this.system.db).catch(() => 0);
    if (open >= LOAD.maxOpenReports) return;
    const n = this.reportCount++;
    const years = THIS_YEAR - FIRST_REPORT_YEAR + 1;
    const kind = REPORT_KINDS[n % REPORT_KINDS.length]!;
    const year = THIS_YEAR - (Math.floor(n / REPORT_KINDS.length) % years);
    const format = Math.floor(n / (REPORT_KINDS.length * years)) % 2 === 0 ? 'CSV' : 'XLSX';
    const at = Date.now();
    const answer = await this.send<{ requestReport: { id: string } | null }>(
      'request report',
      `mutation ($input: RequestReportInput!) { requestReport(input: $input) { ${REPORT_JOB_FIELDS} } }`,
      { input: { kind, regionCode: this.county.code, period: { year }, format } },
    );
    this.reports.push({
      at,
      key: `${kind} ${year} ${format}`,
      jobId: answer.response?.data?.requestReport?.id ?? null,
    });
  }

  /**
   * Moves one studio ACTIVE → RECTIFYING → ACTIVE …, as its office. After a move whose answer was
   * lost it reads the status first, so that the next move is a legal one.
   */
  private mover(workshopId: string): () => Promise<void> {
    let status: string | null = 'ACTIVE';
    return async () => {
      if (status === null) {
        const read = await this.send<{ workshop: { status: string } | null }>(
          'read:studio status',
          `query ($id: ID!) { workshop(id: $id) { status } }`,
          { id: workshopId },
        );
        status = read.response?.data?.workshop?.status ?? null;
        if (status === null) return;
      }
      const to = status === 'ACTIVE' ? 'RECTIFYING' : 'ACTIVE';
      const moved = await this.send<{ changeWorkshopStatus: { status: string } | null }>(
        'move studio',
        `mutation ($input: ChangeWorkshopStatusInput!) { changeWorkshopStatus(input: $input) { status } }`,
        {
          input: {
            workshopId,
            to,
            reason: to === 'RECTIFYING' ? '年度考核基本合格，限期整改' : '整改复评合格',
            ...(to === 'RECTIFYING' ? { rectificationDeadline: `${THIS_YEAR + 1}-06-30` } : {}),
          },
        },
      );
      status = moved.response?.data?.changeWorkshopStatus?.status ?? null;
    };
  }
}
