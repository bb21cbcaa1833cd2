import { Role } from '@mingshi/auth';

/**
 * The analysts' cookbook (`docs/analysts.md`) read as data, so that the test suite can ask every
 * question on the demo data and the benchmark can time every question at province scale: the
 * document is the one place the questions live, and it cannot drift from what the graph answers.
 *
 * A question is marked in the document by an HTML comment naming its caller, followed by the
 * query in a `graphql` block and the answer on the demo data in a `json` block:
 *
 *     <!-- ask as ANALYST 520000 -->
 *     ```graphql
 *     { … }
 *     ```
 *     ```json
 *     { "…": … }
 *     ```
 *
 * The day the demo data is generated as of (it is planned back from a day, so the figures depend
 * on it) is given once: `<!-- demo data as of 2026-12-01 -->`.
 */

export interface CookbookQuestion {
  /** The `###` heading the question sits under. */
  title: string;
  /** Who asks: a role and the region its scope covers. */
  caller: { role: Role; region: string };
  query: string;
  /** The `data` of the answer on the demo data. */
  expected: unknown;
  /** Line of the question's marker, for messages that send the reader to the right place. */
  line: number;
}

export interface Cookbook {
  /** The day the demo data the answers describe was generated as of. */
  demoDay: string;
  questions: CookbookQuestion[];
}

const ASK = /^<!-- ask as ([A-Z_]+) (\d{6}) -->$/;
const DEMO_DAY = /^<!-- demo data as of (\d{4}-\d{2}-\d{2}) -->$/;

export function readCookbook(markdown: string): Cookbook {
  const lines = markdown.split('\n');
  let demoDay: string | null = null;
  let title = '';
  const questions: CookbookQuestion[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.startsWith('### ')) title = line.slice(4).trim();
    demoDay = DEMO_DAY.exec(line)?.[1] ?? demoDay;
    const ask = ASK.exec(line);
    if (!ask) continue;
    const role = ask[1] as Role;
    if (!Object.values(Role).includes(role)) throw new Error(`line ${i + 1}: ${role} is not a role`);
    const query = fencedBlock(lines, i + 1, 'graphql');
    const answer = fencedBlock(lines, query.end + 1, 'json');
    let expected: unknown;
    try {
      expected = JSON.parse(answer.text);
    } catch (error) {
      throw new Error(`line ${answer.start + 1}: the answer is not JSON (${(error as Error).message})`);
    }
    questions.push({ title, caller: { role, region: ask[2]! }, query: query.text, expected, line: i + 1 });
    i = answer.end;
  }
  if (!demoDay) throw new Error('the cookbook does not say what day its demo data is as of');
  return { demoDay, questions };
}

/** The first fenced block of `language` from line `from` on, with the lines it spans. */
function fencedBlock(
  lines: string[],
  from: number,
  language: string,
): { text: string; start: number; end: number } {
  const start = lines.findIndex((line, i) => i >= from && line.trim() === '```' + language);
  const nextMarker = lines.findIndex((line, i) => i >= from && ASK.test(line.trim()));
  if (start < 0 || (nextMarker >= 0 && nextMarker < start)) {
    throw new Error(`line ${from}: a question needs a \`\`\`${language} block after its marker`);
  }
  const end = lines.findIndex((line, i) => i > start && line.trim() === '```');
  if (end < 0) throw new Error(`line ${start + 1}: the \`\`\`${language} block is not closed`);
  return { text: lines.slice(start + 1, end).join('\n'), start, end };
}

/**
 * The document with the answers of some questions replaced: how `COOKBOOK_WRITE=1` records them.
 * From the last question up, so each question's line still points at it when its turn comes.
 */
export function withAnswers(markdown: string, answers: ReadonlyMap<CookbookQuestion, unknown>): string {
  const lines = markdown.split('\n');
  for (const [question, data] of [...answers].sort(([a], [b]) => b.line - a.line)) {
    const query = fencedBlock(lines, question.line, 'graphql');
    const answer = fencedBlock(lines, query.end + 1, 'json');
    lines.splice(
      answer.start + 1,
      answer.end - answer.start - 1,
      ...JSON.stringify(data, null, 2).split('\n'),
    );
  }
  return lines.join('\n');
}
