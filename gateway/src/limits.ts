import { ApolloArmor } from '@escape.tech/graphql-armor';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
}

/**
 * Limits for a graph whose callers write their own queries: depth, aliases and a cost
 * estimate are checked during validation, before any subgraph is asked anything. Each refusal is
 * a GRAPHQL_VALIDATION_FAILED / BAD_USER_INPUT error naming the limit.
 */
export function queryLimits(limits: QueryLimits, production: boolean) {
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases },
    // Tokens are counted by Apollo's own parser (parseOptions.maxTokens in server.ts): armor's
    // plugin throws from a hook, which turns every syntax error into HTTP 500. Off explicitly,
    // because armor enables each protection it is not told about.
    maxTokens: { enabled: false },
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true },
    maxDirectives: { n: 50 },
    // Suggestions ("did you mean …") help developers and leak the schema to strangers.
    blockFieldSuggestion: { enabled: production },
  }).protect();
}
