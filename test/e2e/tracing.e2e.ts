import { randomBytes } from 'node:crypto';
import { Role } from '@mingshi/auth';
import { createSchool, createTeacher } from '../harness/fixtures';
import { DECIDE, THIS_YEAR, allocated, submitted } from '../harness/finance-fixtures';
import { eventually, financeSystem, registeredEndpoint } from '../harness/fund-event-fixtures';
import { OtlpReceiver, type ReceivedSpan } from '../harness/otlp-receiver';
import { ProcessSystem } from '../harness/process-system';
import { finished } from '../harness/report-fixtures';
import { WebhookReceiver } from '../harness/webhook-receiver';
import { foundStudio } from '../harness/workshop-fixtures';

const HERE = '510403';
const COUNTY = { role: Role.COUNTY_OFFICE, region: HERE };

/** OTLP span kinds. */
const SERVER = 2;
const CLIENT = 3;
const PRODUCER = 4;
const CONSUMER = 5;

/**
 * A trace started by the caller: the W3C header a traced client (a front end, another system) sends,
 * so the test knows the trace id its request's spans must carry.
 */
function callerTrace() {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, headers: { traceparent: `00-${traceId}-${spanId}-01` } };
}

/** A span's ancestors within the spans received, nearest first. */
function ancestors(span: ReceivedSpan, spans: readonly ReceivedSpan[]): ReceivedSpan[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const found: ReceivedSpan[] = [];
  for (let parent = byId.get(span.parentSpanId); parent; parent = byId.get(parent.parentSpanId)) {
    found.push(parent);
  }
  return found;
}

/** Spans whose parent is neither another of them nor the caller's own span: broken links. */
function orphans(spans: readonly ReceivedSpan[], callerSpanId: string): ReceivedSpan[] {
  const ids = new Set(spans.map((s) => s.spanId));
  return spans.filter((s) => s.parentSpanId !== callerSpanId && !ids.has(s.parentSpanId));
}

const describeSpan = (s: ReceivedSpan) => `${s.service}: ${s.name} (${s.scope})`;

/**
 * Real processes exporting to an OTLP/HTTP receiver: one trace follows a request from the gateway
 * through every subgraph it calls into their SQL, through the outbox and the queues into the
 * consumers, and to the webhook POST and the report file that finish the request's work.
 */
