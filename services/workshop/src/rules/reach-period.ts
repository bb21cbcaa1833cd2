/**
 * How a period's distinct teachers are counted from the per-year roll-up (participation_year,
 * migration 1733040000000), which knows for each year, studio and teacher the months of the
 * year in which the teacher took part — not the days. A period (both ends included) is its
 * whole months, read from the roll-up as a mask of months per year, and the days at either end
 * that do not make a whole month, read from the participations themselves. Together they are
 * exactly the period's days, so a teacher counts once however the period is cut.
 */
export interface ReachPeriod {
  /** Per year with whole months in the period: their bits, January = 1 … December = 1 << 11. */
  months: { year: number; mask: number }[];
  /** The period's days outside its whole months: none, one or two ranges of part of a month. */
  days: { from: string; to: string }[];
}

export function reachPeriod(from: string, to: string): ReachPeriod {
  const start = readDay(from);
  const end = readDay(to);
  // Months numbered year × 12 + (month − 1), so that "the next month" is + 1 across a year end.
  const firstWhole = monthIndex(start) + (start.day === 1 ? 0 : 1);
  const lastWhole = monthIndex(end) - (end.day === lastDayOf(end.year, end.month) ? 0 : 1);
  if (firstWhole > lastWhole) return { months: [], days: [{ from, to }] };

  const masks = new Map<number, number>();
  for (let index = firstWhole; index <= lastWhole; index++) {
    const year = Math.floor(index / 12);
    masks.set(year, (masks.get(year) ?? 0) | (1 << (index % 12)));
  }
  const days: ReachPeriod['days'] = [];
  if (start.day !== 1)
    days.push({ from, to: day(start.year, start.month, lastDayOf(start.year, start.month)) });
  if (end.day !== lastDayOf(end.year, end.month)) days.push({ from: day(end.year, end.month, 1), to });
  return { months: [...masks].map(([year, mask]) => ({ year, mask })), days };
}

interface Day {
  year: number;
  month: number;
  day: number;
}

function readDay(date: string): Day {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

const monthIndex = (d: Day) => d.year * 12 + d.month - 1;

/** Day 0 of the next month is the last of this one. */
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

const day = (year: number, month: number, d: number) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
