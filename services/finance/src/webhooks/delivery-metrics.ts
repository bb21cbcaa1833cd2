import { Counter } from 'prom-client';
import { metricsRegistry } from '@mingshi/telemetry';

/** What a webhook attempt came to: delivered, failed (retried later), or the last that gave up. */
export type DeliveryOutcome = 'delivered' | 'failed' | 'gave_up';

export const webhookDeliveriesTotal = new Counter({
  name: 'mingshi_webhook_deliveries_total',
  help: 'Fund-event webhook attempts, by outcome: delivered, failed (to be retried) or gave_up (the delivery failed for good)',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

const byOutcome: Record<DeliveryOutcome, Counter.Internal> = {
  delivered: webhookDeliveriesTotal.labels('delivered'),
  failed: webhookDeliveriesTotal.labels('failed'),
  gave_up: webhookDeliveriesTotal.labels('gave_up'),
};

/** Counts one attempt; every outcome is on /metrics from the start, at 0 until it happens. */
export function countDeliveryAttempt(outcome: DeliveryOutcome): void {
  byOutcome[outcome].inc();
}
