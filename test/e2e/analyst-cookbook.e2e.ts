import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../../scripts/seed/generate';
import { readCookbook, withAnswers, type CookbookQuestion } from '../../scripts/lib/cookbook';
import { TestSystem } from '../harness/system';

/**
 * Every question of `docs/analysts.md`, asked through the gateway as its caller on the demo data of
 * the day the document names, must answer exactly what the document says it answers. A change to
 * the graph that changes an answer fails here until the document is brought up to date — by hand,
 * or with `COOKBOOK_WRITE=1` on this file, which records the answers instead of comparing them (and
 * whose diff then needs reading as any other change would).
 */
const DOCUMENT = join(__dirname, '../../docs/analysts.md');
const WRITE = process.env.COOKBOOK_WRITE === '1';

const cookbook = readCookbook(readFileSync(DOCUMENT, 'utf8'));

describe('the analysts’ cookbook', () => {
  let system: TestSystem;
  const answers = new Map<CookbookQuestion, unknown>();

  beforeAll(async () => {
    system = await TestSystem.start();
    await generate(system.database.ownerUrl, 'demo', { today: cookbook.demoDay });
  }, 180_000);

  afterAll(async () => {
    try {
      if (WRITE && answers.size)
        writeFileSync(DOCUMENT, withAnswers(readFileSync(DOCUMENT, 'utf8'), answers));
    } finally {
      await system?.stop();
    }
  });

  it('has a question for each figure the bureaus report', () => {
    expect(cookbook.questions.length).toBeGreaterThanOrEqual(10);
  });

  it.each(
    cookbook.questions.map((question) => [`${question.title} (line ${question.line})`, question] as const),
  )('%s', async (_title, question) => {
    const response = await system.gql(question.caller, question.query);
    expect(response.errors).toBeUndefined();
    if (WRITE) answers.set(question, response.data);
    else expect(response.data).toEqual(question.expected);
  });
});
