/**
 * numeric columns come back from pg as strings (exact decimals). For quantities that are not money
 * — hours — a number is what callers want. Money stays integer fen and never passes through here.
 */
export const numericTransformer = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** bigint columns of money (integer fen) as JS bigints: exact, and never a float on the way. */
export const fenTransformer = {
  to: (value: bigint | null | undefined) => (value == null ? value : value.toString()),
  from: (value: string | null) => (value === null ? null : BigInt(value)),
};
