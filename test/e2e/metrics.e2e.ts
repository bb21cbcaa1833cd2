import { Role } from '@mingshi/auth';
import { sampleValue } from '@mingshi/testing';
import { createSchool, createTeacher } from '../harness/fixtures';
import { ProcessSystem } from '../harness/process-system';
import { METRICS_CONTRACT } from '../../deploy/grafana/metrics-contract';

const HERE = '510403';
const COUNTY = { role: Role.COUNTY_OFFICE, region: HERE };
const PAGE = `query TeachersPage { teachers(first: 10) { nodes { name school { name } region { fullName } } } }`;
const PAGES = 5;

/** Whether a series (with these labels among its own) is on the page at all, even at 0. */
function present(text: string, series: string): boolean {
  const [name, labels = ''] = series.replace(/\}$/, '').split('{');
  return text.split('\n').some(
    (line) =>
      line.startsWith(`${name}{`) &&
      labels
        .split(',')
        .filter(Boolean)
        .every((label) => line.includes(label)),
  );
}

/**
 * Each process's /metrics as the cluster's scraper reads it, from real processes after real
 * requests through the gateway: the series of the metrics contract (docs/observability.md), each
 * labelled with its service and part, counting what was sent.
 */
describe('/metrics on the gateway and the subgraphs', () => {
  let system: ProcessSystem;
  let before: Record<string, string>;
  let after: Record<string, string>;
  const delta = (process: string, series: string) =>
    sampleValue(after[process]!, series) - sampleValue(before[process]!, series);

  beforeAll(async () => {
    system = await ProcessSystem.start();
    // Two schools of two teachers: each page's school loader has two keys in its batch.
    for (let s = 0; s < 2; s++) {
      const school = await createSchool(system, HERE);
      for (let t = 0; t < 2; t++) await createTeacher(system, school, HERE);
    }
    const scrape = async () =>
      Object.fromEntries(
        await Promise.all(
          ['gateway', 'personnel', 'workshop', 'finance', 'reports'].map(async (name) => [
            name,
            await system.metrics(name),
          ]),
        ),
      ) as Record<string, string>;
    before = await scrape();
    for (let i = 0; i < PAGES; i++) {
      const page = await system.gql(COUNTY, PAGE);
      expect(page.errors).toBeUndefined();
      expect(page.data?.teachers.nodes).toHaveLength(4);
    }
    const anonymous = await system.gql(null, PAGE);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const invalid = await system.gql(COUNTY, `query Broken { teachers(first: 1) { nowhere } }`);
    expect(invalid.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    after = await scrape();
  }, 150_000);
  afterAll(() => system?.stop());

  it('serves every metric the dashboard reads, with its type and labels, on some process', () => {
    const pages = Object.values(after).join('\n');
    for (const [name, metric] of Object.entries(METRICS_CONTRACT)) {
      expect({ name, typed: pages.includes(`# TYPE ${name} ${metric.type}`) }).toEqual({ name, typed: true });
      const series = metric.type === 'histogram' ? `${name}_count` : name;
      const line = pages.split('\n').find((l) => l.startsWith(`${series}{`));
      for (const label of [...metric.labels, 'service', 'part'])
        expect({ name, label, line: line?.includes(`${label}="`) }).toEqual({ name, label, line: true });
    }
  });

  it("counts and times the gateway's operations by name and code, and its errors by code", () => {
    const gateway = 'service="gateway",part="gateway"';
    expect(
      delta('gateway', `mingshi_graphql_requests_total{operation="TeachersPage",code="OK",${gateway}}`),
    ).toBe(PAGES);
    expect(delta('gateway', 'mingshi_graphql_request_duration_seconds_count{operation="TeachersPage"}')).toBe(
      PAGES,
    );
    expect(
      delta('gateway', 'mingshi_graphql_request_duration_seconds_sum{operation="TeachersPage"}'),
    ).toBeGreaterThan(0);
    expect(
      delta('gateway', 'mingshi_graphql_requests_total{operation="anonymous",code="UNAUTHENTICATED"}'),
    ).toBe(1);
    expect(delta('gateway', 'mingshi_graphql_errors_total{code="UNAUTHENTICATED"}')).toBe(1);
    expect(
      delta('gateway', 'mingshi_graphql_requests_total{operation="Broken",code="GRAPHQL_VALIDATION_FAILED"}'),
    ).toBe(1);
    expect(delta('gateway', 'mingshi_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"}')).toBe(1);
    // Every field of the page is personnel's: one fetch per page, to personnel only.
    expect(delta('gateway', 'mingshi_subgraph_fetch_duration_seconds_count{subgraph="personnel"}')).toBe(
      PAGES,
    );
    expect(delta('gateway', 'mingshi_subgraph_fetch_duration_seconds_count{subgraph="workshop"}')).toBe(0);
    // It talks to no database: no SQL series.
    expect(after.gateway).not.toContain('mingshi_sql_statements');
    // Node's own process metrics, under the prefix, with the process's labels.
    expect(sampleValue(after.gateway!, `mingshi_process_cpu_user_seconds_total{${gateway}}`)).toBeGreaterThan(
      0,
    );
  });

  it("counts a subgraph's part of the operations, its SQL per request and its loaders' batches", () => {
    const personnel = 'service="personnel",part="all"';
    expect(delta('personnel', `mingshi_graphql_requests_total{code="OK",${personnel}}`)).toBe(PAGES);
    expect(delta('personnel', 'mingshi_graphql_request_duration_seconds_count')).toBe(PAGES);
    // One transaction per request, its statements those the statement counter counted for requests.
    expect(delta('personnel', 'mingshi_sql_statements_per_request_count')).toBe(PAGES);
    const statements = delta('personnel', 'mingshi_sql_statements_total{transaction="request"}');
    expect(statements).toBeGreaterThan(PAGES);
    expect(delta('personnel', 'mingshi_sql_statements_per_request_sum')).toBe(statements);
    // Each page asks its two schools of the school loader in one batch of two.
    expect(delta('personnel', 'mingshi_dataloader_batch_size_count{loader="school"}')).toBe(PAGES);
    expect(delta('personnel', 'mingshi_dataloader_batch_size_sum{loader="school"}')).toBe(2 * PAGES);
    expect(delta('personnel', 'mingshi_dataloader_batch_size_count{loader="region"}')).toBe(PAGES);
  });

  it('reports the queues each process works on, its outbox, webhook deliveries and report durations', () => {
    for (const state of ['waiting', 'active', 'delayed', 'failed']) {
      expect(present(after.personnel!, `mingshi_queue_jobs{queue="personnel-inbox",state="${state}"}`)).toBe(
        true,
      );
    }
    expect(present(after.personnel!, 'mingshi_queue_jobs{queue="personnel-report-sections"}')).toBe(true);
    expect(present(after.personnel!, 'mingshi_queue_oldest_waiting_seconds{queue="personnel-inbox"}')).toBe(
      true,
    );
    expect(present(after.finance!, 'mingshi_queue_jobs{queue="finance-webhooks"}')).toBe(true);
    expect(present(after.reports!, 'mingshi_queue_jobs{queue="report-assembly"}')).toBe(true);
    // Nothing waits on an idle system.
    expect(sampleValue(after.personnel!, 'mingshi_queue_jobs{queue="personnel-inbox",state="waiting"}')).toBe(
      0,
    );

    expect(present(after.workshop!, 'mingshi_outbox_pending{service="workshop",part="all"}')).toBe(true);
    expect(present(after.workshop!, 'mingshi_outbox_lag_seconds{service="workshop"}')).toBe(true);
    // Personnel produces no events: it runs no relay.
    expect(present(after.personnel!, 'mingshi_outbox_pending{')).toBe(false);

    for (const outcome of ['delivered', 'failed', 'gave_up']) {
      expect(present(after.finance!, `mingshi_webhook_deliveries_total{outcome="${outcome}"}`)).toBe(true);
    }
    expect(
      present(
        after.reports!,
        'mingshi_report_duration_seconds_count{kind="TRAINING_HOURS",outcome="succeeded"}',
      ),
    ).toBe(true);
  });

  it('answers GET only, without credentials', async () => {
    const response = await fetch(system.metricsUrl('gateway'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect((await fetch(system.metricsUrl('gateway'), { method: 'POST' })).status).toBe(405);
  });
});
