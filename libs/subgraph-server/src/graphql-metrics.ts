import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import { Counter, Histogram } from 'prom-client';
import { metricsRegistry } from '@mingshi/telemetry';

/** GraphQL operations answered, by operation and by the first error's code (OK without one). */
export const graphqlRequestsTotal = new Counter({
  name: 'mingshi_graphql_requests_total',
  help: "GraphQL operations this process has answered, by operation and code (OK, or the first error's extensions.code)",
  labelNames: ['operation', 'code'] as const,
  registers: [metricsRegistry],
});

/** How long an answer took: the whole request on the gateway, a subgraph's part on a subgraph. */
export const graphqlRequestDuration = new Histogram({
  name: 'mingshi_graphql_request_duration_seconds',
  help: 'Time to answer a GraphQL operation (gateway: the whole request; subgraph: its part of it)',
  labelNames: ['operation'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
  registers: [metricsRegistry],
});

/** Every error sent, by its code. */
export const graphqlErrorsTotal = new Counter({
  name: 'mingshi_graphql_errors_total',
  help: 'GraphQL errors sent, by extensions.code',
  labelNames: ['code'] as const,
  registers: [metricsRegistry],
});

/** What a name must look like to become a label value: a GraphQL name of at most 64 characters. */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Codes are ours, but an error relayed from elsewhere could carry anything. */
const PLAIN_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/**
 * The `operation` label of an operation name. Clients choose names, so a label per name would let
 * them grow the series without bound: a name becomes a label only while fewer than `limit`
 * distinct ones have been seen by this process, after which new names are `other`; no name is
 * `anonymous`, and one that is not a plain GraphQL name of at most 64 characters is `other` too.
 */
export class OperationLabels {
  private readonly seen = new Set<string>();

  constructor(private readonly limit = 200) {}

  of(operationName: string | null | undefined): string {
    if (!operationName) return 'anonymous';
    if (this.seen.has(operationName)) return operationName;
    if (this.seen.size >= this.limit || !PLAIN_NAME.test(operationName)) return 'other';
    this.seen.add(operationName);
    return operationName;
  }
}

/** One operation's series, each bound to its labels once, when the name is first seen. */
class OperationSeries {
  readonly duration: Histogram.Internal<'operation'>;
  private readonly byCode = new Map<string, Counter.Internal>();

  constructor(private readonly operation: string) {
    this.duration = graphqlRequestDuration.labels(operation);
  }

  answered(code: string): void {
    let counter = this.byCode.get(code);
    if (!counter) this.byCode.set(code, (counter = graphqlRequestsTotal.labels(this.operation, code)));
    counter.inc();
  }
}

function firstOperationName(document: DocumentNode | undefined): string | undefined {
  for (const definition of document?.definitions ?? []) {
    if (definition.kind === Kind.OPERATION_DEFINITION) return definition.name?.value;
  }
  return undefined;
}

const errorsByCode = new Map<string, Counter.Internal>();

/** An error's code as a label; one without a plain code counts as the internal error it is. */
function codeOf(error: GraphQLFormattedError): string {
  const code = error.extensions?.code;
  return typeof code === 'string' && PLAIN_CODE.test(code) ? code : 'INTERNAL_SERVER_ERROR';
}

function countErrors(errors: readonly GraphQLFormattedError[]): void {
  for (const error of errors) {
    const code = codeOf(error);
    let counter = errorsByCode.get(code);
    if (!counter) errorsByCode.set(code, (counter = graphqlErrorsTotal.labels(code)));
    counter.inc();
  }
}

/**
 * Counts and times every operation this Apollo server answers, and the errors it sends (the
 * gateway and every subgraph run it, so both sides of a fetch are measured alike). Counted when
 * the answer is ready, before it is sent: a client that has the answer finds it counted. A caller
 * refused before any operation was read (no token, or a bad one) is counted as `anonymous`.
 */
export function graphqlMetricsPlugin(): ApolloServerPlugin {
  const labels = new OperationLabels();
  const series = new Map<string, OperationSeries>();
  const seriesOf = (operation: string) => {
    let found = series.get(operation);
    if (!found) series.set(operation, (found = new OperationSeries(operation)));
    return found;
  };
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operation: resolved, operationName, request, document, response }) {
          // Before the operation is resolved (a validation error) the name is the document's.
          const name = resolved ? operationName : (request.operationName ?? firstOperationName(document));
          const operation = seriesOf(labels.of(name));
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          operation.duration.observe(Number(process.hrtime.bigint() - started) / 1e9);
          operation.answered(errors?.length ? codeOf(errors[0]!) : 'OK');
          if (errors?.length) countErrors(errors);
        },
      };
    },
    async contextCreationDidFail({ error }) {
      const { extensions } = error as { extensions?: Record<string, unknown> };
      const code = codeOf({ message: error.message, extensions });
      seriesOf('anonymous').answered(code);
      countErrors([{ message: error.message, extensions: { code } }]);
    },
  };
}
