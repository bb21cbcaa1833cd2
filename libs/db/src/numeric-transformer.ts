/**
 * numeric columns come back from pg as strings (exact decimals). For quantities that are not money
 * — hours — a number is what callers want. Money stays integer fen and never passes through here.
 */
export const numericTransformer = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
