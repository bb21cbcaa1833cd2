import type { SandboxedJob } from 'bullmq';
import type { SectionOutput } from '@mingshi/reports';
import { loadConfig } from '@mingshi/config';
import { createObjectStore, objectStoreEnv } from '@mingshi/storage';
import type { AssemblyJobData, AssemblyResult } from './assembly-job';
import { assembleReport } from './assemble-report';

// The child inherits the service's environment, so it opens the same store the service does.
const store = createObjectStore(loadConfig(objectStoreEnv(process.env)));

/**
 * The assembly as BullMQ's sandboxed processor: it runs in a child process of the reports
 * service, so rendering a province's report (CPU for seconds, a font in memory) never stalls the
 * service's GraphQL, and a renderer that crashes takes only its child down.
 */
export default async function assemble(
  job: SandboxedJob<AssemblyJobData, AssemblyResult>,
): Promise<AssemblyResult> {
  const children = Object.values(await job.getChildrenValues()) as SectionOutput[];
  const result = await assembleReport(store, job.data, children);
  await job.updateProgress(100);
  return result;
}
