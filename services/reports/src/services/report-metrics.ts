import { Histogram } from 'prom-client';
import { ReportKind } from '@mingshi/reports';
import { metricsRegistry } from '@mingshi/telemetry';

/** How a finished report ended, as a label. */
export type ReportOutcome = 'succeeded' | 'failed';

export const reportDurationSeconds = new Histogram({
  name: 'mingshi_report_duration_seconds',
  help: 'A report from its request to its file (or its failure), by kind and outcome',
  labelNames: ['kind', 'outcome'] as const,
  buckets: [1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
  registers: [metricsRegistry],
});

// Every kind and outcome is on /metrics from the start: a dashboard sees 0, not no data.
for (const kind of Object.values(ReportKind)) {
  for (const outcome of ['succeeded', 'failed'] as const) reportDurationSeconds.zero({ kind, outcome });
}

/** Records one report's end, measured from when it was requested. */
export function recordReportDuration(
  kind: ReportKind,
  outcome: ReportOutcome,
  requestedAt: Date,
  now: Date,
): void {
  reportDurationSeconds.observe(
    { kind, outcome },
    Math.max(0, (now.getTime() - requestedAt.getTime()) / 1000),
  );
}
