import type { StudioClient, SubgraphContext } from '@mingshi/subgraph-server';
import type { FinanceLoaders } from './loaders';
import type { WebhookUrlPolicy } from './webhooks/url-safety';

/** Settings the finance rules read at request time. */
export interface FinanceSettings {
  webhookUrls: WebhookUrlPolicy;
}

export interface FinanceContext extends SubgraphContext {
  loaders: FinanceLoaders;
  settings: FinanceSettings;
  /** Workshop and personnel, asked on the caller's behalf (studios, host schools). */
  studios: StudioClient;
}
