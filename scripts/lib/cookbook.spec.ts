import { readCookbook, withAnswers } from './cookbook';

const DOC = [
  '# Cookbook',
  '<!-- demo data as of 2026-12-01 -->',
  '### Studios by level',
  'Some prose.',
  '<!-- ask as ANALYST 520000 -->',
  '```graphql',
  '{ workshopStats(groupBy: [LEVEL]) { level workshopCount } }',
  '```',
  'On the demo data:',
  '```json',
  '{ "workshopStats": [] }',
  '```',
  '### Teachers',
  '<!-- ask as CITY_OFFICE 530800 -->',
  '```graphql',
  '{ teacherStats { teacherCount } }',
  '```',
  '```json',
  '{ "teacherStats": [{ "teacherCount": 3 }] }',
  '```',
].join('\n');

describe('readCookbook', () => {
  it('reads each question with its caller, query and answer', () => {
    const cookbook = readCookbook(DOC);
    expect(cookbook.demoDay).toBe('2026-12-01');
    expect(cookbook.questions).toEqual([
      {
        title: 'Studios by level',
        caller: { role: 'ANALYST', region: '520000' },
        query: '{ workshopStats(groupBy: [LEVEL]) { level workshopCount } }',
        expected: { workshopStats: [] },
        line: 5,
      },
      {
        title: 'Teachers',
        caller: { role: 'CITY_OFFICE', region: '530800' },
        query: '{ teacherStats { teacherCount } }',
        expected: { teacherStats: [{ teacherCount: 3 }] },
        line: 14,
      },
    ]);
  });

  it('refuses a question without an answer rather than skipping it', () => {
    const broken = DOC.replace('```json\n{ "workshopStats": [] }\n```', '');
    expect(() => readCookbook(broken)).toThrow(/line \d+: a question needs a ```json block/);
  });

  it('refuses an answer that is not JSON', () => {
    expect(() => readCookbook(DOC.replace('{ "workshopStats": [] }', '{ workshopStats }'))).toThrow(
      /the answer is not JSON/,
    );
  });

  it('refuses an unknown role and a document without its demo day', () => {
    expect(() => readCookbook(DOC.replace('ANALYST', 'ANALYSTS'))).toThrow(/ANALYSTS is not a role/);
    expect(() => readCookbook(DOC.replace('<!-- demo data as of 2026-12-01 -->', ''))).toThrow(/what day/);
  });

  it('replaces answers and leaves the rest of the document as it was', () => {
    const [studios, teachers] = readCookbook(DOC).questions;
    const longer = { workshopStats: [{ level: 'CITY', workshopCount: 1 }] };
    const written = withAnswers(
      DOC,
      new Map<typeof studios, unknown>([
        [studios!, longer],
        [teachers!, { teacherStats: [{ teacherCount: 4 }] }],
      ]),
    );
    const read = readCookbook(written).questions;
    expect(read.map((q) => q.expected)).toEqual([longer, { teacherStats: [{ teacherCount: 4 }] }]);
    expect(read.map((q) => q.query)).toEqual([studios!.query, teachers!.query]);
    expect(written.split('\n').slice(0, 10)).toEqual(DOC.split('\n').slice(0, 10));
  });
});
