import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import type { WebhookReceiver } from '../harness/webhook-receiver';
import type { ReportRecord, SpendRecord } from './steady-load';

/** How long an event of a fault's window, committed after the drain was seen, may take to arrive. */
const STRAGGLER_MS = 30_000;
/** A span of the run: what was sent (or happened) from `from` up to, not including, `to`. */
/** Report jobs queued or running: the reports service's unfinished work. */
export async function openReports(db: Pool): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM reports.report_job WHERE status IN ('QUEUED', 'RUNNING')`,
  );
  return Number(rows[0]!.n);
}

export interface Window {
  from: number;
  to: number;
}

/** What one stream of work came to, for the work that started in one window. */
export interface StreamCount {
  /** How many pieces of work there were (events in the log, report jobs, outbox events). */
  expected: number;
  /** Never delivered, never finished, never consumed. */
  lost: number;
  /** The same change applied twice (two events for one approval, two jobs for one request …). */
  appliedTwice: number;
  /** Deliveries of an event id already delivered: at-least-once, harmless to an idempotent receiver. */
  redeliveries: number;
  /** What each lost or doubled piece was, for the failure message. */
  details: string[];
}

export interface AuditCounts {
  fundEvents: StreamCount;
  reports: StreamCount;
  outboxEvents: StreamCount;
}

const PATH = '/fund-events';

interface LogRow {
  id: string;
  position: string | null;
  type: string;
  expense_id: string | null;
  occurred_at: Date;
}

/**
 * Counts, from what was really stored and received, whether the work of a window arrived exactly
 * once: fund events in the log against the webhook receiver (which applies each id once and counts
 * redeliveries apart), report requests against the jobs and files they ended as, and workshop's
 * outbox events against finance's inbox.
 */
export class DeliveryAudit {
  constructor(
    private readonly db: Pool,
    private readonly receiver: WebhookReceiver,
    /** The endpoint's position when it was registered: it is sent every event after it. */
    private readonly deliveredThrough: bigint,
    private readonly reportStoreDir: string,
  ) {}

  /**
   * Waits until nothing is in flight any more: every fund event sequenced and received, every
   * report job finished, every outbox event published and consumed. Answers when that was, or null
   * at the deadline (what is still in flight then counts as lost).
   */
  async drained(timeoutMs: number): Promise<number | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        if ((await this.inFlight()) === 0) return Date.now();
      } catch {
        // The database is still coming back: in flight, as far as anyone can tell.
      }
      if (Date.now() > deadline) return null;
      await sleep(500);
    }
  }

  /** How many pieces of work are unfinished right now, across the three streams. */
  async inFlight(): Promise<number> {
    const [log, jobs, outbox] = await Promise.all([
      this.logAfterRegistration(),
      openReports(this.db),
      this.db.query<{ n: string }>(
        `SELECT count(*) AS n FROM workshop.outbox o
         WHERE o.published_at IS NULL
            OR NOT EXISTS (SELECT 1 FROM finance.inbox i WHERE i.event_id = o.event_id)`,
      ),
    ]);
    const received = this.receivedIds();
    const undelivered = log.filter((event) => event.position === null || !received.has(event.id)).length;
    return undelivered + jobs + Number(outbox.rows[0]!.n);
  }

  async count(window: Window, spends: SpendRecord[], reports: ReportRecord[]): Promise<AuditCounts> {
    return {
      fundEvents: await this.countFundEvents(window, spends),
      reports: await this.countReports(window, reports),
      outboxEvents: await this.countOutboxEvents(window),
    };
  }

  private async countFundEvents(window: Window, spends: SpendRecord[]): Promise<StreamCount> {
    // The load goes on: a change made within the window may commit after drained() looked (its
    // request answered late), so an event not received yet gets STRAGGLER_MS to arrive. A lost one
    // never does.
    const deadline = Date.now() + STRAGGLER_MS;
    let log = (await this.logAfterRegistration()).filter((event) => within(window, event.occurred_at));
    while (Date.now() < deadline && log.some((event) => !this.receipts().has(event.id))) {
      await sleep(500);
      log = (await this.logAfterRegistration()).filter((event) => within(window, event.occurred_at));
    }
    const receipts = this.receipts();
    const details: string[] = [];
    let lost = 0;
    for (const event of log) {
      if (event.position === null) details.push(`event ${event.id} (${event.type}) was never sequenced`);
      else if (!receipts.has(event.id)) details.push(`event ${event.position} (${event.type}) never arrived`);
      else continue;
      lost += 1;
    }
    // An approval the client was told succeeded must be in the log (the change and its event commit
    // together), wherever its event fell: the approval may have been answered after the window closed.
    const approved = spends.filter((s) => s.approved && within(window, s.at)).map((s) => s.expenseId!);
    const { rows: logged } = await this.db.query<{ expense_id: string }>(
      `SELECT DISTINCT expense_id FROM finance.fund_event WHERE type = 'EXPENSE_APPROVED' AND expense_id = ANY($1::uuid[])`,
      [approved],
    );
    const inLog = new Set(logged.map((row) => row.expense_id));
    for (const expenseId of approved.filter((id) => !inLog.has(id))) {
      lost += 1;
      details.push(`expense ${expenseId} was approved, yet no EXPENSE_APPROVED event is in the log`);
    }
    // Applied twice: one change to one expense that became two events.
    const perChange = new Map<string, number>();
    for (const event of log.filter((e) => e.expense_id !== null)) {
      const change = `${event.expense_id} ${event.type}`;
      perChange.set(change, (perChange.get(change) ?? 0) + 1);
    }
    let appliedTwice = 0;
    for (const [change, events] of perChange) {
      if (events > 1) {
        appliedTwice += events - 1;
        details.push(`${change} is in the log ${events} times`);
      }
    }
    const redeliveries = log.reduce((sum, event) => sum + Math.max(0, (receipts.get(event.id) ?? 0) - 1), 0);
    return { expected: log.length, lost, appliedTwice, redeliveries, details };
  }

  private async countReports(window: Window, reports: ReportRecord[]): Promise<StreamCount> {
    const { rows } = await this.db.query<{
      id: string;
      request_key: string;
      kind: string;
      year: number;
      format: string;
      status: string;
      error: string | null;
      file_key: string | null;
      requested_at: Date;
    }>(
      `SELECT id, request_key, kind, year, format, status, error, file_key, requested_at
       FROM reports.report_job WHERE requested_at >= $1 AND requested_at < $2`,
      [new Date(window.from), new Date(window.to)],
    );
    const details: string[] = [];
    let lost = 0;
    const jobs = new Map(rows.map((row) => [row.id, row]));
    for (const answered of reports.filter((r) => r.jobId && within(window, r.at))) {
      if (!jobs.has(answered.jobId!)) {
        // Answered with a job the reports service did not keep, or one requested just before the window.
        const { rowCount } = await this.db.query(`SELECT 1 FROM reports.report_job WHERE id = $1`, [
          answered.jobId,
        ]);
        if (rowCount === 0) {
          lost += 1;
          details.push(`${answered.key}: answered with job ${answered.jobId}, which does not exist`);
        }
      }
    }
    for (const job of rows) {
      const what = `${job.kind} ${job.year} ${job.format} (job ${job.id})`;
      if (job.status !== 'SUCCEEDED') {
        lost += 1;
        details.push(`${what} ended ${job.status}${job.error ? `: ${job.error}` : ''}`);
        continue;
      }
      const files = this.reportFiles(job.id);
      if (!job.file_key || !existsSync(path.join(this.reportStoreDir, job.file_key)) || files.length !== 1) {
        lost += 1;
        details.push(`${what} SUCCEEDED with ${files.length} files (${files.join(', ') || 'none'})`);
      }
    }
    // Each request asks for a report no other request asks for: one key, one job.
    const perKey = new Map<string, number>();
    for (const job of rows) perKey.set(job.request_key, (perKey.get(job.request_key) ?? 0) + 1);
    let appliedTwice = 0;
    for (const [key, count] of perKey) {
      if (count > 1) {
        appliedTwice += count - 1;
        const job = rows.find((row) => row.request_key === key)!;
        details.push(`${job.kind} ${job.year} ${job.format} became ${count} jobs`);
      }
    }
    return { expected: rows.length, lost, appliedTwice, redeliveries: 0, details };
  }

  private async countOutboxEvents(window: Window): Promise<StreamCount> {
    const { rows } = await this.db.query<{
      event_id: string;
      type: string;
      published: boolean;
      consumed: string;
    }>(
      `SELECT o.event_id, o.type, o.published_at IS NOT NULL AS published,
              (SELECT count(*) FROM finance.inbox i WHERE i.event_id = o.event_id) AS consumed
       FROM workshop.outbox o WHERE o.occurred_at >= $1 AND o.occurred_at < $2`,
      [new Date(window.from), new Date(window.to)],
    );
    const details: string[] = [];
    let lost = 0;
    let appliedTwice = 0;
    for (const row of rows) {
      const consumed = Number(row.consumed);
      if (!row.published || consumed === 0) {
        lost += 1;
        details.push(
          `${row.type} ${row.event_id}: ${row.published ? 'published, never consumed' : 'never published'}`,
        );
      } else if (consumed > 1) {
        appliedTwice += consumed - 1;
        details.push(`${row.type} ${row.event_id} consumed ${consumed} times`);
      }
    }
    return { expected: rows.length, lost, appliedTwice, redeliveries: 0, details };
  }

  /** Whether the positions the receiver accepted run from the first to the last without a hole. */
  positionsGapFree(): boolean {
    const positions = [
      ...new Set(
        this.receiver
          .accepted(PATH)
          .map((request) => BigInt((JSON.parse(request.body) as { position: string }).position)),
      ),
    ].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return positions.every((position, i) => i === 0 || position === positions[i - 1]! + 1n);
  }

  private async logAfterRegistration(): Promise<LogRow[]> {
    const { rows } = await this.db.query<LogRow>(
      `SELECT id, position, type, expense_id, occurred_at FROM finance.fund_event
       WHERE position IS NULL OR position > $1 ORDER BY entry`,
      [this.deliveredThrough.toString()],
    );
    return rows;
  }

  /** How many times each event id was accepted (answered 2xx) by the receiver. */
  private receipts(): Map<string, number> {
    const receipts = new Map<string, number>();
    for (const request of this.receiver.at(PATH)) {
      if (request.status < 200 || request.status >= 300) continue;
      const id = request.headers['webhook-id']!;
      receipts.set(id, (receipts.get(id) ?? 0) + 1);
    }
    return receipts;
  }

  private receivedIds(): Set<string> {
    return new Set(this.receiver.accepted(PATH).map((request) => request.headers['webhook-id']!));
  }

  /**
   * The objects in a report's folder of the local store. A renderer killed mid-write leaves its
   * temporary (`report.csv~….tmp`) beside the file its retry wrote; it is no object, and the store
   * removes it with the file (libs/storage, local-directory-store.ts).
   */
  private reportFiles(jobId: string): string[] {
    const folder = path.join(this.reportStoreDir, 'reports', jobId);
    return existsSync(folder) ? readdirSync(folder).filter((name) => !name.includes('~')) : [];
  }
}

function within(window: Window, at: Date | number): boolean {
  const time = typeof at === 'number' ? at : at.getTime();
  return time >= window.from && time < window.to;
}

/** The receiver's path for the finance system's endpoint. */
export const RECEIVER_PATH = PATH;
