import { listenHost, loadConfig, port, serviceEnv, url, z } from '@mingshi/config';
import { queuePrefixSetting } from '@mingshi/events';
import { reportWorkerEnv } from '@mingshi/reports';
import { objectStoreEnv } from '@mingshi/storage';
import { processPartsSetting } from '@mingshi/subgraph-server';

export function evaluationConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    {
      ...serviceEnv,
      /** Where report sections are written (shared with the reports service). */
      ...objectStoreEnv(env),
      /** How soon a dead report worker's job is taken over (REPORT_WORKER_LOCK_MS). */
      ...reportWorkerEnv,
      HOST: listenHost(env),
      PORT: port(4004),
      /** The parts this process runs (libs/subgraph-server process-parts.ts); all by default. */
      MINGSHI_PARTS: processPartsSetting('evaluation'),
      /** The workshop subgraph, asked on the caller's behalf about studios, their people and figures. */
      WORKSHOP_URL: url(['http', 'https']).default('http://localhost:4002/graphql'),
      /** The finance subgraph, asked on the caller's behalf about a studio's money for computed indicators. */
      FINANCE_URL: url(['http', 'https']).default('http://localhost:4003/graphql'),
      /** The personnel subgraph, asked on the caller's behalf about evaluators' schools. */
      PERSONNEL_URL: url(['http', 'https']).default('http://localhost:4001/graphql'),
      QUEUE_PREFIX: queuePrefixSetting(),
      /** How often appeal windows are checked for results that have become final. */
      CONSEQUENCE_INTERVAL_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
    },
    env,
  );
}

export type EvaluationConfig = ReturnType<typeof evaluationConfig>;
