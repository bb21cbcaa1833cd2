import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { IDENTITY_HEADER, signIdentity, type Principal } from '@mingshi/auth';
import { SUBGRAPHS } from '../gateway/src/subgraphs';
import { startSystemProcesses, type SystemProcesses } from '../scripts/lib/system-processes';
import { SCALE_REGIONS, type Scale } from '../scripts/seed/generate';
import { streamProgress } from '../scripts/seed/progress';
import { currentCommit } from './commit';
import { printCookbookQuestions, runCookbookQuestions } from './cookbook-questions';
import { prepareDatabase } from './database';
import { fundEventFailures } from './fund-event-figures';
import { runFundEvents, type FundEventOptions } from './fund-events';
import { BenchIdentityProvider } from './identity-provider';
import { chooseJurisdictions } from './jurisdictions';
import {
  failedRequests,
  inSequence,
  load,
  probe,
  type LoadOptions,
  type LoadResult,
  type Operation,
  type Target,
} from './load';
import { describeMachine } from './machine';
import { freePorts } from './ports';
import {
  compare,
  printFundEvents,
  printReportGeneration,
  printScenario,
  updateMarkdown,
  writeJson,
  type RunResult,
  type ScenarioResult,
} from './report';
import { runReportGeneration } from './report-generation';
import { SCENARIOS, office, type DirectCall, type Jurisdictions, type Scenario } from './scenarios';

const usage =
  'usage: npm run bench -- --scale county|city|province [--duration 10] [--connections 20] [--warmup 3] [--fresh]\n' +
  '         [--events-rate 200] [--events-duration 60 (0: no fund-event path)] [--events-drain 120] [--events-only]\n' +
  '         [--report-format XLSX|CSV|PDF] [--skip-report] [--skip-scenarios] [--cookbook-runs 5 (0: no cookbook questions)]';

const BENCH_SCALES: readonly Scale[] = ['county', 'city', 'province'];

interface BenchOptions extends LoadOptions {
  scale: Scale;
  warmup: number;
  fresh: boolean;
  /** The fund-event path; null when --events-duration is 0. */
  events: FundEventOptions | null;
  /** The annual summary of the whole scale's region, in this format; null with --skip-report. */
  reportFormat: string | null;
  /** Timed runs of each question of docs/analysts.md; 0 skips them. */
  cookbookRuns: number;
  /** No gateway-versus-direct scenarios: for timing the other parts alone. */
  skipScenarios: boolean;
}

/** The credentials callers and the gateway use in one run; nothing in them outlives it. */
interface RunSecrets {
  provider: BenchIdentityProvider;
  identitySecret: string;
}

function readOptions(): BenchOptions {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '3' },
      fresh: { type: 'boolean', default: false },
      // The finance issue's figures: 200 approvals a second for a minute.
      'events-rate': { type: 'string', default: '200' },
      'events-duration': { type: 'string', default: '60' },
      'events-drain': { type: 'string', default: '120' },
      'events-only': { type: 'boolean', default: false },
      'report-format': { type: 'string', default: 'XLSX' },
      'skip-report': { type: 'boolean', default: false },
      'cookbook-runs': { type: 'string', default: '5' },
      'skip-scenarios': { type: 'boolean', default: false },
    },
  });
  const numbers = {
    duration: Number(values.duration),
    connections: Number(values.connections),
    warmup: Number(values.warmup),
    'events-rate': Number(values['events-rate']),
    'events-duration': Number(values['events-duration']),
    'events-drain': Number(values['events-drain']),
    'cookbook-runs': Number(values['cookbook-runs']),
  };
  const mayBeZero = ['warmup', 'events-duration', 'events-drain', 'cookbook-runs'];
  const problems: string[] = [];
  if (!BENCH_SCALES.includes(values.scale as Scale))
    problems.push('--scale must be county, city or province');
  for (const [name, value] of Object.entries(numbers)) {
    const zero = mayBeZero.includes(name);
    if (!Number.isInteger(value) || value < (zero ? 0 : 1)) {
      problems.push(`--${name} must be a whole number${zero ? '' : ' above 0'}`);
    }
  }
  if (!['XLSX', 'CSV', 'PDF'].includes(values['report-format'] ?? '')) {
    problems.push('--report-format must be XLSX, CSV or PDF');
  }
  if (values['events-only'] && numbers['events-duration'] === 0) {
    problems.push('--events-only needs an --events-duration above 0');
  }
  if (problems.length) {
    console.error(`${problems.join('\n')}\n${usage}`);
    process.exit(2);
  }
  return {
    scale: values.scale as Scale,
    duration: numbers.duration,
    connections: numbers.connections,
    warmup: numbers.warmup,
    fresh: values.fresh,
    events:
      numbers['events-duration'] > 0
        ? {
            rate: numbers['events-rate'],
            duration: numbers['events-duration'],
            drain: numbers['events-drain'],
          }
        : null,
    reportFormat: values['skip-report'] || values['events-only'] ? null : values['report-format']!,
    cookbookRuns: values['events-only'] ? 0 : numbers['cookbook-runs'],
    skipScenarios: values['skip-scenarios'] || values['events-only'],
  };
}

