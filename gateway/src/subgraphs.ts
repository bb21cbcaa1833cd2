import path from 'node:path';

/**
 * The subgraphs the gateway composes, in one list used by `npm run compose`, the gateway itself,
 * `npm start` and the tests. A service that does not exist yet is simply not listed.
 */
export interface SubgraphDefinition {
  name: string;
  /** Default port in development; `<NAME>_URL` overrides the whole URL in any environment. */
  port: number;
  schemaPath: string;
}

const ROOT = path.join(__dirname, '..', '..');

export const SUBGRAPHS: readonly SubgraphDefinition[] = [
  { name: 'personnel', port: 4001, schemaPath: path.join(ROOT, 'services/personnel/schema.graphql') },
  { name: 'workshop', port: 4002, schemaPath: path.join(ROOT, 'services/workshop/schema.graphql') },
  { name: 'finance', port: 4003, schemaPath: path.join(ROOT, 'services/finance/schema.graphql') },
  { name: 'evaluation', port: 4004, schemaPath: path.join(ROOT, 'services/evaluation/schema.graphql') },
  { name: 'reports', port: 4005, schemaPath: path.join(ROOT, 'services/reports/schema.graphql') },
];

export function subgraphUrlVariable(name: string): string {
  return `${name.toUpperCase()}_URL`;
}

/** Where a subgraph answers: `<NAME>_URL` if set, else localhost on its default port. */
export function subgraphUrl(subgraph: SubgraphDefinition, env: NodeJS.ProcessEnv = process.env): string {
  return env[subgraphUrlVariable(subgraph.name)] ?? `http://localhost:${subgraph.port}/graphql`;
}
