import type { StreamCount } from './delivery-audit';
import type { FaultResult } from './fault-run';

/** What one run of the suite found, as written to test/faults/results/faults.json. */
export interface FaultSuiteResults {
  startedAt: string;
  /** Each service as its graph plus one process per worker part, or one process per service. */
  split: boolean;
  processes: string[];
  /** Seconds from the start until the system was up, seeded and under load. */
  setupSeconds: number;
  seconds: number;
  faults: FaultResult[];
  /** The work sent after the last fault, until the load stopped, once it had all arrived. */
  tail: FaultResult['counts'];
  /** Whether the positions the receiver was sent run without a hole from the first to the last. */
  positionsGapFree: boolean;
}

const HEADER = [
  'fault',
  'requests',
  'failed',
  'partial',
  'hangs',
  'unclear',
  'codes of the failures',
  'ready s',
  'drained s',
  'fund events lost/twice/redelivered',
  'reports lost/twice',
  'outbox lost/twice',
];

/** The figures of every fault as one Markdown table, as docs/reliability.md quotes it. */
export function resultsTable(results: FaultSuiteResults): string {
  const rows = results.faults.map((result) => [
    result.fault,
    String(result.during.total),
    String(result.during.failed),
    String(result.during.byVerdict.partial ?? 0),
    String(result.during.byVerdict.hang ?? 0),
    String(result.during.byVerdict.unclear ?? 0),
    describeCodes(result.during.byCode),
    readiness(result),
    result.secondsToDrain === null ? 'never' : String(result.secondsToDrain),
    `${figures(result.counts.fundEvents)}/${result.counts.fundEvents.redeliveries} of ${result.counts.fundEvents.expected}`,
    `${figures(result.counts.reports)} of ${result.counts.reports.expected}`,
    `${figures(result.counts.outboxEvents)} of ${result.counts.outboxEvents.expected}`,
  ]);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(HEADER), line(HEADER.map(() => '---')), ...rows.map(line)].join('\n');
}

function figures(count: StreamCount): string {
  return `${count.lost}/${count.appliedTwice}`;
}

function describeCodes(byCode: Record<string, number>): string {
  const entries = Object.entries(byCode).sort(([, a], [, b]) => b - a);
  return entries.length === 0 ? '–' : entries.map(([code, n]) => `${code} ${n}`).join(', ');
}

/** Seconds to ready; for a server restart also how many of them came after it was back. */
function readiness(result: FaultResult): string {
  if (result.secondsToReady === null) return 'never';
  return result.secondsAfterBack === result.secondsToReady
    ? String(result.secondsToReady)
    : `${result.secondsToReady} (${result.secondsAfterBack} after it was back)`;
}
