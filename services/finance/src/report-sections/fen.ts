/**
 * A sum of fen as PostgreSQL answers it (a numeric, as text) turned into the whole number a
 * section row carries. Exact up to 2^53 fen (some 90 trillion yuan); past that, or for anything
 * not a whole number, the section fails rather than carry a rounded figure.
 */
export function fen(sum: string): number {
  const value = Number(sum);
  if (!/^-?\d+$/.test(sum) || !Number.isSafeInteger(value)) {
    throw new RangeError(`${JSON.stringify(sum)} is not a whole number of fen a report can carry exactly`);
  }
  return value;
}
