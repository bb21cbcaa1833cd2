import {
  enumDimension,
  groupingSql,
  monthDimension,
  readGroupsPerRange,
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
    const rows = [{ k: 1, n: '3' }];
    expect(readGroupsPerRange(rows, 3, [], blank, measures)).toEqual([
      [blank()],
      [{ ...blank(), count: 3 }],
      [blank()],
    ]);
  });

  it('sets the dimensions asked, none as null, in their order, and leaves empty ranges empty', () => {
    const rows: StatsRow[] = [
      { k: 0, d0: '', d1: 'CITY', n: '1' },
      { k: 0, d0: '510403', d1: 'COUNTY', n: '2' },
      { k: 0, d0: '510402', d1: 'COUNTY', n: '4' },
    ];
    expect(readGroupsPerRange(rows, 2, [county, level], blank, measures)).toEqual([
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
      { k: 0, d0: 'id-2', sort0: '乙', d1: 202403, n: '1' },
      { k: 0, d0: 'id-1', sort0: '甲', d1: 202412, n: '1' },
      { k: 0, d0: 'id-1', sort0: '甲', d1: 202401, n: '1' },
    ];
    const [groups] = readGroupsPerRange(rows, 1, [studio, month], blank, measures) as [Group[]];
    expect(groups.map((g) => [g.workshop, g.month])).toEqual([
      ['id-2', '2024-03'],
      ['id-1', '2024-01'],
      ['id-1', '2024-12'],
    ]);
  });

  it('selects and groups each dimension as d<i>, a studio with its name to sort by', () => {
    expect(groupingSql([level, studioDimension<Group>('workshop', 's.id', 's.name')])).toEqual({
      select: 's.level AS d0, s.id::text AS d1, min(s.name) AS sort1, ',
      groupBy: ', d0, d1',
    });
    expect(groupingSql([])).toEqual({ select: '', groupBy: '' });
  });
});
