import { ROOT_CONTEXT, context, propagation, trace, type Context } from '@opentelemetry/api';
import { isTracing } from './tracing';

/**
 * A trace's W3C context (`traceparent`, and `tracestate` when there is one) as stored beside work
 * that goes on later, in another transaction or process: an outbox row, a fund event. Whoever
 * picks the work up continues the trace from it.
 */
export type TraceCarrier = Record<string, string>;

/** The active span's context to store with work that continues later; null when nothing traces. */
export function activeTraceCarrier(): TraceCarrier | null {
  if (!isTracing()) return null;
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? carrier : null;
}

/** The context a stored carrier names (the root context without one). */
export function contextOf(carrier: TraceCarrier | null | undefined): Context {
  return carrier ? propagation.extract(ROOT_CONTEXT, carrier) : ROOT_CONTEXT;
}

/** Runs `work` as part of the trace in `carrier`, so the spans it starts are that trace's. */
export function continueTrace<T>(carrier: TraceCarrier | null | undefined, work: () => T): T {
  return carrier ? context.with(contextOf(carrier), work) : work();
}

/** The ids a log line carries to find its trace; none outside a span (or when nothing traces). */
export function activeSpanIds(): { trace_id: string; span_id: string } | null {
  const span = trace.getActiveSpan();
  if (!span) return null;
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}
