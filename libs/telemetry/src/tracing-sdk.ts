import type { IncomingMessage } from 'node:http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK } from '@opentelemetry/sdk-node';

/** Probes and scrapes: every few seconds, on every process, and no one's request. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

function untraced(request: IncomingMessage): boolean {
  const url = request.url ?? '';
  const query = url.indexOf('?');
  return UNTRACED_PATHS.has(query === -1 ? url : url.slice(0, query));
}

/**
 * The OpenTelemetry SDK as this system uses it: traces only, exported over OTLP as the standard
 * `OTEL_*` variables say (endpoint, protocol — http/protobuf unless told otherwise —, headers,
 * sampler, batch delays). Metrics are Prometheus's (/metrics), so the SDK's own metric and log
 * exporters stay off.
 *
 * Instrumented: incoming and outgoing HTTP (node:http), undici (the gateway's subgraph fetches,
 * subgraph-to-subgraph calls, webhook POSTs through fetch), pg (every SQL statement) and ioredis
 * (BullMQ's commands). The gateway's own spans (plan, fetch, post-processing) come from
 * @apollo/gateway through @opentelemetry/api; BullMQ's from its telemetry option (queueTelemetry in
 * libs/events). Client-side instrumentations record only inside a trace: the outbox relay's and
 * the workers' polling would otherwise start a trace of its own every half second.
 */
export function tracingSdk(serviceName: string): NodeSDK {
  return new NodeSDK({
    serviceName,
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: untraced,
        requireParentforOutgoingSpans: true,
      }),
      new UndiciInstrumentation({ requireParentforSpans: true }),
      // Statements only, never their parameters (personal data): enhancedDatabaseReporting stays off.
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
}
