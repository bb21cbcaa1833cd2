import type { RegionRange } from '@mingshi/auth';
import { MAX_STATS_GROUPS } from '@mingshi/graphql';
import {
  dimensionColumnsSql,
  dimensionOrderSql,
  groupsPerRange,
  rangeLoader,
  rangedStatsLoader,
  rowsPerRange,
} from './grouped-stats';

const range = (lo: string, hi = lo): RegionRange => ({ lo, hi });

const WEST = { lo: '510403', hi: '510403' };
const EAST = { lo: '510402', hi: '510402' };
const CITY = { lo: '510400', hi: '510499' };

describe('rangeLoader', () => {
  it('sends every range asked with the same arguments in one call, in the order asked', async () => {
    const calls: { ranges: readonly RegionRange[]; question: { year: number } }[] = [];
    const loader = rangeLoader(async (ranges: readonly RegionRange[], question: { year: number }) => {
      calls.push({ ranges, question });
      return ranges.map((r) => `${r.lo}:${question.year}`);
    });
    const answers = await Promise.all([
      loader.load({ range: range('510402'), question: { year: 2024 } }),
      loader.load({ range: range('510403'), question: { year: 2024 } }),
      loader.load({ range: range('510403'), question: { year: 2023 } }),
      loader.load({ range: range('510411'), question: { year: 2024 } }),
    ]);
    expect(answers).toEqual(['510402:2024', '510403:2024', '510403:2023', '510411:2024']);
    expect(calls).toEqual([
      { ranges: [range('510402'), range('510403'), range('510411')], question: { year: 2024 } },
      { ranges: [range('510403')], question: { year: 2023 } },
    ]);
  });

  it('fails only the key whose answer is an error, and asks once for a key asked twice', async () => {
    let calls = 0;
    const loader = rangeLoader(async (ranges: readonly RegionRange[]) => {
      calls++;
      return ranges.map((r) => (r.lo === '520100' ? new Error('too many groups') : r.lo));
    });
    const [bad, good, again] = await Promise.allSettled([
      loader.load({ range: range('520100', '520199'), question: {} }),
      loader.load({ range: range('520200', '520299'), question: {} }),
      loader.load({ range: range('520200', '520299'), question: {} }),
    ]);
    expect(bad).toMatchObject({ status: 'rejected', reason: new Error('too many groups') });
    expect(good).toEqual({ status: 'fulfilled', value: '520200' });
    expect(again).toEqual({ status: 'fulfilled', value: '520200' });
    expect(calls).toBe(1);
  });
});

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

  it('refuses a range past the bound, naming the argument asked, and answers its neighbours', async () => {
    const many = Array.from({ length: MAX_STATS_GROUPS + 1 }, (_, i) => i);
    const loader = rangedStatsLoader(
      async (ranges) => ranges.map((r) => (r.lo === WEST.lo ? many : [5])),
      (question: string) => question,
    );
    const [root, summary, east] = await Promise.allSettled([
      loader.load({ range: WEST, question: 'by month' }),
      loader.load({ range: WEST, question: 'by month', groupByField: 'filter.groupBy' }),
      loader.load({ range: EAST, question: 'by month' }),
    ]);
    expect(root).toMatchObject({
      status: 'rejected',
      reason: {
        code: 'BAD_USER_INPUT',
        message: expect.stringMatching(/more than 1000 groups/),
        details: { field: 'groupBy' },
      },
    });
    expect(summary).toMatchObject({ status: 'rejected', reason: { details: { field: 'filter.groupBy' } } });
    expect(east).toEqual({ status: 'fulfilled', value: [5] });
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

describe('groupsPerRange', () => {
  it('reads each range’s rows, and gives an ungrouped range without rows its totals', () => {
    const rows = [{ k: 1, n: 3 }];
    const toGroup = (row: { n: number } | undefined) => row?.n ?? 0;
    expect(groupsPerRange(3, rows, false, toGroup)).toEqual([[0], [3], [0]]);
    expect(groupsPerRange(3, rows, true, toGroup)).toEqual([[], [3], []]);
  });

  it('orders each range’s groups by their values when the service orders them itself', () => {
    const rows = [
      { k: 0, level: null, n: 1 },
      { k: 0, level: 'COUNTY', n: 2 },
      { k: 0, level: 'PROVINCE', n: 3 },
    ];
    const sort = {
      orders: [{ kind: 'declared' as const, values: ['PROVINCE', 'CITY', 'COUNTY'] }],
      valuesOf: (_n: number, row: { level: string | null }) => [row.level],
    };
    expect(groupsPerRange(1, rows, true, (row) => row!.n, sort)).toEqual([[3, 2, 1]]);
  });
});

describe('dimensionColumnsSql', () => {
  it('selects each dimension in its quoted column', () => {
    expect(
      dimensionColumnsSql([
        { column: 'cityCode', sql: 'x', order: 'value' },
        { column: 'level', sql: 'y', order: ['CITY'] },
      ]),
    ).toBe(', x AS "cityCode", y AS "level"');
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
