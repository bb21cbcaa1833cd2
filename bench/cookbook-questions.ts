import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { regionRange } from '@mingshi/auth';
import { postGraphQL } from '@mingshi/testing';
import { readCookbook, type CookbookQuestion } from '../scripts/lib/cookbook';
import type { BenchIdentityProvider } from './identity-provider';
import { office } from './scenarios';

/** What an analyst's question may take through the gateway at province scale (the analytics issue). */
export const QUESTION_BUDGET_MS = 1000;

export interface CookbookQuestionResult {
  question: string;
  caller: string;
  /** Timed runs, one after another, after one untimed run that warms plans and caches. */
  runs: number;
  p50: number;
  max: number;
  /** Runs answered with GraphQL errors or a non-2xx status: the timing of those means nothing. */
  failed: number;
  /** The first failure, to say what went wrong. */
  failure?: string;
}

/**
 * Every question of `docs/analysts.md` whose caller's region lies within the scale's region, asked
 * through the gateway as that caller `runs` times in a row: an analyst's question is one request at
 * a time, so its latency — not throughput under load — is what the budget is about.
 */
export async function runCookbookQuestions(options: {
  gatewayUrl: string;
  provider: BenchIdentityProvider;
  /**
   * The scale's region: questions about other regions would time an empty answer. Null asks every
   * question whatever its region (--quick: that they still answer, not how fast).
   */
  regionCode: string | null;
  runs: number;
}): Promise<CookbookQuestionResult[]> {
  const document = readFileSync(path.join(__dirname, '..', 'docs', 'analysts.md'), 'utf8');
  const scale = options.regionCode === null ? null : regionRange(options.regionCode);
  const within = (region: string) => !scale || (region >= scale.lo && region <= scale.hi);
  const results: CookbookQuestionResult[] = [];
  for (const question of readCookbook(document).questions.filter((q) => within(q.caller.region))) {
    results.push(await timeQuestion(question, options));
  }
  return results;
}

async function timeQuestion(
  question: CookbookQuestion,
  options: { gatewayUrl: string; provider: BenchIdentityProvider; runs: number },
): Promise<CookbookQuestionResult> {
  const principal = office(question.caller.role, question.caller.region);
  const headers = { authorization: `Bearer ${await options.provider.token(principal)}` };
  const ask = async (): Promise<{ ms: number; failure?: string }> => {
    const started = performance.now();
    const response = await postGraphQL(options.gatewayUrl, question.query, {}, headers);
    const ms = performance.now() - started;
    if (response.status === 200 && !response.errors?.length && response.data) return { ms };
    return {
      ms,
      failure: `${response.status} ${JSON.stringify(response.errors ?? response.data).slice(0, 300)}`,
    };
  };
  await ask();
  const timings: number[] = [];
  const failures: string[] = [];
  for (let run = 0; run < options.runs; run++) {
    const { ms, failure } = await ask();
    if (failure) failures.push(failure);
    else timings.push(ms);
  }
  timings.sort((a, b) => a - b);
  return {
    question: question.title,
    caller: `${question.caller.role} ${question.caller.region}`,
    runs: options.runs,
    p50: round(timings[Math.floor((timings.length - 1) / 2)] ?? Number.NaN),
    max: round(timings.at(-1) ?? Number.NaN),
    failed: failures.length,
    ...(failures.length ? { failure: failures[0] } : {}),
  };
}

export function printCookbookQuestions(results: readonly CookbookQuestionResult[]): void {
  console.log(`cookbook questions (docs/analysts.md), through the gateway, one at a time`);
  for (const r of results) {
    const verdict = r.failed
      ? '!!! FAILED'
      : r.p50 <= QUESTION_BUDGET_MS
        ? 'ok'
        : `!!! over ${QUESTION_BUDGET_MS} ms`;
    console.log(
      `  ${r.question.padEnd(48)} p50 ${String(r.p50).padStart(7)} ms  max ${String(r.max).padStart(7)} ms  ${verdict}`,
    );
    if (r.failure) console.error(`    ${r.failure}`);
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
