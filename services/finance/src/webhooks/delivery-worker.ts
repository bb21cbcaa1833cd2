import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { QueueRedis } from '@mingshi/events';
import type { DataSource, EntityManager } from 'typeorm';
import { NATIONWIDE } from '@mingshi/auth';
import { withScopedTransaction } from '@mingshi/db';
import { QueueName, observeQueue, queueTelemetry } from '@mingshi/events';
import type { Logger } from '@mingshi/logger';
import { WEBHOOK_BACKOFF, type WebhookJob } from './delivery-job';
import { countDeliveryAttempt, type DeliveryOutcome } from './delivery-metrics';
import { postWebhook, type AttemptOutcome } from './http-attempt';
import { WEBHOOK_RETRY_SCHEDULE_MS, nextRetryDelayMs } from './retry-schedule';
import { webhookUrlProblem, type ResolveHost, type WebhookUrlPolicy } from './url-safety';
import { fundEventPayload, signedHeaders, type FundEventRow } from './webhook-payload';

const DAY_MS = 24 * 3600 * 1000;

export interface DeliveryWorkerOptions {
  dataSource: DataSource;
  connection: QueueRedis;
  prefix: string;
  logger: Logger;
  urlPolicy: WebhookUrlPolicy;
  timeoutMs: number;
  /** Delays between attempts (the first is immediate); tests pass short ones. */
  schedule?: readonly number[];
  /** An endpoint failing without a success for this long is disabled (5 days). */
  disableAfterMs?: number;
  /** How long a delivery to a paused endpoint waits before it looks again. */
  pausedRecheckMs?: number;
  /**
   * Deliveries in hand at once. 1 keeps attempts in log order within a process; a failed one is
   * retried later and holds nothing back.
   */
  concurrency?: number;
  resolve?: ResolveHost;
}

/** How each verdict on an attempt is counted. */
const OUTCOMES: Record<'succeeded' | 'retry' | 'failed', DeliveryOutcome> = {
  succeeded: 'delivered',
  retry: 'failed',
  failed: 'gave_up',
};

/** A failed attempt with the delay the worker chose for the next (schedule, jitter, Retry-After). */
class RetryLater extends Error {
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
  }
}

interface DeliveryRow extends FundEventRow {
  delivery_id: string;
  delivery_status: string;
  attempt_count: number;
  endpoint_id: string;
  url: string;
  endpoint_status: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
}

/**
 * Sends queued deliveries: one signed POST per attempt, every attempt recorded with the delivery's
 * standing, retried on the schedule. 2xx succeeds; 410 Gone disables the endpoint and ends the
 * delivery; anything else (including no answer, or an address that now resolves inside the
 * network) is retried until the schedule is spent.
 */
export class WebhookDeliveryWorker {
  private readonly worker: Worker<WebhookJob>;
  private counts: Queue | null = null;
  private unobserve: (() => Promise<void>) | null = null;
  private readonly schedule: readonly number[];

  constructor(private readonly options: DeliveryWorkerOptions) {
    this.schedule = options.schedule ?? WEBHOOK_RETRY_SCHEDULE_MS;
    this.worker = new Worker<WebhookJob>(
      QueueName.FINANCE_WEBHOOKS,
      (job, token) => this.process(job, token),
      {
        connection: options.connection,
        prefix: options.prefix,
        concurrency: options.concurrency ?? 1,
        autorun: false,
        telemetry: queueTelemetry(),
        settings: {
          backoffStrategy: (attemptsMade, type, error) => {
            if (type !== WEBHOOK_BACKOFF) return -1;
            if (error instanceof RetryLater) return error.delayMs;
            // The worker's own failure (the database, say): retry on the schedule as well.
            return nextRetryDelayMs(attemptsMade, { schedule: this.schedule }) ?? -1;
          },
        },
      },
    );
    this.worker.on('failed', (job, error) =>
      options.logger.debug(
        { deliveryId: job?.data.deliveryId, err: error.message },
        'webhook attempt failed',
      ),
    );
    this.worker.on('error', (error) => options.logger.warn({ err: error.message }, 'webhook worker error'));
  }

  start(): void {
    const { connection, prefix } = this.options;
    this.unobserve ??= observeQueue(QueueName.FINANCE_WEBHOOKS, connection, prefix);
    void this.worker.run();
  }

  async stop(): Promise<void> {
    await this.worker.close();
    await this.counts?.close();
    await this.unobserve?.();
    this.unobserve = null;
  }

  /** Whether nothing is waiting or in hand; delayed retries do not count (tests wait for this). */
  async idle(): Promise<boolean> {
    this.counts ??= new Queue(QueueName.FINANCE_WEBHOOKS, {
      connection: this.options.connection,
      prefix: this.options.prefix,
    });
    const counts = await this.counts.getJobCounts('waiting', 'active', 'prioritized');
    return Object.values(counts).every((count) => count === 0);
  }

  private async process(job: Job<WebhookJob>, token: string | undefined): Promise<void> {
    const { dataSource, logger } = this.options;
    const row = await withScopedTransaction(dataSource, NATIONWIDE, (manager) =>
      loadDelivery(manager, job.data.deliveryId),
    );
    if (!row || row.delivery_status === 'SUCCEEDED' || row.delivery_status === 'FAILED') return;
    if (row.endpoint_status !== 'ACTIVE') {
      // Held, not attempted: the delivery keeps its place and goes once the endpoint is resumed.
      await job.moveToDelayed(Date.now() + (this.options.pausedRecheckMs ?? 60_000), token);
      throw new DelayedError();
    }
    const outcome = await this.attempt(row);
    const attemptsMade = row.attempt_count + 1;
    const verdict = await withScopedTransaction(dataSource, NATIONWIDE, (manager) =>
      this.record(manager, row, outcome, attemptsMade),
    );
    countDeliveryAttempt(OUTCOMES[verdict.kind]);
    logger.debug(
      { deliveryId: row.delivery_id, status: outcome.statusCode, verdict: verdict.kind },
      'webhook attempt',
    );
    if (verdict.kind === 'retry')
      throw new RetryLater(`answered ${outcome.statusCode ?? 'nothing'}`, verdict.delayMs);
    if (verdict.kind === 'failed') throw new UnrecoverableError(verdict.reason);
  }

