import type { FieldBase } from './fuzz-cases';
import { finished, requested } from './report-fixtures';
import type { TestSystem, TokenRequest } from './system';

/** The report jobs the base calls act on. */
export interface ReportTargets {
  /** SUCCEEDED: reportJob reads it. */
  finishedJobId: string;
  /** Never finishes (its evaluation section is never taken): cancelReport. */
  openJobId: string;
}

let plantings = 0;

/**
 * A finished report of the office's county, then one that never finishes: the evaluation section
 * worker is stopped for the run. The personnel section worker is stopped too once the targets are
 * planted, so no fuzzed request's report writes personnel's audit of unmasked reads in the
 * background, which the fuzzer would count against whichever case was running. Each planting asks
 * for another year, so two plantings never share one in-flight job.
 */
export async function plantReportTargets(system: TestSystem, office: TokenRequest): Promise<ReportTargets> {
  const year = new Date().getFullYear() - ++plantings;
  const ask = { kind: 'TRAINING_HOURS', regionCode: office.region, year, format: 'CSV' };
  // A planting before this one stopped it.
  system.sectionWorkers.personnel.start();
  await system.sectionWorkers.evaluation.stop();
  const done = await finished(system, office, (await requested(system, office, ask)).id);
  if (done.status !== 'SUCCEEDED') throw new Error(`fuzz report target ${done.id} ${done.status}`);
  const open = await requested(system, office, { ...ask, kind: 'ASSESSMENT_RESULTS' });
  await system.sectionWorkers.personnel.stop();
  return { finishedJobId: done.id, openJobId: open.id };
}

type Builder = (t: ReportTargets, office: TokenRequest) => FieldBase;

/** A valid call of every reports root field that takes arguments, as an office. */
export const REPORT_BASES: { query: Record<string, Builder>; mutation: Record<string, Builder> } = {
  query: {
    reportJob: (t, office) => ({ caller: office, args: { id: t.finishedJobId } }),
    reportJobs: (_t, office) => ({
      caller: office,
      args: { filter: { regionCode: office.region, kind: 'TRAINING_HOURS', status: 'SUCCEEDED' }, first: 10 },
    }),
  },
  mutation: {
    requestReport: (_t, office) => ({
      caller: office,
      args: {
        input: {
          kind: 'ANNUAL_SUMMARY',
          regionCode: office.region,
          period: { year: new Date().getFullYear() },
          format: 'XLSX',
          options: { regenerate: false },
        },
      },
    }),
    cancelReport: (t, office) => ({ caller: office, args: { id: t.openJobId } }),
  },
};
