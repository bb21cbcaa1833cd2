import type { JobsOptions, Telemetry } from 'bullmq';
import { BullMQOtel } from 'bullmq-otel';
import { contextOf, isTracing, type TraceCarrier } from '@mingshi/telemetry';

let telemetry: BullMQOtel | undefined;

/**
 * The `telemetry` option of every Queue, FlowProducer and Worker: while this process traces,
 * BullMQ's OpenTelemetry add-on (bullmq-otel, by BullMQ's authors), which stores the adding
 * span's context in each job and makes the worker's span of the job its child, so a trace runs on
 * through the queues. Nothing when the process does not trace, so BullMQ skips all of it.
 */
export function queueTelemetry(): Telemetry | undefined {
  if (!isTracing()) return undefined;
  return (telemetry ??= new BullMQOtel('mingshi'));
}

/**
 * The job option that makes a job continue the trace stored in `carrier`, for jobs added in bulk
 * long after the request whose work they finish (fund-event deliveries): each job then belongs to
 * its own request's trace rather than to the dispatcher's. Undefined when nothing traces.
 */
export function continuedTraceOption(carrier: TraceCarrier | null | undefined): JobsOptions['telemetry'] {
  const telemetry = queueTelemetry();
  if (!telemetry || !carrier) return undefined;
  return { metadata: telemetry.contextManager.getMetadata(contextOf(carrier)) };
}