  private async attempt(row: DeliveryRow): Promise<AttemptOutcome> {
    const problem = await webhookUrlProblem(row.url, this.options.urlPolicy, this.options.resolve);
    if (problem)
      return { statusCode: null, durationMs: 0, snippet: `not sent: the URL ${problem}`, retryAfterMs: null };
    const body = JSON.stringify(fundEventPayload(row));
    const rotating =
      row.previous_secret && row.previous_secret_expires_at && row.previous_secret_expires_at > new Date();
    const secrets = rotating ? [row.secret, row.previous_secret!] : [row.secret];
    return postWebhook(row.url, body, signedHeaders(row.id, body, secrets), this.options.timeoutMs);
  }

  /** Records the attempt and what follows from it, in one transaction. */
  private async record(
    manager: EntityManager,
    row: DeliveryRow,
    outcome: AttemptOutcome,
    attemptsMade: number,
  ): Promise<
    { kind: 'succeeded' } | { kind: 'retry'; delayMs: number } | { kind: 'failed'; reason: string }
  > {
    await manager.query(
      `INSERT INTO finance.webhook_attempt (delivery_id, region_code, status_code, duration_ms, response_snippet)
       SELECT id, region_code, $2, $3, $4 FROM finance.webhook_delivery WHERE id = $1`,
      [row.delivery_id, outcome.statusCode, outcome.durationMs, outcome.snippet],
    );
    const status = outcome.statusCode;
    if (status !== null && status >= 200 && status < 300) {
      await this.setDelivery(manager, row.delivery_id, 'SUCCEEDED', null);
      await manager.query(`UPDATE finance.webhook_endpoint SET failing_since = NULL WHERE id = $1`, [
        row.endpoint_id,
      ]);
      return { kind: 'succeeded' };
    }
    if (status === 410) {
      const reason = 'The endpoint answered 410 Gone';
      await this.disable(manager, row.endpoint_id, reason);
      await this.setDelivery(manager, row.delivery_id, 'FAILED', null);
      return { kind: 'failed', reason };
    }
    // An UPDATE … RETURNING answers [rows, count] through TypeORM.
    const [failing] = (await manager.query(
      `UPDATE finance.webhook_endpoint SET failing_since = coalesce(failing_since, now()) WHERE id = $1
       RETURNING extract(epoch FROM now() - failing_since) * 1000 AS failing_ms`,
      [row.endpoint_id],
    )) as [{ failing_ms: string }[], number];
    const failingMs = Number(failing[0]?.failing_ms ?? 0);
    if (failingMs >= (this.options.disableAfterMs ?? 5 * DAY_MS)) {
      const since = new Date(Date.now() - failingMs).toISOString();
      const reason = `Every delivery has failed since ${since}, without a success`;
      await this.disable(manager, row.endpoint_id, reason);
      await this.setDelivery(manager, row.delivery_id, 'FAILED', null);
      return { kind: 'failed', reason };
    }
    const delayMs = nextRetryDelayMs(attemptsMade, {
      schedule: this.schedule,
      retryAfterMs: outcome.retryAfterMs,
    });
    if (delayMs === null) {
      await this.setDelivery(manager, row.delivery_id, 'FAILED', null);
      return { kind: 'failed', reason: `Every one of ${attemptsMade} attempts failed` };
    }
    await this.setDelivery(manager, row.delivery_id, 'RETRYING', new Date(Date.now() + delayMs));
    return { kind: 'retry', delayMs };
  }

  private async setDelivery(manager: EntityManager, id: string, status: string, nextAttemptAt: Date | null) {
    await manager.query(
      `UPDATE finance.webhook_delivery
       SET status = $2, next_attempt_at = $3, attempt_count = attempt_count + 1, updated_at = now()
       WHERE id = $1`,
      [id, status, nextAttemptAt],
    );
  }

  private async disable(manager: EntityManager, endpointId: string, reason: string) {
    await manager.query(
      `UPDATE finance.webhook_endpoint SET status = 'DISABLED', disabled_reason = $2, updated_at = now()
       WHERE id = $1 AND status <> 'DISABLED'`,
      [endpointId, reason],
    );
  }
}

async function loadDelivery(manager: EntityManager, deliveryId: string): Promise<DeliveryRow | null> {
  const [row] = (await manager.query(
    `SELECT d.id AS delivery_id, d.status AS delivery_status, d.attempt_count,
            w.id AS endpoint_id, w.url, w.status AS endpoint_status, w.secret, w.previous_secret,
            w.previous_secret_expires_at,
            ev.id, ev.position::text, ev.type, ev.workshop_id, ev.region_code, ev.host_region_code,
            ev.allocation_id, ev.expense_id, ev.amount_fen::text, ev.occurred_at, ev.actor
     FROM finance.webhook_delivery d
     JOIN finance.webhook_endpoint w ON w.id = d.endpoint_id
     JOIN finance.fund_event ev ON ev.id = d.event_id
     WHERE d.id = $1`,
    [deliveryId],
  )) as DeliveryRow[];
  return row ?? null;
}
