import DataLoader from 'dataloader';
import {
  Kind,
  OperationTypeNode,
  parse,
  print,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';
import { LRUCache } from 'lru-cache';

/** One fetch the query plan sends a subgraph: its query and variables. */
export interface EntityFetch {
  query: string;
  variables?: Record<string, unknown>;
}

/** What a subgraph answered one fetch. */
export interface FetchAnswer {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
  extensions?: Record<string, unknown>;
}

/**
 * Fetches of `_entities` that the query plan sends one subgraph side by side, sent as one HTTP
 * request. A plan fetches each entity's fields with its own `_entities` call, so a page naming
 * both a studio's host and its host school asks personnel twice at the same moment; merged, the
 * subgraph answers both in one request (each root field resolves in parallel, and a DataLoader
 * behind them sees all the keys), as Hive Gateway's batching does.
 *
 * Only queries whose one root field is `_entities` are merged: their answers split back by alias
 * without ambiguity. Anything else, or a lone fetch, goes as it came.
 */
export class EntityFetchBatches<T> {
  /** Parsed fetches and merged queries: a plan's fetches are the same strings request after request. */
  private readonly documents = new LRUCache<string, DocumentNode | false>({ max: 2000 });
  private readonly merged = new LRUCache<string, string>({ max: 2000 });

  constructor(
    /** The fetch a plan made. */
    private readonly fetchOf: (fetch: T) => EntityFetch,
    /** Sends one fetch as it came, or, with `merged`, the merged fetch in its place. */
    private readonly send: (fetch: T, merged?: EntityFetch) => Promise<FetchAnswer>,
  ) {}

  /** A batcher for one request to one subgraph: the fetches it is given in the same tick are merged. */
  forRequest(): DataLoader<T, FetchAnswer> {
    return new DataLoader((fetches) => this.sendTogether(fetches), { cache: false });
  }

  private async sendTogether(fetches: readonly T[]): Promise<FetchAnswer[]> {
    const queries = fetches.map((fetch) => this.fetchOf(fetch));
    const documents = queries.map(({ query }) => this.mergeable(query));
    if (fetches.length === 1 || documents.some((document) => !document)) {
      return Promise.all(fetches.map((fetch) => this.send(fetch)));
    }
    const key = queries.map(({ query }) => query).join('\u0000');
    let query = this.merged.get(key);
    if (query === undefined) {
      query = mergeOperations(documents as DocumentNode[]);
      this.merged.set(key, query);
    }
    const variables: Record<string, unknown> = {};
    queries.forEach((fetch, i) => {
      for (const [name, value] of Object.entries(fetch.variables ?? {}))
        variables[variablePrefix(i) + name] = value;
    });
    const answer = await this.send(fetches[0]!, { query, variables });
    return fetches.map((_, i) => splitAnswer(answer, aliasOf(i)));
  }

  private mergeable(query: string): DocumentNode | false {
    let document = this.documents.get(query);
    if (document === undefined) {
      document = readMergeable(query);
      this.documents.set(query, document);
    }
    return document;
  }
}

/** The fetch's document, if it is a query of `_entities` alone. */
function readMergeable(query: string): DocumentNode | false {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return false;
  }
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (operations.length !== 1 || operations[0]!.operation !== OperationTypeNode.QUERY) return false;
  const roots = operations[0]!.selectionSet.selections;
  const onlyEntities = roots.every(
    (selection) => selection.kind === Kind.FIELD && selection.name.value === '_entities' && !selection.alias,
  );
  return onlyEntities && roots.length === 1 && document;
}

function variablePrefix(index: number): string {
  return `b${index}_`;
}

function aliasOf(index: number): string {
  return `_b${index}`;
}

/** One query holding each fetch's `_entities` under its own alias, variables and fragments renamed apart. */
function mergeOperations(documents: readonly DocumentNode[]): string {
  const variables: VariableDefinitionNode[] = [];
  const selections: FieldNode[] = [];
  const fragments: DefinitionNode[] = [];
  documents.forEach((document, i) => {
    for (const definition of renameApart(document, variablePrefix(i), `B${i}_`).definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) {
        fragments.push(definition);
        continue;
      }
      variables.push(...(definition.variableDefinitions ?? []));
      const root = definition.selectionSet.selections[0] as FieldNode;
      selections.push({ ...root, alias: { kind: Kind.NAME, value: aliasOf(i) } });
    }
  });
  return print({
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: OperationTypeNode.QUERY,
        variableDefinitions: variables,
        selectionSet: { kind: Kind.SELECTION_SET, selections },
      },
      ...fragments,
    ],
  });
}

function renameApart(document: DocumentNode, variablePrefix: string, fragmentPrefix: string): DocumentNode {
  return visit(document, {
    Variable: (node) => ({ ...node, name: { ...node.name, value: variablePrefix + node.name.value } }),
    FragmentSpread: (node) => ({ ...node, name: { ...node.name, value: fragmentPrefix + node.name.value } }),
    FragmentDefinition: (node) => ({
      ...node,
      name: { ...node.name, value: fragmentPrefix + node.name.value },
    }),
  });
}

/**
 * The part of the merged answer that is fetch `index`'s, as if it had been sent alone: its alias
 * back under `_entities`, the errors whose path starts there, and errors without a path (a
 * failure of the whole request) for every fetch.
 */
function splitAnswer(answer: FetchAnswer, alias: string): FetchAnswer {
  const errors = (answer.errors ?? []).flatMap((error) => {
    if (!error.path?.length) return [error];
    if (error.path[0] !== alias) return [];
    return [{ ...error, path: ['_entities', ...error.path.slice(1)] }];
  });
  return {
    data: answer.data == null ? answer.data : { _entities: answer.data[alias] ?? null },
    ...(errors.length ? { errors } : {}),
    ...(answer.extensions ? { extensions: answer.extensions } : {}),
  };
}
