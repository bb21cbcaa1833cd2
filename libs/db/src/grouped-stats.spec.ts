import { dimensionOrderSql, rangedStatsLoader, rowsPerRange } from './grouped-stats';

const WEST = { lo: '510403', hi: '510403' };
const EAST = { lo: '510402', hi: '510402' };
const CITY = { lo: '510400', hi: '510499' };

describe('rangedStatsLoader', () => {
  it('answers every range asking one question with one run, in the order of the loads', async () => {
    const runs: { ranges: string[]; question: string }[] = [];
    const loader = rangedStatsLoader(
      async (ranges, question: string) => {
        runs.push({ ranges: ranges.map((r) => r.lo), question });
        return ranges.map((r) => [`${question}@${r.lo}`]);
      },
      (question) => question,
    );
    const answers = await Promise.all([
      loader.load({ range: WEST, question: 'year 2025' }),
      loader.load({ range: CITY, question: 'by county' }),
      loader.load({ range: EAST, question: 'year 2025' }),
    ]);
    expect(runs).toEqual([
      { ranges: ['510403', '510402'], question: 'year 2025' },
      { ranges: ['510400'], question: 'by county' },
    ]);
    expect(answers).toEqual([['year 2025@510403'], ['by county@510400'], ['year 2025@510402']]);
  });

  it('asks a range and question once per request', async () => {
    let runs = 0;
    const loader = rangedStatsLoader(
      async (ranges) => {
        runs += 1;
        return ranges.map(() => [runs]);
      },
      (question: { year: number }) => JSON.stringify(question),
    );
    await loader.load({ range: WEST, question: { year: 2025 } });
    expect(await loader.load({ range: { ...WEST }, question: { year: 2025 } })).toEqual([1]);
    expect(runs).toBe(1);
  });

  it('answers no group for a range its run left out', async () => {
    const loader = rangedStatsLoader(
      async () => [],
      (question: string) => question,
    );
    expect(await loader.load({ range: WEST, question: 'q' })).toEqual([]);
  });
});

describe('rowsPerRange', () => {
  it('hands each range its rows, in order, and none to a range without rows', () => {
    const rows = [
      { k: 0, n: 'a' },
      { k: 2, n: 'b' },
      { k: 0, n: 'c' },
    ];
    expect(rowsPerRange(3, rows)).toEqual([[rows[0], rows[2]], [], [rows[1]]]);
  });
});

describe('dimensionOrderSql', () => {
  it('orders values ascending and enums by declaration, nulls last, in the order grouped by', () => {
    expect(
      dimensionOrderSql([
        { column: 'cityCode', sql: 'x', order: 'value' },
        { column: 'level', sql: 'y', order: ['PROVINCE', 'CITY', 'COUNTY'] },
      ]),
    ).toBe(
      `"cityCode" NULLS LAST, array_position(ARRAY['PROVINCE', 'CITY', 'COUNTY']::text[], "level"::text) NULLS LAST`,
    );
    expect(dimensionOrderSql([])).toBe('');
  });

  it('takes nothing but enum names into the SQL', () => {
    expect(() => dimensionOrderSql([{ column: 'c', sql: 'x', order: ["A'); DROP TABLE x; --"] }])).toThrow(
      RangeError,
    );
  });
});
