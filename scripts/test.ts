/**
 * `npm test`: the unit and integration projects on two workers, then the fault suite on its own.
 *
 * The fault suite runs nineteen processes over a PostgreSQL and a Redis of its own. Beside the
 * other tests on two cores it slowed both: the scope probe ran past its time in CI, and the fault
 * suite's seconds-to-ready measured the neighbour as much as the recovery.
 *
 * Arguments go to both runs; with `--outputFile`, the two JSON reports are merged into that file,
 * so `--json` still reads as one run. Arguments that choose tests (a path or pattern, `-t`,
 * `--selectProjects`) run one jest as asked: `npm test -- services/finance`. Give options their
 * values with `=` (`--maxWorkers=1`), so that a value is not taken for a path.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeReports, type JestReport } from './lib/jest-reports';

const PASSES = [
  ['--maxWorkers=2', '--selectProjects', 'unit', 'integration'],
  ['--maxWorkers=1', '--selectProjects', 'faults'],
];
const CHOOSING = ['-t', '--testNamePattern', '--testPathPattern', '--selectProjects', '--findRelatedTests'];

function jest(args: string[]): number {
  return spawnSync('npx', ['jest', ...args], { stdio: 'inherit' }).status ?? 1;
}

/** The `--outputFile` of `args`, in either spelling, and the other arguments. */
function withoutOutputFile(args: string[]): { outputFile: string | null; rest: string[] } {
  const rest: string[] = [];
  let outputFile: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--outputFile') outputFile = args[++i] ?? null;
    else if (arg.startsWith('--outputFile=')) outputFile = arg.slice('--outputFile='.length);
    else rest.push(arg);
  }
  return { outputFile, rest };
}

function main(): number {
  const { outputFile, rest } = withoutOutputFile(process.argv.slice(2));
  const chooses = rest.some((arg) => !arg.startsWith('-') || CHOOSING.includes(arg.split('=')[0]!));
  if (chooses) return jest(['--maxWorkers=2', ...process.argv.slice(2)]);

  const folder = outputFile && mkdtempSync(join(tmpdir(), 'mingshi-test-'));
  const reportOf = (pass: number) => (folder ? [`--outputFile=${join(folder, `${pass}.json`)}`] : []);
  const statuses = PASSES.map((pass, i) => jest([...pass, ...rest, ...reportOf(i)]));
  if (outputFile && folder) {
    const reports = PASSES.map((_, i) => {
      const file = join(folder, `${i}.json`);
      return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as JestReport) : null;
    });
    writeFileSync(outputFile, JSON.stringify(mergeReports(reports)));
  }
  return statuses.every((status) => status === 0) ? 0 : 1;
}

process.exit(main());
