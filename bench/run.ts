import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IDENTITY_HEADER, signIdentity, type Principal } from '@mingshi/auth';
import { SUBGRAPHS } from '../gateway/src/subgraphs';
import { startSystemProcesses, type SystemProcesses } from '../scripts/lib/system-processes';
import { SCALE_REGIONS, type Scale } from '../scripts/seed/generate';
import { streamProgress } from '../scripts/seed/progress';
import { currentCommit } from './commit';
import { printCookbookQuestions, runCookbookQuestions } from './cookbook-questions';
import { prepareDatabase } from './database';
import { fundEventFailures } from './fund-event-figures';
import { runFundEvents } from './fund-events';
import { BenchIdentityProvider } from './identity-provider';
import { chooseJurisdictions } from './jurisdictions';
import {
  BenchError,
  inSequence,
  load,
  probe,
  voidRun,
  type LoadResult,
  type Operation,
  type Target,
} from './load';
import { describeMachine } from './machine';
import { USAGE, loadAt, parseBenchOptions, type BenchOptions } from './options';
import { startPeerGateway, type PeerGateway } from './peer-gateway';
import { cpuMilliseconds, cpuPerRequest } from './process-cpu';
import { freePorts } from './ports';
import {
  compare,
  printFundEvents,
  printReportGeneration,
  printScenario,
  printStatements,
  updateMarkdown,
  writeJson,
  type RunResult,
  type ScenarioResult,
} from './report';
import { runReportGeneration } from './report-generation';
import {
  COUNTY_PAGE,
  SCENARIOS,
  countyPage,
  office,
  type DirectCall,
  type Jurisdictions,
  type Scenario,
} from './scenarios';
import { countStatements } from './statement-counts';

/** The credentials callers and the gateway use in one run; nothing in them outlives it. */
interface RunSecrets {
  provider: BenchIdentityProvider;
  identitySecret: string;
}

function readOptions(): BenchOptions {
  const options = parseBenchOptions(process.argv.slice(2));
  if ('problems' in options) {
    console.error(`${options.problems.join('\n')}\n${USAGE}`);
    process.exit(2);
  }
  return options;
}

/** Page sizes whose SQL statements per page are counted: the same count for each is the point. */
const STATEMENT_PAGE_SIZES = [10, 50, 100] as const;

/** What the run has started, undone in reverse order at its end, on an error or on a signal. */
const teardown: (() => unknown)[] = [];

async function tearDown(): Promise<void> {
  for (let step = teardown.pop(); step; step = teardown.pop()) await step();
}