/** What the run has started, undone in reverse order at its end, on an error or on a signal. */
const teardown: (() => unknown)[] = [];

async function tearDown(): Promise<void> {
  for (let step = teardown.pop(); step; step = teardown.pop()) await step();
}

async function main(): Promise<void> {
  const options = readOptions();
  stopOnSignals();
  const adminUrl =
    process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
  const startedAt = new Date().toISOString();
  const commit = currentCommit();

  console.log(`preparing mingshi_bench_${options.scale}${options.fresh ? ' (fresh)' : ''}`);
  const database = await prepareDatabase(adminUrl, options.scale, {
    fresh: options.fresh,
    progress: streamProgress(process.stdout),
  });
  console.log(
    `seed: ${database.seed.rowsInserted} rows inserted in ${database.seed.seconds} s, peak memory ${database.seed.peakMemoryMiB} MiB`,
  );
  const jurisdictions = await chooseJurisdictions(adminUrl, database.name, SCALE_REGIONS[options.scale]);
  const host = await describeMachine();
  const secrets: RunSecrets = {
    provider: new BenchIdentityProvider(),
    identitySecret: randomBytes(32).toString('hex'),
  };
  const system = await startSystem(database.appUrl, secrets, options.scale);

  const run: RunResult = {
    startedAt,
    scale: options.scale,
    machine: host,
    load: { duration: options.duration, connections: options.connections, warmup: options.warmup },
    seed: database.seed,
    ...(commit ? { commit } : {}),
    scenarios: [],
  };
  for (const scenario of options.skipScenarios ? [] : SCENARIOS) {
    const result = await runScenario(scenario, jurisdictions, system, secrets, options);
    printScenario(result);
    run.scenarios.push(result);
  }
  if (options.cookbookRuns > 0) {
    run.cookbook = await runCookbookQuestions({
      gatewayUrl: system.gatewayUrl,
      provider: secrets.provider,
      regionCode: SCALE_REGIONS[options.scale],
      runs: options.cookbookRuns,
    });
    printCookbookQuestions(run.cookbook);
  }
  if (options.reportFormat) {
    run.report = await runReport(system, secrets, jurisdictions, database.appUrl, options);
    printReportGeneration(run.report);
  }
  // After the reads: its writes (allocations of an unused year, their expenses) must not move them.
  if (options.events) {
    run.fundEvents = await runFundEvents(
      { gatewayUrl: system.gatewayUrl, provider: secrets.provider, adminUrl, database: database.name },
      jurisdictions,
      options.events,
    );
    printFundEvents(run.fundEvents);
  }
  console.log(`results: ${writeJson(run)}`);
  updateMarkdown(run);
  console.log('docs/performance.md updated');
  const failed = run.scenarios.filter((s) => failedRequests(s.gateway) + failedRequests(s.direct) > 0);
  if (failed.length) {
    console.error(`\n!!! FAILED REQUESTS in: ${failed.map((s) => s.scenario).join(', ')}`);
    process.exitCode = 1;
  }
  const failedQuestions = (run.cookbook ?? []).filter((question) => question.failed > 0);
  if (failedQuestions.length) {
    console.error(`\n!!! FAILED COOKBOOK QUESTIONS: ${failedQuestions.map((q) => q.question).join(', ')}`);
    process.exitCode = 1;
  }
  const eventFailures = run.fundEvents ? fundEventFailures(run.fundEvents) : [];
  if (eventFailures.length) {
    console.error(`\n!!! FUND-EVENT PATH FAILED: ${eventFailures.join(', ')}`);
    process.exitCode = 1;
  }
}

/** The subgraphs and the gateway as in production, on free ports, with this run's credentials. */
async function startSystem(appUrl: string, secrets: RunSecrets, scale: Scale): Promise<SystemProcesses> {
  // Not gateway/supergraph.graphql: an `npm start` running beside the bench keeps its own.
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'mingshi-bench-'));
  teardown.push(() => rmSync(workDir, { recursive: true, force: true }));
  const system = await startSystemProcesses({
    appDatabaseUrl: appUrl,
    redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    ports: await freePorts(['gateway', ...SUBGRAPHS.map((subgraph) => subgraph.name)]),
    supergraphPath: path.join(workDir, 'supergraph.graphql'),
    // The fund-event path's receiver is this process, on loopback over plain http: the finance
    // service must accept such an endpoint, which production settings (rightly) refuse.
    subgraphEnv: {
      finance: { WEBHOOK_REQUIRE_HTTPS: 'false', WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' },
      reports: { REPORT_DOWNLOAD_SECRET: randomBytes(32).toString('hex') },
    },
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      GATEWAY_IDENTITY_SECRET: secrets.identitySecret,
      JWT_PUBLIC_KEY: secrets.provider.publicKeyPem,
      JWT_ALGORITHM: 'RS256',
      // The gateway takes exactly one way to verify tokens; the caller's own settings must not add one.
      JWT_SECRET: '',
      JWT_JWKS_URL: '',
      // Queues of their own, so no other system on this Redis shares jobs with the bench's.
      QUEUE_PREFIX: `mingshi-bench-${scale}`,
      // Report sections and files, in a directory every service of the run shares.
      REPORT_STORE: 'local',
      REPORT_STORE_DIR: path.join(workDir, 'report-files'),
    },
  });
  teardown.push(system.stop);
  void system.exited.then(({ description }) => {
    console.error(`\n!!! ${description}\nthe run is void`);
    void tearDown().finally(() => process.exit(1));
  });
  return system;
}

