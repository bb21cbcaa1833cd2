import { download, downloadUrl, finished, requested } from './report-fixtures';
import type { TestSystem, TokenRequest } from './system';

/** A finished report of a jurisdiction, requested by its office. */
export interface PlantedReport {
  jobId: string;
}

/**
 * A continuing-education report of `regionCode`, requested by `office` and waited for; with
 * `downloaded`, also downloaded once, so its audit has a row to show.
 */
export async function plantReport(
  system: TestSystem,
  office: TokenRequest,
  regionCode: string,
  year: number,
  options: { downloaded?: boolean } = {},
): Promise<PlantedReport> {
  const job = await requested(system, office, { kind: 'TRAINING_HOURS', regionCode, year, format: 'CSV' });
  const done = await finished(system, office, job.id);
  if (done.status !== 'SUCCEEDED') throw new Error(`planted report ${job.id} ${done.status}: ${done.error}`);
  if (options.downloaded) {
    const file = await download(await downloadUrl(system, office, job.id));
    if (file.status !== 200) throw new Error(`planted report download answered ${file.status}`);
  }
  return { jobId: job.id };
}
