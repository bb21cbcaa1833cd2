import { flag, listenHost, loadConfig, port, serviceEnv, url, z } from '@mingshi/config';
import { queuePrefixSetting } from '@mingshi/events';
import { reportWorkerEnv } from '@mingshi/reports';
import { objectStoreEnv } from '@mingshi/storage';
import { processPartsSetting } from '@mingshi/subgraph-server';

export function financeConfig(env: NodeJS.ProcessEnv = process.env) {
  const production = env.NODE_ENV === 'production';
  return loadConfig(
    {
      ...serviceEnv,
      /** Where report sections are written (shared with the reports service). */
      ...objectStoreEnv(env),
      /** How soon a dead report worker's job is taken over (REPORT_WORKER_LOCK_MS). */
      ...reportWorkerEnv,
      HOST: listenHost(env),
      PORT: port(4003),
      /** The parts this process runs (libs/subgraph-server process-parts.ts); all by default. */
      MINGSHI_PARTS: processPartsSetting('finance'),
      /** The workshop subgraph, asked on the caller's behalf about studios (level, host, status). */
      WORKSHOP_URL: url(['http', 'https']).default('http://localhost:4002/graphql'),
      /** The personnel subgraph, asked on the caller's behalf about the host school's county. */
      PERSONNEL_URL: url(['http', 'https']).default('http://localhost:4001/graphql'),
      QUEUE_PREFIX: queuePrefixSetting(),
      /** Webhook URLs must be https (default: in production). */
      WEBHOOK_REQUIRE_HTTPS: flag(production),
      /** Webhook URLs may resolve to private or loopback addresses (default: outside production only). */
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: flag(!production),
      /** How long one webhook attempt may take before it counts as failed. */
      WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(15_000),
    },
    env,
  );
}

export type FinanceConfig = ReturnType<typeof financeConfig>;
