/**
 * GROUP BY GROUPING SETS whose rows say which set they belong to: `label` is a CASE over
 * GROUPING(columns) naming the set, so a reader picks a grouping by name rather than by which
 * columns are null (a bitmask worked out by hand for each statement). Columns are SQL expressions,
 * written the same in the sets as in `columns`.
 */
export function groupingSets<Label extends string>(
  columns: readonly string[],
  sets: Record<Label, readonly string[]>,
): { label: string; groupBy: string } {
  const entries = Object.entries(sets) as [Label, readonly string[]][];
  // GROUPING() sets a column's bit (the leftmost column is the highest) when the row is not grouped by it.
  const mask = (set: readonly string[]) =>
    columns.reduce(
      (bits, column, i) => (set.includes(column) ? bits : bits | (1 << (columns.length - 1 - i))),
      0,
    );
  const cases = entries.map(([label, set]) => `WHEN ${mask(set)} THEN '${label}'`).join(' ');
  return {
    label: `CASE GROUPING(${columns.join(', ')}) ${cases} END`,
    groupBy: `GROUP BY GROUPING SETS (${entries.map(([, set]) => `(${set.join(', ')})`).join(', ')})`,
  };
}
