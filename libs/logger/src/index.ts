import pino, { type Logger } from 'pino';
import { activeSpanIds } from '@mingshi/telemetry';

export type { Logger };

/** Header that carries one request's id from the client through the gateway to every subgraph. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Structured JSON logs, one logger per process, tagged with the service name. A line written
 * inside a traced span carries its `trace_id` and `span_id` (the names OpenTelemetry's log data
 * model uses), so a log search and a trace lead to each other.
 */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service },
    // A new object each time: pino merges the line's own fields into it.
    mixin: () => activeSpanIds() ?? {},
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: ['req.headers.authorization', 'headers.authorization'], remove: true },
  });
}
