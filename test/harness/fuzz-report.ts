import { writeFileSync } from 'node:fs';
import type { Answer } from './fuzz-client';
import type { FuzzCase } from './fuzz-cases';
import { describeFinding, type Finding } from './fuzz-verdict';

/** Strings and lists cut to a readable length, so a report of 30,000-character values stays small. */
function shortened(value: unknown): unknown {
  if (typeof value === 'string')
    return value.length > 200 ? `${value.slice(0, 200)}… (${value.length} chars)` : value;
  if (Array.isArray(value)) {
    const head = value.slice(0, 3).map(shortened);
    return value.length > 3 ? [...head, `… (${value.length} elements)`] : head;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shortened(item)]));
  }
  return value;
}

/** Every case with its answer and findings, one JSON object a line. */
export function writeReport(
  file: string,
  cases: FuzzCase[],
  answers: Map<number, Answer>,
  findings: Finding[],
): void {
  const lines = cases.map((fuzzCase) =>
    JSON.stringify(
      shortened({
        case: fuzzCase,
        answer: answers.get(fuzzCase.id),
        findings: findings.filter((f) => f.fuzzCase.id === fuzzCase.id).map(describeFinding),
      }),
    ),
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
}
