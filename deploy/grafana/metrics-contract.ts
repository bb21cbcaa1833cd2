/**
 * The metrics every process serves at GET /metrics (prom-client), as agreed for issue 14: the
 * dashboard reads only these, and test/deploy checks it reads every one. Each series also carries
 * `service` and `part` (gateway, graph, consumer, relay, sections, webhooks, assembly, or `all`
 * for a process running every part), and Prometheus adds `namespace` and `pod`.
 */
export type MetricType = 'counter' | 'gauge' | 'histogram';

export interface ContractMetric {
  type: MetricType;
  labels: readonly string[];
  help: string;
}

export const METRICS_CONTRACT = {
  mingshi_graphql_requests_total: {
    type: 'counter',
    labels: ['operation', 'code'],
    help: 'GraphQL operations answered; code is OK or the first error’s extensions.code',
  },
  mingshi_graphql_request_duration_seconds: {
    type: 'histogram',
    labels: ['operation'],
    help: 'Time to answer an operation (the gateway: the whole request; a subgraph: its part)',
  },
  mingshi_graphql_errors_total: {
    type: 'counter',
    labels: ['code'],
    help: 'GraphQL errors sent, by extensions.code',
  },
  mingshi_subgraph_fetch_duration_seconds: {
    type: 'histogram',
    labels: ['subgraph'],
    help: 'The gateway’s HTTP fetches to a subgraph',
  },
  mingshi_dataloader_batch_size: { type: 'histogram', labels: ['loader'], help: 'Keys per DataLoader batch' },
  mingshi_sql_statements_total: {
    type: 'counter',
    labels: ['transaction'],
    help: 'SQL statements sent, in a GraphQL request’s transaction or other',
  },
  mingshi_sql_statements_per_request: {
    type: 'histogram',
    labels: [],
    help: 'SQL statements of one GraphQL request’s transaction',
  },
  mingshi_queue_jobs: { type: 'gauge', labels: ['queue', 'state'], help: 'BullMQ jobs per queue and state' },
  mingshi_queue_oldest_waiting_seconds: {
    type: 'gauge',
    labels: ['queue'],
    help: 'Age of the oldest waiting job',
  },
  mingshi_outbox_pending: { type: 'gauge', labels: [], help: 'Outbox rows not yet relayed' },
  mingshi_outbox_lag_seconds: { type: 'gauge', labels: [], help: 'Age of the oldest unrelayed outbox row' },
  mingshi_webhook_deliveries_total: {
    type: 'counter',
    labels: ['outcome'],
    help: 'Fund-event webhook attempts: delivered, failed or gave_up',
  },
  mingshi_report_duration_seconds: {
    type: 'histogram',
    labels: ['kind', 'outcome'],
    help: 'A report from request to file',
  },
  // prom-client's default process metrics, registered with the mingshi_ prefix.
  mingshi_process_cpu_seconds_total: { type: 'counter', labels: [], help: 'CPU time of the process' },
  mingshi_process_resident_memory_bytes: {
    type: 'gauge',
    labels: [],
    help: 'Resident memory of the process',
  },
  mingshi_nodejs_heap_size_used_bytes: { type: 'gauge', labels: [], help: 'V8 heap in use' },
  mingshi_nodejs_eventloop_lag_p99_seconds: {
    type: 'gauge',
    labels: [],
    help: 'Event-loop lag, 99th percentile',
  },
} as const satisfies Record<string, ContractMetric>;

export type MetricName = keyof typeof METRICS_CONTRACT;

/** The series a metric is scraped as: a histogram's buckets, sum and count; the name otherwise. */
export function seriesOf(name: MetricName): string[] {
  return METRICS_CONTRACT[name].type === 'histogram'
    ? [`${name}_bucket`, `${name}_sum`, `${name}_count`]
    : [name];
}
