import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { describeGraph } from './graph-description';
import { SUBGRAPHS, subgraphUrl } from './subgraphs';

/** Composition failed: the subgraphs' schemas do not fit together. */
export class CompositionError extends Error {
  constructor(readonly problems: string[]) {
    super(`Supergraph composition failed:\n  ${problems.join('\n  ')}`);
    this.name = 'CompositionError';
  }
}

/**
 * Composes the supergraph from the subgraphs' schema.graphql files, ahead of time: a schema that
 * does not compose fails the build, not a running gateway. The graph describes itself as a whole.
 */
export function composeSupergraph(env: NodeJS.ProcessEnv = process.env): string {
  const result = composeServices(
    SUBGRAPHS.map((subgraph) => ({
      name: subgraph.name,
      url: subgraphUrl(subgraph, env),
      typeDefs: parse(readFileSync(subgraph.schemaPath, 'utf8')),
    })),
  );
  if (result.errors) throw new CompositionError(result.errors.map((e) => e.message));
  return describeGraph(result.supergraphSdl);
}
