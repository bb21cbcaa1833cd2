import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OutputSink } from '../../scripts/lib/managed-process';
import { WebhookReceiver } from '../harness/webhook-receiver';
import { prepareCounty } from './county';
import { DeliveryAudit, type Window } from './delivery-audit';
import { PHASES, runFault, type FaultResult } from './fault-run';
import { FaultSystem } from './fault-system';
import { faultPlan } from './faults';
import { resultsTable, type FaultSuiteResults } from './results-table';
import { SteadyLoad } from './steady-load';

/**
 * The fault suite's run, as its own process (test/faults/fault-recovery.test.ts starts it; run it
 * alone with `npx tsx test/faults/run-faults.ts`):
 *
 *   --split | --whole   each service as its graph plus one process per worker part (default), or
 *                       as one process per service
 *   --only a,b          only the faults named (`kill -9 personnel,restart Redis`)
 *   --json <file>       where the results go (default test/faults/results/faults.json)
 *   --development       the processes run with NODE_ENV=development: an internal error answers
 *                       with its own message, which says where it came from
 *
 * It prints a line per fault and the table at the end; every process's output goes to
 * test/faults/results/processes.log. It exits 0 when it ran, whatever it found: the test judges.
 */

const RESULTS_DIR = path.join(__dirname, 'results');

interface RunOptions {
  split: boolean;
  development: boolean;
  only: string[] | null;
  json: string;
}

function readOptions(argv: string[]): RunOptions {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    return at === -1 ? undefined : argv[at + 1];
  };
  return {
    split: !argv.includes('--whole'),
    development: argv.includes('--development'),
    only: value('--only')?.split(',') ?? null,
    json: value('--json') ?? path.join(RESULTS_DIR, 'faults.json'),
  };
}

const teardown: (() => Promise<unknown>)[] = [];

async function tearDown(): Promise<void> {
  for (let step = teardown.pop(); step; step = teardown.pop()) {
    await step().catch((error: unknown) => console.error(`teardown: ${(error as Error).message}`));
  }
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const startedAt = Date.now();
  mkdirSync(RESULTS_DIR, { recursive: true });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mingshi-faults-'));
  teardown.push(async () => rmSync(dir, { recursive: true, force: true }));
  const log = createWriteStream(path.join(RESULTS_DIR, 'processes.log'));
  teardown.push(() => new Promise((resolve) => log.end(resolve)));
  const output: OutputSink = (name, line) => log.write(`${name.padEnd(20)} | ${line}\n`);

  const plan = faultPlan(options.split).filter((fault) => !options.only || options.only.includes(fault.name));
  const receiver = await WebhookReceiver.start();
  teardown.push(() => receiver.stop());
  const system = await FaultSystem.start({
    dir,
    split: options.split,
    output,
    development: options.development,
  });
  teardown.push(() => system.stop());
  const processes = system.processes.map((p) => p.spec.name);
  console.log(`faults: ${processes.length} processes up (${processes.join(', ')})`);
  const county = await prepareCounty(system, receiver.baseUrl);
  const audit = new DeliveryAudit(
    system.db,
    receiver,
    BigInt(county.endpoint.deliveredThrough),
    system.reportStoreDir,
  );
  const load = new SteadyLoad(system, county);
  load.start();
  teardown.push(() => load.stop());
  const setupSeconds = (Date.now() - startedAt) / 1000;
  console.log(`faults: county prepared, load running (${setupSeconds.toFixed(1)} s)`);

  const faults: FaultResult[] = [];
  let from = Date.now();
  for (const fault of plan) {
    const result = await runFault(fault, from, { system, load, audit });
    faults.push(result);
    console.log(describe(result));
    from = result.times.to;
  }
  await load.stop();
  const tail: Window = { from, to: Date.now() };
  await audit.drained(PHASES.drainTimeoutMs);
  const results: FaultSuiteResults = {
    startedAt: new Date(startedAt).toISOString(),
    split: options.split,
    processes,
    setupSeconds,
    seconds: (Date.now() - startedAt) / 1000,
    faults,
    tail: await audit.count(tail, load.spends, load.reports),
    positionsGapFree: audit.positionsGapFree(),
  };
  writeFileSync(options.json, `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    `\n${resultsTable(results)}\n\nfaults: ${results.seconds.toFixed(0)} s; results in ${options.json}`,
  );
}

function describe(result: FaultResult): string {
  const { fundEvents, reports, outboxEvents } = result.counts;
  return (
    `faults: ${result.fault}: ${result.during.failed}/${result.during.total} requests failed, ` +
    `ready in ${result.secondsToReady ?? 'never'} s, drained in ${result.secondsToDrain ?? 'never'} s; ` +
    `lost/twice: fund events ${fundEvents.lost}/${fundEvents.appliedTwice} (${fundEvents.redeliveries} redelivered), ` +
    `reports ${reports.lost}/${reports.appliedTwice}, outbox ${outboxEvents.lost}/${outboxEvents.appliedTwice}` +
    (result.crashes.length ? `; crashed: ${result.crashes.map((c) => c.process).join(', ')}` : '')
  );
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`faults: ${signal}, stopping`);
    void tearDown().then(() => process.exit(1));
  });
}

main()
  .then(tearDown)
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    await tearDown();
    process.exit(1);
  });
