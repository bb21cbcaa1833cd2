import { sendWithin, type Answer } from './fuzz-client';
import type { FuzzCase } from './fuzz-cases';
import { judgeAnswer, judgeWrites, type Finding } from './fuzz-verdict';
import type { TestSystem, TokenRequest } from './system';
import { changedTables, type TableCounter } from './table-counts';

export interface RunOptions {
  budgetMs: number;
  /** Queries in flight at once; mutations always go one at a time. */
  concurrency: number;
}

export interface RunResult {
  findings: Finding[];
  answers: Map<number, Answer>;
}

/**
 * Sends every case and judges its answer. Queries go a few at a time. Mutations go one at a time
 * with the row counts of every table read before and after each, so a refused mutation that wrote
 * anything is caught and pinned on the one request that did it.
 */
export async function runCases(
  system: TestSystem,
  cases: FuzzCase[],
  counter: TableCounter,
  options: RunOptions,
): Promise<RunResult> {
  const findings: Finding[] = [];
  const answers = new Map<number, Answer>();
  const tokens = new Map<string, Promise<string>>();
  const tokenFor = (caller: TokenRequest) => {
    const key = JSON.stringify(caller);
    if (!tokens.has(key)) tokens.set(key, system.token(caller));
    return tokens.get(key)!;
  };
  const send = async (fuzzCase: FuzzCase) => {
    const token = await tokenFor(fuzzCase.caller);
    const answer = await sendWithin(
      system.gatewayUrl,
      token,
      fuzzCase.query,
      fuzzCase.variables,
      options.budgetMs,
    );
    answers.set(fuzzCase.id, answer);
    findings.push(...judgeAnswer(fuzzCase, answer, options.budgetMs));
    return answer;
  };

  await inPool(
    cases.filter((c) => c.operation === 'query'),
    options.concurrency,
    send,
  );

  let before = await counter.counts();
  for (const fuzzCase of refusalsFirst(cases.filter((c) => c.operation === 'mutation'))) {
    const answer = await send(fuzzCase);
    const after = await counter.counts();
    // A request abandoned at its time budget may still commit later: its counts prove nothing.
    if (!answer.timedOut) findings.push(...judgeWrites(fuzzCase, answer, changedTables(before, after)));
    before = after;
  }
  return { findings, answers };
}

/**
 * Mutation cases with the values a correct graph must refuse first, then the malformed, then the
 * ones it may accept. An accepted case consumes its base's target (an application answered, a
 * membership ended), after which the same field's later cases stop at CONFLICT before validation;
 * putting the likely acceptances last lets the rest reach the checks they are meant for.
 */
function refusalsFirst(cases: FuzzCase[]): FuzzCase[] {
  const rank = ({ hostile }: FuzzCase) => (hostile.mustRefuse ? 0 : hostile.malformed ? 1 : 2);
  return [...cases].sort((a, b) => rank(a) - rank(b) || a.id - b.id);
}

/** Runs `work` over the items with at most `concurrency` in flight. */
async function inPool<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
}
