import { flag, listenHost, loadConfig, port, secret, serviceEnv, url, z } from '@mingshi/config';
import { queuePrefixSetting } from '@mingshi/events';
import { reportWorkerEnv } from '@mingshi/reports';
import { objectStoreEnv } from '@mingshi/storage';
import { processPartsSetting } from '@mingshi/subgraph-server';

export function reportsConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    {
      ...serviceEnv,
      ...objectStoreEnv(env),
      /** How soon a dead report worker's job is taken over (REPORT_WORKER_LOCK_MS). */
      ...reportWorkerEnv,
      HOST: listenHost(env),
      PORT: port(4005),
      /** The parts this process runs (libs/subgraph-server process-parts.ts); all by default. */
      MINGSHI_PARTS: processPartsSetting('reports'),
      QUEUE_PREFIX: queuePrefixSetting(),
      /** Signs download links; shared with nothing else (the links are verified here). */
      REPORT_DOWNLOAD_SECRET: secret(),
      /** Where callers reach downloads: the gateway's public address, which forwards /reports/downloads here. */
      REPORT_DOWNLOAD_BASE_URL: url(['http', 'https']).default('http://localhost:4000'),
      /** How long a finished report's file is kept before retention removes it. */
      REPORT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
      /** How often job progress is read from the queues and retention is applied. */
      REPORT_TRACK_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(1_000),
      /** Run a report's sections side by side instead of one after another (see ReportFlow). */
      REPORT_SECTIONS_IN_PARALLEL: flag(false),
      /** Reports rendered at once by this service, each in its own sandboxed process. */
      REPORT_RENDER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
    },
    env,
  );
}

export type ReportsConfig = ReturnType<typeof reportsConfig>;
