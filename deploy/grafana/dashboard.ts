import { METRICS_CONTRACT, type MetricName } from './metrics-contract';

/**
 * The Grafana dashboard of one deployment (deploy/grafana/mingshi-dashboard.json), written by
 * `npm run manifests`. Built here rather than by hand so every query names its metric through the
 * contract's types. Plain dashboard JSON (schemaVersion 39, Grafana 10.4 and later): Grafana's
 * foundation SDK is pre-1.0, writes the newest schema only, and its subpath-only exports do not
 * resolve under this repository's `moduleResolution: node`.
 */

type Histogram = {
  [M in MetricName]: (typeof METRICS_CONTRACT)[M]['type'] extends 'histogram' ? M : never;
}[MetricName];

/** Every query keeps to the chosen province (namespace) and services. */
const SCOPE = 'namespace="$namespace", service=~"$service"';
const GATEWAY = 'namespace="$namespace", service="gateway"';

const selector = (metric: string, scope: string, extra?: string) =>
  `${metric}{${extra ? `${scope}, ${extra}` : scope}}`;

const rateOf = (metric: string, by: string[], scope = SCOPE, extra?: string) =>
  `sum by (${by.join(', ')}) (rate(${selector(metric, scope, extra)}[$__rate_interval]))`;

const counterRate = (metric: MetricName, by: string[], extra?: string, scope = SCOPE) =>
  rateOf(metric, by, scope, extra);

const quantile = (q: number, metric: Histogram, by: string[], scope = SCOPE) =>
  `histogram_quantile(${q}, ${rateOf(`${metric}_bucket`, ['le', ...by], scope)})`;

/** How often a histogram observed something, per second. */
const observations = (metric: Histogram, by: string[]) => rateOf(`${metric}_count`, by);

/** Gauges every process of a service may report alike (a queue's depth): the largest, not the sum. */
const gauge = (metric: MetricName, by: string[], extra?: string) =>
  `max by (${by.join(', ')}) (${selector(metric, SCOPE, extra)})`;

interface Query {
  expr: string;
  legend: string;
}

interface PanelSpec {
  title: string;
  description: string;
  unit: string;
  queries: Query[];
}

interface RowSpec {
  title: string;
  panels: PanelSpec[];
}

const percentiles = (metric: Histogram, by: string[], legend: string, scope = SCOPE): Query[] =>
  [0.5, 0.95, 0.99].map((q) => ({ expr: quantile(q, metric, by, scope), legend: `p${q * 100} ${legend}` }));

