import { listenHost, loadConfig, port, serviceEnv, z } from '@mingshi/config';
import { queuePrefixSetting } from '@mingshi/events';
import { reportWorkerEnv } from '@mingshi/reports';
import { objectStoreEnv } from '@mingshi/storage';
import { processPartsSetting } from '@mingshi/subgraph-server';
import { DEFAULT_REQUIRED_TRAINING_HOURS } from './rules/training';

export function personnelConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    {
      ...serviceEnv,
      /** Where report sections are written (shared with the reports service). */
      ...objectStoreEnv(env),
      /** How soon a dead report worker's job is taken over (REPORT_WORKER_LOCK_MS). */
      ...reportWorkerEnv,
      HOST: listenHost(env),
      PORT: port(4001),
      /** The parts this process runs (libs/subgraph-server process-parts.ts); all by default. */
      MINGSHI_PARTS: processPartsSetting('personnel'),
      QUEUE_PREFIX: queuePrefixSetting(),
      /** Yearly continuing-education requirement in hours (继续教育学时). */
      TRAINING_REQUIRED_HOURS: z.coerce.number().positive().default(DEFAULT_REQUIRED_TRAINING_HOURS),
    },
    env,
  );
}

export type PersonnelConfig = ReturnType<typeof personnelConfig>;
