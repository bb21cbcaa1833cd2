import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gql } from 'graphql-tag';
import type { DataSource } from 'typeorm';
import type { Logger } from '@mingshi/logger';
import type { ObjectStore } from '@mingshi/storage';
import { createSubgraphServer, type ReadinessCheck, type SubgraphServer } from '@mingshi/subgraph-server';
import type { ReportsContext } from './context';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';
import type { DownloadLinks } from './services/download-links';
import { mountReportDownloads } from './services/report-downloads';
import type { ReportFlow } from './services/report-flow';

export const REPORTS_SCHEMA_PATH = path.join(__dirname, '..', 'schema.graphql');

export interface ReportsDeps {
  dataSource: DataSource;
  identitySecret: string;
  logger: Logger;
  flow: ReportFlow;
  store: ObjectStore;
  links: DownloadLinks;
  exposeInternals: boolean;
  readiness?: Record<string, ReadinessCheck>;
  /** See SubgraphServerOptions.requestBudgetMs. */
  requestBudgetMs?: number;
}

/** Builds the reports subgraph (not yet listening): main.ts and the tests both start it. */
export function buildReportsServer(deps: ReportsDeps): Promise<SubgraphServer> {
  return createSubgraphServer<ReportsContext>({
    name: 'reports',
    typeDefs: gql(readFileSync(REPORTS_SCHEMA_PATH, 'utf8')),
    // Codegen's resolver map is stricter than @apollo/subgraph's; they describe the same object.
    resolvers: resolvers as Parameters<typeof createSubgraphServer<ReportsContext>>[0]['resolvers'],
    dataSource: deps.dataSource,
    identitySecret: deps.identitySecret,
    logger: deps.logger,
    exposeInternals: deps.exposeInternals,
    readiness: deps.readiness,
    requestBudgetMs: deps.requestBudgetMs,
    extendContext: (base) => ({
      ...base,
      loaders: createLoaders(base.tx),
      flow: deps.flow,
      links: deps.links,
    }),
    mountRoutes: (app) => mountReportDownloads(app, deps),
  });
}