async function main(): Promise<void> {
  const options = readOptions();
  const unknown = (options.only ?? []).filter((name) => !SCENARIOS.some((s) => s.name === name));
  if (unknown.length) throw new Error(`no such scenario: ${unknown.join(', ')}`);
  stopOnSignals();
  const adminUrl =
    process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
  const startedAt = new Date().toISOString();
  const commit = currentCommit();

  console.log(`preparing ${options.database}${options.fresh ? ' (fresh)' : ''}`);
  const database = await prepareDatabase(adminUrl, options.scale, {
    name: options.database,
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
  const { system, peer } = await startSystem(database.appUrl, secrets, options.scale);

  const run: RunResult = {
    startedAt,
    scale: options.scale,
    database: database.name,
    quick: options.quick,
    machine: host,
    load: { duration: options.duration, connections: options.connections, warmup: options.warmup },
    seed: database.seed,
    ...(commit ? { commit } : {}),
    scenarios: [],
  };
  const scenarios = SCENARIOS.filter((s) => !options.only || options.only.includes(s.name));
  for (const scenario of options.skipScenarios ? [] : scenarios) {
    for (const result of await runScenario(scenario, jurisdictions, system, peer, secrets, options)) {
      printScenario(result);
      run.scenarios.push(result);
    }
  }
  if (options.statementRequests > 0) {
    const scenario = SCENARIOS.find((s) => s.name === COUNTY_PAGE)!;
    const token = await secrets.provider.token(scenario.caller(jurisdictions));
    run.statements = await countStatements({
      scenario: COUNTY_PAGE,
      gateway: { url: system.gatewayUrl, headers: async () => ({ authorization: `Bearer ${token}` }) },
      subgraphUrls: system.subgraphUrls,
      page: countyPage,
      rows: scenario.rows,
      sizes: STATEMENT_PAGE_SIZES,
      pages: options.statementRequests,
    });
    printStatements(run.statements);
  }
  if (options.cookbookRuns > 0) {
    run.cookbook = await runCookbookQuestions({
      gatewayUrl: system.gatewayUrl,
      provider: secrets.provider,
      // The questions are a province's and a city's; a quick county run checks that they answer.
      regionCode: options.quick ? null : SCALE_REGIONS[options.scale],
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
  if (options.quick) console.log('docs/performance.md left as it is (--quick)');
  else {
    updateMarkdown(run);
    console.log('docs/performance.md updated');
  }
  const failedRuns = namedRuns(run).flatMap(([where, result]) => {
    const why = voidRun(result);
    return why ? [`  ${where}: ${why}`] : [];
  });
  if (failedRuns.length) {
    console.error(`\n!!! FAILED OR UNANSWERED REQUESTS:\n${failedRuns.join('\n')}`);
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

/** Every load run of the bench, named for where it ran: each scenario's sides, and the page beside the report. */
function namedRuns(run: RunResult): [string, LoadResult][] {
  const named: [string, LoadResult][] = [];
  for (const s of run.scenarios) {
    const at = `${s.scenario} (${s.connections} conn)`;
    named.push([`${at}, gateway`, s.gateway]);
    if (s.directCalls) {
      for (const call of s.directCalls) named.push([`${at}, direct to ${call.subgraph}`, call.result]);
    } else named.push([`${at}, direct`, s.direct]);
    if (s.peer) named.push([`${at}, peer`, s.peer.result]);
  }
  if (run.report) {
    named.push(['county page beside the report, alone', run.report.studiosPage.alone]);
    named.push(['county page while the report renders', run.report.studiosPage.duringReport]);
  }
  return named;
}

/**
 * The subgraphs and the gateway as in production, on free ports, with this run's credentials, and
 * the peer gateway over the same supergraph file and subgraphs.
 */
async function startSystem(
  appUrl: string,
  secrets: RunSecrets,
  scale: Scale,
): Promise<{ system: SystemProcesses; peer: PeerGateway }> {
  // Not gateway/supergraph.graphql: an `npm start` running beside the bench keeps its own.
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'mingshi-bench-'));
  teardown.push(() => rmSync(workDir, { recursive: true, force: true }));
  const ports = await freePorts(['gateway', 'peer', ...SUBGRAPHS.map((subgraph) => subgraph.name)]);
  const supergraphPath = path.join(workDir, 'supergraph.graphql');
  const system = await startSystemProcesses({
    appDatabaseUrl: appUrl,
    redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    ports,
    supergraphPath,
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
  const voidRun = (description: string) => {
    console.error(`\n!!! ${description}\nthe run is void`);
    void tearDown().finally(() => process.exit(1));
  };
  void system.exited.then(({ description }) => voidRun(description));
  const peer = await startPeerGateway({
    supergraphPath,
    port: ports.peer!,
    env: { NODE_ENV: 'production', LOG_LEVEL: 'warn' },
  });
  // Stopped before the subgraphs it calls, as our gateway is.
  teardown.push(peer.stop);
  void peer.exited.then(voidRun);
  return { system, peer };
}

/**
 * Measures one scenario through the gateway and straight to the subgraphs, as the same principal,
 * at each of its concurrency levels, and through the peer gateway when it asks for it. Each call
 * is probed (a wrong answer stops the run) and warmed up before it is timed.
 */
async function runScenario(
  scenario: Scenario,
  jurisdictions: Jurisdictions,
  system: SystemProcesses,
  peer: PeerGateway,
  secrets: RunSecrets,
  options: BenchOptions,
): Promise<ScenarioResult[]> {
  const principal = scenario.caller(jurisdictions);
  const token = await secrets.provider.token(principal);
  const identity = async () => ({
    [IDENTITY_HEADER]: await signIdentity(principal, secrets.identitySecret),
  });
  const gatewayTarget: Target = {
    url: system.gatewayUrl,
    headers: async () => ({ authorization: `Bearer ${token}` }),
  };
  // The peer does not verify our tokens: it is sent the identity ours would sign, and forwards it.
  const peerTarget: Target = { url: peer.url, headers: identity };
  const operation =
    typeof scenario.operation === 'function' ? scenario.operation(jurisdictions) : scenario.operation;
  const ours = await probe(gatewayTarget, operation);
  const rows = scenario.rows(ours);
  if (rows === 0) throw new Error(`${scenario.name}: the gateway answered no rows; nothing to measure`);
  if (scenario.peer && JSON.stringify(await probe(peerTarget, operation)) !== JSON.stringify(ours)) {
    throw new BenchError(`${scenario.name}: the peer gateway answered other data than ours`);
  }

  const calls: DirectCall[] =
    typeof scenario.direct === 'string'
      ? [{ subgraph: scenario.direct, operation: () => operation }]
      : scenario.direct;
  const answers: Record<string, unknown>[] = [];
  const directOperations: { subgraph: string; target: Target; operation: Operation }[] = [];
  for (const call of calls) {
    const target: Target = { url: system.subgraphUrls[call.subgraph]!, headers: identity };
    const callOperation = call.operation(answers, jurisdictions);
    const answer = await probe(target, callOperation);
    // The first call answers the page itself; what follows completes it (names of its rows …).
    if (answers.length === 0 && scenario.rows(answer) !== rows) {
      throw new Error(`${scenario.name}: ${call.subgraph} answered other rows than the gateway`);
    }
    answers.push(answer);
    directOperations.push({ subgraph: call.subgraph, target, operation: callOperation });
  }

  const levels = scenario.concurrency ?? [options.connections];
  if (options.warmup > 0) {
    await warmUp(
      [
        { target: gatewayTarget, operation },
        ...directOperations,
        ...(scenario.peer ? [{ target: peerTarget, operation }] : []),
      ],
      // As many callers as the scenario's busiest level, up to the run's: the province's yearly
      // figures are asked by two at a time, and warming them with twenty would only queue.
      { connections: Math.min(Math.max(...levels), options.connections), warmup: options.warmup },
    );
  }
  const results: ScenarioResult[] = [];
  for (const connections of levels) {
    const measure = async (target: Target, op: Operation) => {
      if (options.warmup > 0) await load(target, op, { connections, duration: options.warmup });
      return load(target, op, loadAt(options, connections));
    };
    /** A gateway's run, with each process's CPU per request over it (the gateway's and the subgraphs'). */
    const measureWithCpu = async (target: Target, gatewayName: string, gatewayPid: number | undefined) => {
      if (options.warmup > 0) await load(target, operation, { connections, duration: options.warmup });
      const pids = { ...system.pids, gateway: gatewayPid };
      const before = cpuMilliseconds(pids);
      const result = await load(target, operation, loadAt(options, connections));
      const cpu = cpuPerRequest(before, cpuMilliseconds(pids), result.requests);
      return { result, cpuMsPerRequest: renameKey(cpu, 'gateway', gatewayName) };
    };
    const gateway = await measureWithCpu(gatewayTarget, 'gateway', system.pids.gateway);
    const directCalls: { subgraph: string; result: LoadResult }[] = [];
    for (const call of directOperations) {
      directCalls.push({ subgraph: call.subgraph, result: await measure(call.target, call.operation) });
    }
    const direct = inSequence(directCalls.map((call) => call.result));
    const peerRun = scenario.peer ? await measureWithCpu(peerTarget, 'peer', peer.pid) : null;
    results.push({
      scenario: scenario.name,
      caller: { roles: principal.roles, regionCode: principal.regionCode },
      rows,
      connections,
      gateway: gateway.result,
      cpuMsPerRequest: gateway.cpuMsPerRequest,
      direct,
      ...(directCalls.length > 1 ? { directCalls } : {}),
      ratio: compare(gateway.result, direct),
      ...(peerRun
        ? {
            peer: {
              result: peerRun.result,
              cpuMsPerRequest: peerRun.cpuMsPerRequest,
              ratio: compare(gateway.result, peerRun.result),
            },
          }
        : {}),
    });
  }
  return results;
}

/**
 * Seconds of load on each side of a scenario before its first measured run. A process's first
 * thousand-odd requests down a code path are slower (V8 compiles it in tiers, the heap grows to its
 * working size): the county page at one caller went from 28 to 24 ms p50 over its first 1,250
 * requests. Without this, the first run measured (the gateway's, at the first level) ran on
 * subgraphs still warming up, and every side measured after it profited.
 */
const SCENARIO_WARMUP_S = 10;

/** Loads every side of a scenario, one after another; nothing is kept. */
async function warmUp(
  sides: readonly { target: Target; operation: Operation }[],
  options: Pick<BenchOptions, 'connections' | 'warmup'>,
): Promise<void> {
  const duration = Math.max(options.warmup, SCENARIO_WARMUP_S);
  for (const side of sides)
    await load(side.target, side.operation, { connections: options.connections, duration });
}

/** The same figures with one process's name changed (the peer stands where our gateway does). */
function renameKey(record: Record<string, number>, from: string, to: string): Record<string, number> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key === from ? to : key, value]));
}

/**
 * The scale's annual summary (the province's, at province scale) as its office asks for it, the
 * county page loaded beside it, and the bare SQL of its sections.
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
  const studios = SCENARIOS.find((scenario) => scenario.name === COUNTY_PAGE)!;
  const operation =
    typeof studios.operation === 'function' ? studios.operation(jurisdictions) : studios.operation;
  const requester = office(jurisdictions.wide.role, jurisdictions.wide.region);
  return runReportGeneration({
    gateway: await asCaller(requester),
    studiosPage: { target: await asCaller(studios.caller(jurisdictions)), operation },
    pageLoad: loadAt(options, options.connections),
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
