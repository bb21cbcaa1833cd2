/** The parts of jest's `--json` report that a merge touches; the rest is kept from the first. */
export type JestReport = Record<string, unknown> & { testResults: unknown[]; success: boolean };

/**
 * One report of several jest runs: counts (`num…`) summed, results joined, a success only if every
 * run was one. A run that wrote no report (jest itself failed) counts as a suite that could not run.
 */
export function mergeReports(reports: (JestReport | null)[]): JestReport {
  const merged: JestReport = { testResults: [], success: true, numRuntimeErrorTestSuites: 0 };
  for (const report of reports) {
    if (!report) {
      merged.success = false;
      merged.numRuntimeErrorTestSuites = (merged.numRuntimeErrorTestSuites as number) + 1;
      continue;
    }
    for (const [key, value] of Object.entries(report)) {
      if (key.startsWith('num') && typeof value === 'number')
        merged[key] = ((merged[key] as number) ?? 0) + value;
      else if (!(key in merged)) merged[key] = value;
    }
    merged.testResults.push(...report.testResults);
    merged.success = merged.success && report.success;
    if (report.wasInterrupted) merged.wasInterrupted = true;
  }
  return merged;
}
