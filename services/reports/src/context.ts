import type { SubgraphContext } from '@mingshi/subgraph-server';
import type { ReportsLoaders } from './loaders';
import type { ReportFlow } from './services/report-flow';
import type { DownloadLinks } from './services/download-links';

export interface ReportsContext extends SubgraphContext {
  loaders: ReportsLoaders;
  /** The report flows on the queues. */
  flow: ReportFlow;
  links: DownloadLinks;
}