const ROWS: RowSpec[] = [
  {
    title: 'Requests',
    panels: [
      {
        title: 'Operations answered by operation',
        description: 'GraphQL operations per second; the gateway counts whole requests, a subgraph its part.',
        unit: 'reqps',
        queries: [
          {
            expr: counterRate('mingshi_graphql_requests_total', ['service', 'operation']),
            legend: '{{service}} {{operation}}',
          },
        ],
      },
      {
        title: 'Operations answered by code',
        description: 'OK, or the first error’s extensions.code.',
        unit: 'reqps',
        queries: [
          {
            expr: counterRate('mingshi_graphql_requests_total', ['service', 'code']),
            legend: '{{service}} {{code}}',
          },
        ],
      },
      ...[0.5, 0.95, 0.99].map((q) => ({
        title: `Latency p${q * 100} by operation`,
        description: `The ${q * 100}th percentile of the time to answer an operation.`,
        unit: 's',
        queries: [
          {
            expr: quantile(q, 'mingshi_graphql_request_duration_seconds', ['service', 'operation']),
            legend: '{{service}} {{operation}}',
          },
        ],
      })),
      {
        title: 'Errors by code',
        description: 'GraphQL errors sent per second, by extensions.code.',
        unit: 'short',
        queries: [
          {
            expr: counterRate('mingshi_graphql_errors_total', ['service', 'code']),
            legend: '{{service}} {{code}}',
          },
        ],
      },
    ],
  },
  {
    title: 'Subgraphs and the database',
    panels: [
      {
        title: 'Subgraph fetch latency',
        description: 'The gateway’s HTTP fetches to each subgraph.',
        unit: 's',
        queries: percentiles(
          'mingshi_subgraph_fetch_duration_seconds',
          ['subgraph'],
          '{{subgraph}}',
          GATEWAY,
        ),
      },
      {
        title: 'DataLoader batch size',
        description: 'Keys per batch: small batches under load mean requests are not being coalesced.',
        unit: 'short',
        queries: percentiles(
          'mingshi_dataloader_batch_size',
          ['service', 'loader'],
          '{{service}} {{loader}}',
        ),
      },
      {
        title: 'SQL statements per request',
        description: 'Statements in one GraphQL request’s transaction: growth with page size is an N+1.',
        unit: 'short',
        queries: percentiles('mingshi_sql_statements_per_request', ['service'], '{{service}}'),
      },
      {
        title: 'SQL statements',
        description: 'Statements per second, in requests’ transactions or other (workers, relays).',
        unit: 'short',
        queries: [
          {
            expr: counterRate('mingshi_sql_statements_total', ['service', 'transaction']),
            legend: '{{service}} {{transaction}}',
          },
        ],
      },
    ],
  },
  {
    title: 'Queues',
    panels: [
      {
        title: 'Waiting jobs by queue',
        description: 'What KEDA scales each worker on.',
        unit: 'short',
        queries: [{ expr: gauge('mingshi_queue_jobs', ['queue'], 'state="waiting"'), legend: '{{queue}}' }],
      },
      {
        title: 'Active, delayed and failed jobs by queue',
        description: 'Failed jobs have used up their retries and wait for a person.',
        unit: 'short',
        queries: [
          {
            expr: gauge('mingshi_queue_jobs', ['queue', 'state'], 'state!="waiting"'),
            legend: '{{queue}} {{state}}',
          },
        ],
      },
      {
        title: 'Oldest waiting job by queue',
        description: 'How far behind each queue’s workers are.',
        unit: 's',
        queries: [{ expr: gauge('mingshi_queue_oldest_waiting_seconds', ['queue']), legend: '{{queue}}' }],
      },
    ],
  },
  {
    title: 'Events and webhooks',
    panels: [
      {
        title: 'Outbox rows not yet relayed',
        description: 'Committed events waiting for a relay, per service.',
        unit: 'short',
        queries: [{ expr: gauge('mingshi_outbox_pending', ['service']), legend: '{{service}}' }],
      },
      {
        title: 'Outbox lag',
        description: 'Age of the oldest unrelayed event, per service.',
        unit: 's',
        queries: [{ expr: gauge('mingshi_outbox_lag_seconds', ['service']), legend: '{{service}}' }],
      },
      {
        title: 'Webhook deliveries by outcome',
        description: 'Fund-event webhook attempts per second.',
        unit: 'short',
        queries: [
          { expr: counterRate('mingshi_webhook_deliveries_total', ['outcome']), legend: '{{outcome}}' },
        ],
      },
      {
        title: 'Webhook failures',
        description: 'Attempts that failed (to be retried) or gave up (retries used up).',
        unit: 'short',
        queries: [
          {
            expr: counterRate('mingshi_webhook_deliveries_total', ['outcome'], 'outcome=~"failed|gave_up"'),
            legend: '{{outcome}}',
          },
        ],
      },
    ],
  },
  {
    title: 'Reports',
    panels: [
      {
        title: 'Report duration by kind',
        description: 'From request to file.',
        unit: 's',
        queries: percentiles('mingshi_report_duration_seconds', ['kind'], '{{kind}}'),
      },
      {
        title: 'Reports finished by outcome',
        description: 'Reports per second that reached a file, or failed.',
        unit: 'short',
        queries: [
          {
            expr: observations('mingshi_report_duration_seconds', ['kind', 'outcome']),
            legend: '{{kind}} {{outcome}}',
          },
        ],
      },
    ],
  },
  {
    title: 'Processes',
    panels: [
      {
        title: 'CPU by pod',
        description: 'Cores used by each process.',
        unit: 'short',
        queries: [{ expr: counterRate('mingshi_process_cpu_seconds_total', ['pod']), legend: '{{pod}}' }],
      },
      {
        title: 'Resident memory by pod',
        description: 'Against the container’s memory limit: an out-of-memory kill restarts it.',
        unit: 'bytes',
        queries: [{ expr: gauge('mingshi_process_resident_memory_bytes', ['pod']), legend: '{{pod}}' }],
      },
      {
        title: 'Heap in use by pod',
        description: 'V8’s heap; steady growth between collections is a leak.',
        unit: 'bytes',
        queries: [{ expr: gauge('mingshi_nodejs_heap_size_used_bytes', ['pod']), legend: '{{pod}}' }],
      },
      {
        title: 'Event-loop lag p99 by pod',
        description: 'Time callbacks waited for the event loop: CPU-bound work blocks every request.',
        unit: 's',
        queries: [{ expr: gauge('mingshi_nodejs_eventloop_lag_p99_seconds', ['pod']), legend: '{{pod}}' }],
      },
    ],
  },
];

