import { Queue } from 'bullmq';
import type { QueueRedis } from '@mingshi/events';
import type { DataSource } from 'typeorm';
import { NATIONWIDE } from '@mingshi/auth';
import { withScopedTransaction } from '@mingshi/db';
import { Notification, QueueName, notificationChannel, queueTelemetry } from '@mingshi/events';
import type { Logger } from '@mingshi/logger';
import { ChannelListener } from '../services/channel-listener';
import { SEQUENCER_BATCH_SIZE, sequenceFundEvents } from '../services/event-sequencer';
import { FUND_EVENTS_CHANNEL } from '../services/fund-event-log';
import { WakeableLoop } from '../services/wakeable-loop';
import { WEBHOOK_DELIVERIES_CHANNEL, dispatchDeliveries } from './delivery-dispatcher';
import type { WebhookJob } from './delivery-job';
import { WebhookDeliveryWorker, type DeliveryWorkerOptions } from './delivery-worker';
import { fanOutFundEvents } from './fan-out';

export interface FundEventPipelineOptions extends Pick<
  DeliveryWorkerOptions,
  'schedule' | 'disableAfterMs' | 'pausedRecheckMs' | 'concurrency' | 'resolve' | 'urlPolicy' | 'timeoutMs'
> {
  dataSource: DataSource;
  redis: QueueRedis;
  prefix: string;
  logger: Logger;
  /** Where to LISTEN for commits; the DataSource's own URL when absent. */
  databaseUrl?: string;
  /** The fallback timer of the sequencer, fan-out and dispatcher, for notifications lost in a reconnect. */
  intervalMs?: number;
}

export interface FundEventPipeline {
  stop(): Promise<void>;
  /** One pass of sequencer, fan-out and dispatcher, in that order, each finished. */
  runOnce(): Promise<void>;
  /**
   * Waits until every committed event is sequenced and every delivery to an active endpoint has
   * succeeded or failed for good (tests use it; short schedules keep it short).
   */
  drain(timeoutMs?: number): Promise<void>;
}

/** Starts the sequencer, the fan-out, the dispatcher and the delivery worker. */
export async function startFundEventPipeline(options: FundEventPipelineOptions): Promise<FundEventPipeline> {
  const { dataSource, redis, prefix, logger, intervalMs = 1_000 } = options;
  const queue = new Queue<WebhookJob>(QueueName.FINANCE_WEBHOOKS, {
    connection: redis,
    prefix,
    telemetry: queueTelemetry(),
  });
  const dispatcher = new WakeableLoop(
    'webhook dispatch',
    () => dispatchDeliveries(dataSource, queue),
    intervalMs,
    logger,
  );
  const fanOut = new WakeableLoop(
    'webhook fan-out',
    async () => {
      const more = await fanOutFundEvents(dataSource);
      dispatcher.wake();
      return more;
    },
    intervalMs,
    logger,
  );
  const sequencer = new WakeableLoop(
    'fund-event sequencer',
    async () => {
      const run = await sequenceFundEvents(dataSource);
      if (!run || run.stamped === 0) return false;
      // The log's highest position: the gateway's subscriptions read on when they hear it.
      await redis.publish(notificationChannel(prefix, Notification.FUND_EVENTS), run.through);
      fanOut.wake();
      return run.stamped === SEQUENCER_BATCH_SIZE;
    },
    intervalMs,
    logger,
  );
  const worker = new WebhookDeliveryWorker({ ...options, connection: redis });
  const databaseUrl = options.databaseUrl ?? (dataSource.options as { url?: string }).url;
  const listener = databaseUrl
    ? new ChannelListener(
        databaseUrl,
        [FUND_EVENTS_CHANNEL, WEBHOOK_DELIVERIES_CHANNEL],
        (channel) => (channel === FUND_EVENTS_CHANNEL ? sequencer : fanOut).wake(),
        logger,
      )
    : null;

  sequencer.start();
  fanOut.start();
  dispatcher.start();
  worker.start();
  await listener?.start();

  const runOnce = async () => {
    await sequencer.runOnce();
    await fanOut.runOnce();
    await dispatcher.runOnce();
  };
  return {
    runOnce,
    async stop() {
      await listener?.stop();
      await sequencer.stop();
      await fanOut.stop();
      await dispatcher.stop();
      await worker.stop();
      await queue.close();
    },
    async drain(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await runOnce();
        if ((await settled(dataSource)) && (await worker.idle())) return;
        if (Date.now() > deadline) throw new Error('fund events were not sequenced and delivered in time');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** Whether nothing is left to sequence, hand out, queue or deliver to an active endpoint. */
async function settled(dataSource: DataSource): Promise<boolean> {
  const [row] = (await withScopedTransaction(dataSource, NATIONWIDE, (manager) =>
    manager.query(
      `SELECT
         EXISTS (SELECT 1 FROM finance.fund_event WHERE position IS NULL)
         OR EXISTS (SELECT 1 FROM finance.webhook_endpoint WHERE status = 'ACTIVE'
                    AND delivered_through < (SELECT coalesce(max(position), 0) FROM finance.fund_event))
         OR EXISTS (SELECT 1 FROM finance.webhook_delivery d JOIN finance.webhook_endpoint w ON w.id = d.endpoint_id
                    WHERE w.status = 'ACTIVE' AND d.status IN ('PENDING', 'RETRYING')) AS busy`,
    ),
  )) as { busy: boolean }[];
  return !row!.busy;
}
