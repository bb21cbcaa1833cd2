import type { StallSettings } from '@mingshi/reports';
import type { GraphQLResponse } from '@mingshi/testing';
import type { GraphCaller, TokenRequest } from './system';

/** Report workers in tests give up a dead worker's job after about two seconds, not thirty. */
export const TEST_STALL_SETTINGS: StallSettings = {
  lockDurationMs: 2_000,
  stalledIntervalMs: 1_000,
  maxStalledCount: 2,
};

/** The fields of a report job the report tests read. */
export const REPORT_JOB_FIELDS = `
  id kind year format masked status progress error sizeBytes fileName requestedBy reusedFrom { id }
  region { code }
  sections { service status progress rows error }
`;

export interface ReportJobView {
  id: string;
  kind: string;
  year: number;
  format: string;
  masked: boolean;
  status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  progress: number;
  error: string | null;
  sizeBytes: number | null;
  fileName: string | null;
  requestedBy: string;
  reusedFrom: { id: string } | null;
  region: { code: string };
  sections: {
    service: string;
    status: string;
    progress: number;
    rows: number | null;
    error: string | null;
  }[];
}

export interface ReportAsk {
  kind: string;
  regionCode: string;
  year: number;
  format: string;
  regenerate?: boolean;
}

export function requestReport(
  system: GraphCaller,
  caller: TokenRequest,
  ask: ReportAsk,
): Promise<GraphQLResponse<{ requestReport: ReportJobView | null }>> {
  return system.gql(
    caller,
    `mutation ($input: RequestReportInput!) { requestReport(input: $input) { ${REPORT_JOB_FIELDS} } }`,
    {
      input: {
        kind: ask.kind,
        regionCode: ask.regionCode,
        period: { year: ask.year },
        format: ask.format,
        ...(ask.regenerate === undefined ? {} : { options: { regenerate: ask.regenerate } }),
      },
    },
  );
}

/** Requests a report and answers its job, failing the test on any error. */
export async function requested(
  system: GraphCaller,
  caller: TokenRequest,
  ask: ReportAsk,
): Promise<ReportJobView> {
  const response = await requestReport(system, caller, ask);
  if (!response.data?.requestReport)
    throw new Error(`requestReport failed: ${JSON.stringify(response.errors)}`);
  return response.data.requestReport;
}

/** Polls the job through the gateway, as a front end would, until it has finished. */
export async function finished(
  system: GraphCaller,
  caller: TokenRequest,
  id: string,
  timeoutMs = 60_000,
): Promise<ReportJobView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await system.gql<{ reportJob: ReportJobView | null }>(
      caller,
      `query ($id: ID!) { reportJob(id: $id) { ${REPORT_JOB_FIELDS} } }`,
      { id },
    );
    const job = response.data?.reportJob;
    if (!job) throw new Error(`reportJob failed: ${JSON.stringify(response.errors)}`);
    if (!['QUEUED', 'RUNNING'].includes(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`report ${id} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** A signed download link for a finished job, as the caller gets it. */
export async function downloadUrl(
  system: GraphCaller,
  caller: TokenRequest,
  id: string,
  expiresInSeconds?: number,
): Promise<string> {
  const response = await system.gql<{ reportJob: { downloadUrl: string | null } | null }>(
    caller,
    `query ($id: ID!, $seconds: Int) { reportJob(id: $id) { downloadUrl(expiresInSeconds: $seconds) } }`,
    { id, seconds: expiresInSeconds ?? null },
  );
  const url = response.data?.reportJob?.downloadUrl;
  if (!url) throw new Error(`no download link: ${JSON.stringify(response)}`);
  return url;
}

/** Follows a download link as a browser would: no bearer token, only the link. */
export async function download(url: string): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const response = await fetch(url);
  return {
    status: response.status,
    headers: response.headers,
    body: Buffer.from(await response.arrayBuffer()),
  };
}
