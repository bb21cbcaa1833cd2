import { MAX_STATS_GROUPS } from '@mingshi/graphql';
import {
  enumDimension,
  groupingSql,
  groupsPerRange,
  monthDimension,
  regionDimension,
  studioDimension,
  type StatsRow,
} from './stats-grouping';

interface Group {
  county: { code: string } | null;
  level: string | null;
  month: string | null;
  workshop: string | null;
  count: number;
}

const blank = (): Group => ({ county: null, level: null, month: null, workshop: null, count: 0 });
const measures = (row: StatsRow | undefined) => ({ count: Number(row?.n ?? 0) });
const county = regionDimension<Group>('county', 's.county');
const level = enumDimension<Group>('level', 's.level', ['CITY', 'COUNTY']);
const month = monthDimension<Group>('month', 'a.date');

describe("one statement's rows as each range's groups", () => {
  it('answers every range in order, one group of totals each when nothing is grouped', () => {
    const rows = [{ k: '2', n: '3' }];
    expect(groupsPerRange(rows, 3, [], blank, measures)).toEqual([
      [blank()],
      [{ ...blank(), count: 3 }],
      [blank()],
    ]);
  });

  it('sets the dimensions asked, none as null, in their order, and leaves empty ranges empty', () => {
    const rows: StatsRow[] = [
      { k: '1', d0: '', d1: 'CITY', n: '1' },
      { k: '1', d0: '510403', d1: 'COUNTY', n: '2' },
      { k: '1', d0: '510402', d1: 'COUNTY', n: '4' },
    ];
    expect(groupsPerRange(rows, 2, [county, level], blank, measures)).toEqual([
      [
        { ...blank(), county: { code: '510402' }, level: 'COUNTY', count: 4 },
        { ...blank(), county: { code: '510403' }, level: 'COUNTY', count: 2 },
        { ...blank(), county: null, level: 'CITY', count: 1 },
      ],
      [],
    ]);
  });

  it('writes months YYYY-MM and orders studios by the name the statement sorted them by', () => {
    const studio = studioDimension<Group>('workshop', 's.id', 's.name');
    const rows: StatsRow[] = [
      { k: '1', d0: 'id-2', sort0: '乙', d1: 202403, n: '1' },
      { k: '1', d0: 'id-1', sort0: '甲', d1: 202412, n: '1' },
      { k: '1', d0: 'id-1', sort0: '甲', d1: 202401, n: '1' },
    ];
    const [groups] = groupsPerRange(rows, 1, [studio, month], blank, measures) as [Group[]];
    expect(groups.map((g) => [g.workshop, g.month])).toEqual([
      ['id-2', '2024-03'],
      ['id-1', '2024-01'],
      ['id-1', '2024-12'],
    ]);
  });

  it('refuses a range past the bound and answers its neighbours', () => {
    const many = Array.from({ length: MAX_STATS_GROUPS + 1 }, (_, i) => ({ k: '1', d0: 202400 + i, n: '1' }));
    const [first, second] = groupsPerRange(
      [...many, { k: '2', d0: 202401, n: '5' }],
      2,
      [month],
      blank,
      measures,
    );
    expect(first).toBeInstanceOf(Error);
    expect((first as Error).message).toMatch(/more than 1000 groups/);
    expect(second).toEqual([{ ...blank(), month: '2024-01', count: 5 }]);
  });

  it('selects and groups each dimension as d<i>, a studio with its name to sort by', () => {
    expect(groupingSql([level, studioDimension<Group>('workshop', 's.id', 's.name')])).toEqual({
      select: 's.level AS d0, s.id::text AS d1, min(s.name) AS sort1, ',
      groupBy: ', d0, d1',
    });
    expect(groupingSql([])).toEqual({ select: '', groupBy: '' });
  });
});