const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

const queryVariable = (name: string, label: string, query: string, all: boolean) => ({
  type: 'query',
  name,
  label,
  datasource: DATASOURCE,
  definition: query,
  query: { query, refId: `${name}-variable` },
  refresh: 2,
  sort: 1,
  hide: 0,
  regex: '',
  current: {},
  options: [],
  includeAll: all,
  multi: all,
  ...(all ? { allValue: '.*' } : {}),
});

/** The dashboard's JSON model. */
export function mingshiDashboard() {
  const panels: unknown[] = [];
  let id = 1;
  let y = 0;
  for (const row of ROWS) {
    panels.push({
      type: 'row',
      id: id++,
      title: row.title,
      collapsed: false,
      gridPos: { h: 1, w: 24, x: 0, y },
      panels: [],
    });
    y += 1;
    row.panels.forEach((panel, index) => {
      const x = (index % 2) * 12;
      if (index > 0 && x === 0) y += 8;
      panels.push({
        type: 'timeseries',
        id: id++,
        title: panel.title,
        description: panel.description,
        datasource: DATASOURCE,
        gridPos: { h: 8, w: 12, x, y },
        fieldConfig: { defaults: { unit: panel.unit }, overrides: [] },
        options: {
          legend: { displayMode: 'list', placement: 'bottom', showLegend: true },
          tooltip: { mode: 'multi', sort: 'desc' },
        },
        targets: panel.queries.map((query, index) => ({
          refId: String.fromCharCode(65 + index),
          datasource: DATASOURCE,
          expr: query.expr,
          legendFormat: query.legend,
          range: true,
        })),
      });
    });
    y += 8;
  }
  return {
    uid: 'mingshi-graph',
    title: 'Mingshi Graph',
    description: 'Requests, queues, events, reports and processes of one Mingshi Graph deployment.',
    tags: ['mingshi'],
    editable: true,
    graphTooltip: 1,
    refresh: '30s',
    schemaVersion: 39,
    version: 1,
    time: { from: 'now-6h', to: 'now' },
    timepicker: {},
    timezone: 'browser',
    annotations: { list: [] },
    links: [],
    templating: {
      list: [
        {
          type: 'datasource',
          name: 'datasource',
          label: 'Prometheus',
          query: 'prometheus',
          refresh: 1,
          hide: 0,
          regex: '',
          current: {},
          options: [],
        },
        queryVariable(
          'namespace',
          'Province',
          'label_values(mingshi_process_cpu_seconds_total, namespace)',
          false,
        ),
        queryVariable(
          'service',
          'Service',
          'label_values(mingshi_process_cpu_seconds_total{namespace="$namespace"}, service)',
          true,
        ),
      ],
    },
    panels,
  };
}
