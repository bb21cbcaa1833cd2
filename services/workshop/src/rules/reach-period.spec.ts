import { reachPeriod } from './reach-period';

const ALL_MONTHS = 0b1111_1111_1111;

describe('reachPeriod', () => {
  it('reads a whole year from the roll-up alone', () => {
    expect(reachPeriod('2025-01-01', '2025-12-31')).toEqual({
      months: [{ year: 2025, mask: ALL_MONTHS }],
      days: [],
    });
  });

  it('reads whole months across a year end as a mask per year', () => {
    expect(reachPeriod('2024-11-01', '2025-02-28')).toEqual({
      months: [
        { year: 2024, mask: (1 << 10) | (1 << 11) },
        { year: 2025, mask: 0b11 },
      ],
      days: [],
    });
  });

  it('reads the part months at either end from the participations', () => {
    expect(reachPeriod('2025-03-15', '2025-06-10')).toEqual({
      months: [{ year: 2025, mask: (1 << 3) | (1 << 4) }],
      days: [
        { from: '2025-03-15', to: '2025-03-31' },
        { from: '2025-06-01', to: '2025-06-10' },
      ],
    });
  });

  it('reads a period without a whole month from the participations alone', () => {
    expect(reachPeriod('2025-03-02', '2025-03-30')).toEqual({
      months: [],
      days: [{ from: '2025-03-02', to: '2025-03-30' }],
    });
    expect(reachPeriod('2025-03-15', '2025-04-14')).toEqual({
      months: [],
      days: [{ from: '2025-03-15', to: '2025-04-14' }],
    });
    expect(reachPeriod('2025-07-04', '2025-07-04')).toEqual({
      months: [],
      days: [{ from: '2025-07-04', to: '2025-07-04' }],
    });
  });

  it('knows the length of February in leap years and others', () => {
    expect(reachPeriod('2024-02-01', '2024-02-29').months).toEqual([{ year: 2024, mask: 1 << 1 }]);
    expect(reachPeriod('2024-02-01', '2024-02-28')).toEqual({
      months: [],
      days: [{ from: '2024-02-01', to: '2024-02-28' }],
    });
    expect(reachPeriod('2025-02-01', '2025-02-28').months).toEqual([{ year: 2025, mask: 1 << 1 }]);
  });

  it('covers every day of a period exactly once', () => {
    const days = (from: string, to: string) => {
      const out: string[] = [];
      for (
        let d = new Date(`${from}T00:00:00Z`);
        d <= new Date(`${to}T00:00:00Z`);
        d.setUTCDate(d.getUTCDate() + 1)
      ) {
        out.push(d.toISOString().slice(0, 10));
      }
      return out;
    };
    for (const [from, to] of [
      ['2023-12-31', '2025-01-01'],
      ['2024-01-15', '2026-03-14'],
      ['2024-02-29', '2024-03-01'],
    ] as const) {
      const { months, days: parts } = reachPeriod(from, to);
      const covered = [
        ...months.flatMap(({ year, mask }) =>
          days(`${year}-01-01`, `${year}-12-31`).filter((d) => mask & (1 << (Number(d.slice(5, 7)) - 1))),
        ),
        ...parts.flatMap((part) => days(part.from, part.to)),
      ].sort();
      expect(covered).toEqual(days(from, to));
    }
  });
});