/**
 * Measures one scenario through the gateway and straight to the subgraphs, as the same principal.
 * Each call is probed (a wrong answer stops the run) and warmed up before it is timed.
 */
async function runScenario(
  scenario: Scenario,
  jurisdictions: Jurisdictions,
  system: SystemProcesses,
  secrets: RunSecrets,
  options: BenchOptions,
): Promise<ScenarioResult> {
  const principal = scenario.caller(jurisdictions);
  const token = await secrets.provider.token(principal);
  const connections = scenario.connections ?? options.connections;
  const measure = async (target: Target, operation: Operation) => {
    if (options.warmup > 0) await load(target, operation, { connections, duration: options.warmup });
    return load(target, operation, { connections, duration: options.duration });
  };

  const gatewayTarget: Target = {
    url: system.gatewayUrl,
    headers: async () => ({ authorization: `Bearer ${token}` }),
  };
  const operation =
    typeof scenario.operation === 'function' ? scenario.operation(jurisdictions) : scenario.operation;
  const rows = scenario.rows(await probe(gatewayTarget, operation));
  if (rows === 0) throw new Error(`${scenario.name}: the gateway answered no rows; nothing to measure`);
  const gateway = await measure(gatewayTarget, operation);

  const calls: DirectCall[] =
    typeof scenario.direct === 'string'
      ? [{ subgraph: scenario.direct, operation: () => operation }]
      : scenario.direct;
  const answers: Record<string, unknown>[] = [];
  const directCalls: { subgraph: string; result: LoadResult }[] = [];
  for (const call of calls) {
    const target: Target = {
      url: system.subgraphUrls[call.subgraph]!,
      headers: async () => ({ [IDENTITY_HEADER]: await signIdentity(principal, secrets.identitySecret) }),
    };
    const callOperation = call.operation(answers, jurisdictions);
    const answer = await probe(target, callOperation);
    // The first call answers the page itself; what follows completes it (names of its rows …).
    if (answers.length === 0 && scenario.rows(answer) !== rows) {
      throw new Error(`${scenario.name}: ${call.subgraph} answered other rows than the gateway`);
    }
    answers.push(answer);
    directCalls.push({ subgraph: call.subgraph, result: await measure(target, callOperation) });
  }
  const direct = inSequence(directCalls.map((call) => call.result));
  return {
    scenario: scenario.name,
    caller: { roles: principal.roles, regionCode: principal.regionCode },
    rows,
    connections,
    gateway,
    direct,
    ...(directCalls.length > 1 ? { directCalls } : {}),
    ratio: compare(gateway, direct),
  };
}

/**
 * The scale's annual summary (the province's, at province scale) as its office asks for it, the
 * county's studios page loaded beside it, and the bare SQL of its sections.
 */
async function runReport(
  system: SystemProcesses,
  secrets: RunSecrets,
  jurisdictions: Jurisdictions,
  appUrl: string,
  options: BenchOptions,
) {
  const asCaller = async (principal: Principal): Promise<Target> => {
    const token = await secrets.provider.token(principal);
    return { url: system.gatewayUrl, headers: async () => ({ authorization: `Bearer ${token}` }) };
  };
  const studios = SCENARIOS.find((scenario) => scenario.name === 'studios page')!;
  const operation =
    typeof studios.operation === 'function' ? studios.operation(jurisdictions) : studios.operation;
  const requester = office(jurisdictions.wide.role, jurisdictions.wide.region);
  return runReportGeneration({
    gateway: await asCaller(requester),
    studiosPage: { target: await asCaller(studios.caller(jurisdictions)), operation },
    connections: options.connections,
    duration: options.duration,
    pids: system.pids,
    appUrl,
    requester,
    kind: 'ANNUAL_SUMMARY',
    format: options.reportFormat!,
    regionCode: jurisdictions.wide.region,
    warmupRegionCode: jurisdictions.county,
    // The last full year the seed holds.
    year: new Date().getFullYear() - 1,
  });
}

/**
 * The system's processes run in their own process group, so Ctrl-C reaches the bench alone: it
 * must stop them itself. Exiting also signals any still starting (scripts/lib/managed-process.ts).
 */
function stopOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the system`);
      void tearDown().finally(() => process.exit(130));
    });
  }
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(tearDown);