describe('traces across the system', () => {
  let otlp: OtlpReceiver;
  let webhooks: WebhookReceiver;
  let system: ProcessSystem;

  beforeAll(async () => {
    otlp = await OtlpReceiver.start();
    webhooks = await WebhookReceiver.start();
    system = await ProcessSystem.start({
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      // Spans leave within a tenth of a second instead of five.
      OTEL_BSP_SCHEDULE_DELAY: '100',
      LOG_LEVEL: 'info',
      REPORT_TRACK_INTERVAL_MS: '200',
    });
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
    await webhooks?.stop();
    await otlp?.stop();
  });

  it('follows one request from the gateway into each subgraph it calls and their SQL, in one trace', async () => {
    const studio = await foundStudio(system, { countyCode: HERE, name: '西区追踪工作室' });
    const trace = callerTrace();
    const r = await system.gql(
      studio.office,
      `query StudioHosts($id: ID!) { workshop(id: $id) { name host { name school { name } } } }`,
      { id: studio.id },
      trace.headers,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.workshop.host.name).toBe(studio.host.name);

    const spans = await eventually(
      async () => otlp.trace(trace.traceId),
      (found) =>
        ['gateway', 'workshop', 'personnel'].every((service) =>
          found.some((s) => s.service === service && s.kind === SERVER),
        ) &&
        ['workshop', 'personnel'].every((service) =>
          found.some((s) => s.service === service && s.scope.includes('pg')),
        ) &&
        orphans(found, trace.spanId).length === 0,
      15_000,
      'the spans of the gateway, both subgraphs and their SQL',
    );
    expect(orphans(spans, trace.spanId).map(describeSpan)).toEqual([]);

    // The gateway's server span continues the caller's trace; each subgraph answers a fetch of the
    // gateway's as the child of its HTTP client span (the traceparent went with the signed identity).
    const gatewayServer = spans.find((s) => s.service === 'gateway' && s.kind === SERVER)!;
    expect(gatewayServer.parentSpanId).toBe(trace.spanId);
    const gatewayFetches = new Set(
      spans.filter((s) => s.service === 'gateway' && s.kind === CLIENT).map((s) => s.spanId),
    );
    for (const service of ['workshop', 'personnel']) {
      const servers = spans.filter((s) => s.service === service && s.kind === SERVER);
      expect(servers.some((server) => gatewayFetches.has(server.parentSpanId))).toBe(true);
      // Its SQL hangs under one of its own requests (workshop also asks personnel about the host).
      const statements = spans.filter((s) => s.service === service && s.scope.includes('pg'));
      for (const statement of statements) {
        expect(ancestors(statement, spans).some((span) => servers.includes(span))).toBe(true);
      }
    }
    // Apollo Gateway's own spans (request, plan, fetch …) are in it too.
    const apollo = spans.filter((s) => s.service === 'gateway' && s.scope === 'apollo/gateway-js');
    expect(apollo.map((s) => s.name)).toEqual(
      expect.arrayContaining(['gateway.request', 'gateway.plan', 'gateway.fetch']),
    );

    // The subgraphs' log lines of the request carry its trace id beside the request id.
    const logged = system.lines.filter((line) => line.json?.trace_id === trace.traceId);
    expect(logged.some((line) => line.process === 'workshop' && line.json?.requestId)).toBe(true);
  });

  it('publishes an event from the outbox in the trace of the mutation that recorded it', async () => {
    const studio = await foundStudio(system, { countyCode: HERE, status: 'PROPOSED' });
    const trace = callerTrace();
    const r = await system.gql(
      studio.office,
      `mutation ($input: ChangeWorkshopStatusInput!) { changeWorkshopStatus(input: $input) { status } }`,
      { input: { workshopId: studio.id, to: 'ACTIVE', reason: '批准成立' } },
      trace.headers,
    );
    expect(r.errors).toBeUndefined();

    // workshop.status-changed goes to finance's inbox: the relay's add and finance's handling. Each
    // process exports its spans on its own schedule, so finance's may arrive before workshop's.
    const isPublished = (s: ReceivedSpan) =>
      s.service === 'workshop' && s.kind === PRODUCER && s.name.includes('finance-inbox');
    const isHandled = (s: ReceivedSpan) =>
      s.service === 'finance' && s.kind === CONSUMER && s.name.includes('finance-inbox');
    const spans = await eventually(
      async () => otlp.trace(trace.traceId),
      (found) => found.some(isPublished) && found.some(isHandled),
      20_000,
      "the relay's publishing and finance's handling of the status change",
    );
    const published = spans.find(isPublished)!;
    const handled = spans.find(isHandled)!;
    expect(handled.parentSpanId).toBe(published.spanId);
    const mutation = spans.find((s) => s.service === 'workshop' && s.kind === SERVER)!;
    expect(ancestors(published, spans)).toContain(mutation);
  });

  it("carries an expense approval's trace to the webhook POST that delivers its fund event", async () => {
    const studio = await foundStudio(system, { countyCode: HERE, name: '西区经费追踪工作室' });
    const finance = financeSystem(HERE, 'finance-ledger-trace');
    await registeredEndpoint(system, finance, {
      url: `${webhooks.baseUrl}/traced`,
      description: '追踪测试',
      eventTypes: ['EXPENSE_APPROVED'],
    });
    const allocation = await allocated(system, studio, '20000.00');
    const expense = await submitted(system, studio, allocation.id, '800.00', {
      spentOn: `${THIS_YEAR}-02-03`,
    });

    const trace = callerTrace();
    const approval = await system.gql(
      studio.office,
      DECIDE,
      { input: { expenseId: expense.id, decision: 'APPROVE' } },
      trace.headers,
    );
    expect(approval.errors).toBeUndefined();

    const spans = await eventually(
      async () => otlp.trace(trace.traceId),
      (found) => found.some((s) => isPost(s) && ancestors(s, found).some(isDelivery)),
      30_000,
      'the webhook delivery of the approval',
    );
    const delivery = spans.find(isDelivery)!;
    const post = spans.find((s) => isPost(s) && ancestors(s, spans).includes(delivery))!;
    expect(post.attributes['http.request.method']).toBe('POST');
    // From the caller's request at the gateway, through the approving mutation, to the delivery.
    expect(ancestors(delivery, spans).some((s) => s.service === 'gateway' && s.kind === SERVER)).toBe(true);
    const mutation = spans.find((s) => s.service === 'finance' && s.kind === SERVER)!;
    expect(mutation).toBeDefined();
    // The receiver was sent the same trace.
    const received = webhooks.at('/traced');
    expect(received.some((request) => request.headers.traceparent?.includes(trace.traceId))).toBe(true);
  });

  it("carries a report request's trace to its section and its assembly", async () => {
    const school = await createSchool(system, HERE);
    await createTeacher(system, school, HERE);
    const trace = callerTrace();
    const response = await system.gql(
      COUNTY,
      `mutation ($input: RequestReportInput!) { requestReport(input: $input) { id status } }`,
      {
        input: {
          kind: 'TRAINING_HOURS',
          regionCode: HERE,
          period: { year: THIS_YEAR },
          format: 'CSV',
          options: { regenerate: true },
        },
      },
      trace.headers,
    );
    expect(response.errors).toBeUndefined();
    const job = await finished(system, COUNTY, response.data!.requestReport.id, 45_000);
    expect(job.status).toBe('SUCCEEDED');

    const spans = await eventually(
      async () => otlp.trace(trace.traceId),
      (found) =>
        found.some((s) => s.service === 'personnel' && s.kind === CONSUMER) &&
        found.some((s) => s.service === 'reports' && s.kind === CONSUMER),
      15_000,
      'the section and assembly spans of the report',
    );
    const section = spans.find((s) => s.service === 'personnel' && s.kind === CONSUMER)!;
    expect(section.name).toContain('personnel-report-sections');
    // The section's SQL is in it, under the section.
    expect(spans.some((s) => s.scope.includes('pg') && ancestors(s, spans).includes(section))).toBe(true);
    const assembly = spans.find((s) => s.service === 'reports' && s.kind === CONSUMER)!;
    expect(assembly.name).toContain('report-assembly');
    const request = spans.find((s) => s.service === 'reports' && s.kind === SERVER)!;
    expect(ancestors(section, spans)).toContain(request);
    expect(ancestors(assembly, spans)).toContain(request);
  });
});

/** Finance's POST of a fund event to the test's webhook receiver. */
function isPost(span: ReceivedSpan): boolean {
  return span.service === 'finance' && span.kind === CLIENT && span.attributes['url.path'] === '/traced';
}

/** Finance's span of one webhook delivery job. */
function isDelivery(span: ReceivedSpan): boolean {
  return span.service === 'finance' && span.kind === CONSUMER && span.name.includes('finance-webhooks');
}
