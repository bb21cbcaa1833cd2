import { readFileSync } from 'node:fs';
import { parser } from '@prometheus-io/lezer-promql';
import { DASHBOARD_FILE, dashboardJson } from '../../deploy/generate';
import { METRICS_CONTRACT, seriesOf, type MetricName } from '../../deploy/grafana/metrics-contract';

/**
 * deploy/grafana/mingshi-dashboard.json: valid dashboard JSON, generated, and reading exactly the
 * metrics of the contract — every query parsed with Prometheus's own PromQL grammar.
 */
interface Panel {
  type: string;
  id: number;
  title: string;
  datasource?: { type: string; uid: string };
  gridPos: { h: number; w: number; x: number; y: number };
  targets?: { refId: string; expr: string; legendFormat: string }[];
}

interface Dashboard {
  uid: string;
  schemaVersion: number;
  panels: Panel[];
  templating: { list: { type: string; name: string; query: string | { query: string } }[] };
}

const dashboard = JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8')) as Dashboard;

/** Grafana's own variables are not PromQL: a range interval stands in for $__rate_interval. */
const asPromql = (expression: string) => expression.replaceAll('$__rate_interval', '5m');

/** The metric names an expression selects, or the syntax errors it has. */
function metricsOf(expression: string): { metrics: string[]; errors: string[] } {
  const text = asPromql(expression);
  const metrics: string[] = [];
  const errors: string[] = [];
  const cursor = parser.parse(text).cursor();
  do {
    if (cursor.type.isError) errors.push(`${expression}: syntax error at ${cursor.from}`);
    if (cursor.name === 'Identifier' && cursor.node.parent?.name === 'VectorSelector') {
      metrics.push(text.slice(cursor.from, cursor.to));
    }
  } while (cursor.next());
  return { metrics, errors };
}

const contractSeries = new Map(
  (Object.keys(METRICS_CONTRACT) as MetricName[]).flatMap((name) =>
    seriesOf(name).map((series) => [series, name]),
  ),
);

const panels = dashboard.panels.filter((panel) => panel.type !== 'row');
const expressions = [
  ...panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr)),
  ...dashboard.templating.list
    .filter((variable) => variable.type === 'query')
    .map((variable) => {
      const query = typeof variable.query === 'string' ? variable.query : variable.query.query;
      return /^label_values\((.+),\s*\w+\)$/.exec(query)?.[1] ?? query;
    }),
];

describe('the Grafana dashboard', () => {
  it('is what `npm run manifests` writes now', () => {
    expect(readFileSync(DASHBOARD_FILE, 'utf8')).toBe(dashboardJson());
  });

  it('is a dashboard on a chosen Prometheus data source, its panels laid out without overlap', () => {
    expect(dashboard).toMatchObject({ uid: 'mingshi-graph', schemaVersion: 39 });
    expect(dashboard.templating.list[0]).toMatchObject({
      type: 'datasource',
      name: 'datasource',
      query: 'prometheus',
    });
    expect(new Set(dashboard.panels.map((panel) => panel.id)).size).toBe(dashboard.panels.length);
    const cells = new Set<string>();
    for (const panel of dashboard.panels) {
      const { h, w, x, y } = panel.gridPos;
      expect(x + w).toBeLessThanOrEqual(24);
      for (let row = y; row < y + h; row += 1) {
        for (let column = x; column < x + w; column += 1) {
          const cell = `${row}:${column}`;
          expect(cells.has(cell) ? `${panel.title} overlaps at ${cell}` : cell).toBe(cell);
          cells.add(cell);
        }
      }
    }
    for (const panel of panels) {
      expect(panel.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(panel.targets?.length).toBeGreaterThan(0);
    }
  });

  it('queries in valid PromQL, naming only metrics of the contract', () => {
    const problems: string[] = [];
    for (const expression of expressions) {
      const { metrics, errors } = metricsOf(expression);
      problems.push(...errors);
      if (metrics.length === 0) problems.push(`${expression}: selects no metric`);
      for (const metric of metrics)
        if (!contractSeries.has(metric)) problems.push(`${expression}: ${metric} is not in the contract`);
    }
    expect(problems).toEqual([]);
  });

  it('shows every metric of the contract on some panel', () => {
    const shown = new Set(
      expressions.flatMap((expression) => metricsOf(expression).metrics).map((s) => contractSeries.get(s)),
    );
    expect((Object.keys(METRICS_CONTRACT) as MetricName[]).filter((name) => !shown.has(name))).toEqual([]);
  });

  it('reads a histogram through its buckets or count, and rates only counters and histograms', () => {
    for (const expression of expressions) {
      for (const metric of metricsOf(expression).metrics) {
        const name = contractSeries.get(metric)!;
        const { type } = METRICS_CONTRACT[name];
        if (type === 'histogram') expect(metric).not.toBe(name);
        if (type === 'gauge') expect(expression).not.toMatch(new RegExp(`rate\\(${metric}\\b`));
      }
    }
  });

  it('refuses PromQL that is not (the check itself)', () => {
    expect(metricsOf('sum(rate(mingshi_graphql_requests_total[5m]) bogus').errors).not.toEqual([]);
    expect(metricsOf('sum by (le) (rate(mingshi_x_bucket{a="b"}[$__rate_interval]))').metrics).toEqual([
      'mingshi_x_bucket',
    ]);
  });
});
