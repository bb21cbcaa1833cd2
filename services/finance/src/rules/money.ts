/**
 * The arithmetic of the money rules, on integer fen only: a float cannot hold 0.10 yuan, and a
 * rate shown to an auditor must be the same figure the database compared.
 */

/** The first year the bureaus keep studio funds for (the tables hold nothing before it). */
export const FIRST_FUND_YEAR = 2000;

/** Why a year is not one funds may be allocated for (continuing its field's path); null when it is. */
export function fundYearProblem(year: number): string | null {
  return Number.isInteger(year) && year < FIRST_FUND_YEAR ? `must not be before ${FIRST_FUND_YEAR}` : null;
}

/** Places of every rate the graph shows ("0.4250"). */
export const RATE_PLACES = 4;
const RATE_SCALE = 10n ** BigInt(RATE_PLACES);

/** The most lecture fees an allocation may come to: amount × cap %, rounded down to the fen. */
export function lectureFeeCap(amount: bigint, capPercent: number): bigint {
  return (amount * BigInt(capPercent)) / 100n;
}

/**
 * `part ÷ whole` as a decimal string with four places, rounded half up; null when there is no
 * whole to divide by (a studio without an allocation has no rate, not a rate of zero).
 */
export function rate(part: bigint, whole: bigint): string | null {
  if (whole <= 0n) return null;
  const negative = part < 0n;
  const abs = negative ? -part : part;
  const scaled = (abs * RATE_SCALE * 2n + whole) / (whole * 2n);
  const text = `${scaled / RATE_SCALE}.${(scaled % RATE_SCALE).toString().padStart(RATE_PLACES, '0')}`;
  return negative ? `-${text}` : text;
}

/** Sums of fen as a statement answers them (numeric as text); a sum left out, or null, is 0. */
export interface FenSums {
  allocated?: string | null;
  disbursed?: string | null;
  /** The approved spending counted: the allocations' own, or one category's share of it. */
  approved?: string | null;
  pending?: string | null;
  lecture_fees?: string | null;
  /** The allocations' approved spending, where `approved` is one category's: what the balance is left of. */
  allocation_approved?: string | null;
}

/** The money of some allocations as the graph shows it. */
export interface MoneyFigures {
  allocated: bigint;
  disbursed: bigint;
  approved: bigint;
  pending: bigint;
  balance: bigint;
  executionRate: string | null;
  lectureFeeRatio: string | null;
}

/**
 * The figures of summed allocations: the balance is what their approved spending leaves of the
 * allocation, the rates are of the exact sums (`rate`).
 */
export function moneyFigures(sums: FenSums | undefined): MoneyFigures {
  const fen = (sum: string | null | undefined) => BigInt(sum ?? 0);
  const allocated = fen(sums?.allocated);
  const approved = fen(sums?.approved);
  return {
    allocated,
    disbursed: fen(sums?.disbursed),
    approved,
    pending: fen(sums?.pending),
    balance: allocated - fen(sums?.allocation_approved ?? sums?.approved),
    executionRate: rate(approved, allocated),
    lectureFeeRatio: rate(fen(sums?.lecture_fees), allocated),
  };
}

const RATIO = /^(0|1)(?:\.(\d{1,4}))?$/;

/**
 * Why a threshold of a rate ("0.3", "0.45") is not one, continuing its field's path; null when it
 * is a decimal from 0 to 1 with at most four places, which the database compares as numeric.
 */
export function ratioProblem(text: string): string | null {
  const match = RATIO.exec(text.trim());
  if (!match || (match[1] === '1' && /[1-9]/.test(match[2] ?? ''))) {
    return `must be a decimal from 0 to 1 with at most ${RATE_PLACES} places, such as "0.3", not ${JSON.stringify(text)}`;
  }
  return null;
}

/** Why an amount of money in an input is not one (it must be positive); null when it is. */
export function positiveAmountProblem(amount: bigint): string | null {
  return amount > 0n ? null : 'must be more than 0.00';
}

/**
 * Whether an expense's date belongs to an allocation's year: within it, or in the year before
 * (costs advanced before the money came) or after (bills settled after the year end).
 */
export function spentOnProblem(spentOn: string, allocationYear: number): string | null {
  const year = Number(spentOn.slice(0, 4));
  if (year < allocationYear - 1 || year > allocationYear + 1) {
    return `must fall in or next to the allocation's year ${allocationYear} (${allocationYear - 1}-01-01 to ${allocationYear + 1}-12-31)`;
  }
  return null;
}
