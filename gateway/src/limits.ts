import { ApolloArmor } from '@escape.tech/graphql-armor';
import { costLimitPlugin } from './cost';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
}

/**
 * Limits for a graph whose callers write their own queries, checked before any subgraph is asked
 * anything: depth and aliases during validation (GRAPHQL_VALIDATION_FAILED /
 * BAD_USER_INPUT naming the limit), then the cost the subgraphs declare for what their fields scan
 * (`@cost` / `@listSize` in their schemas; QUERY_TOO_EXPENSIVE, see cost.ts).
 */
export function queryLimits(limits: QueryLimits, production: boolean, supergraphSdl: string) {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases },
    // Tokens are counted by Apollo's own parser (parseOptions.maxTokens in server.ts): armor's
    // plugin throws from a hook, which turns every syntax error into HTTP 500. Off explicitly,
    // because armor enables each protection it is not told about.
    maxTokens: { enabled: false },
    // Armor's generic estimate knows nothing of what a field scans; cost.ts reads the subgraphs' own.
    costLimit: { enabled: false },
    maxDirectives: { n: 50 },
    // Suggestions ("did you mean …") help developers and leak the schema to strangers.
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return { ...armor, plugins: [...armor.plugins, costLimitPlugin(supergraphSdl, limits.maxCost)] };
}
