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
// On the page from the start, at 0: a rate of failures reads 0, not "no data", before the first.
for (const outcome of Object.values(byOutcome)) outcome.inc(0);

/** Counts one attempt. */
export function countDeliveryAttempt(outcome: DeliveryOutcome): void {
  byOutcome[outcome].inc();
}
