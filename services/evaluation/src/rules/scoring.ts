import type { Grade, ScoreCombination } from '../generated/resolvers-types';
import type { ComputedRuleSpec } from './scheme-tree';

/**
 * How points are computed. Points are integer hundredths throughout, and every division rounds
 * half up once, at the end, so the same inputs always give the same total.
 */

/** The points a COMPUTED indicator earns for its figure, never above the indicator's maximum. */
export function pointsForFigure(rule: ComputedRuleSpec, maxPoints: number, figure: number): number {
  if (rule.method === 'LINEAR') {
    const target = rule.target!;
    if (figure >= target) return maxPoints;
    if (figure <= 0) return 0;
    return linearPoints(maxPoints, figure, target);
  }
  const steps = [...(rule.steps ?? [])];
  const met =
    rule.method === 'AT_LEAST'
      ? steps.filter((s) => figure >= s.value).sort((a, b) => b.value - a.value)[0]
      : steps.filter((s) => figure <= s.value).sort((a, b) => a.value - b.value)[0];
  return Math.min(maxPoints, met?.points ?? 0);
}

/**
 * maxPoints × figure ÷ target, rounded half up, in exact decimals: in floating point a ratio's
 * figure lands just below the half (5 points × 0.3016 ÷ 0.8 is 188.49999999999997 hundredths), and
 * the studio would lose the hundredth that half-up rounding gives it.
 */
function linearPoints(maxPoints: number, figure: number, target: number): number {
  const f = asDecimal(figure);
  const t = asDecimal(target);
  const numerator = BigInt(maxPoints) * f.digits * 10n ** BigInt(t.scale);
  const denominator = t.digits * 10n ** BigInt(f.scale);
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/** A finite number ≥ 0 as digits ÷ 10^scale, exactly as its shortest decimal form writes it. */
function asDecimal(value: number): { digits: bigint; scale: number } {
  const [mantissa = '0', exponent = '0'] = String(value).split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  const scale = fraction.length - Number(exponent);
  const digits = BigInt(whole + fraction);
  return scale >= 0 ? { digits, scale } : { digits: digits * 10n ** BigInt(-scale), scale: 0 };
}

/**
 * Several evaluators' points for one indicator as one: their mean, or with TRIMMED_MEAN and three
 * or more scores, the mean after dropping one highest and one lowest (去掉一个最高分和一个最低分).
 */
export function combinePoints(points: readonly number[], combination: ScoreCombination): number {
  if (points.length === 0) throw new RangeError('no scores to combine');
  const sorted = [...points].sort((a, b) => a - b);
  const kept = combination === 'TRIMMED_MEAN' && sorted.length >= 3 ? sorted.slice(1, -1) : sorted;
  return averagePoints(
    kept.reduce((sum, p) => sum + p, 0),
    kept.length,
  )!;
}

/**
 * The mean of `count` scores adding up to `sum` points, rounded half up to the hundredth; null
 * for no scores. Exact: a mean that is a half (12.5 hundredths) is one a double holds exactly.
 */
export function averagePoints(sum: number, count: number): number | null {
  return count > 0 ? Math.round(sum / count) : null;
}

export interface GradeThresholdPoints {
  excellent: number;
  qualified: number;
  basic: number;
}

/** The grade a total earns: at or above a threshold earns that grade. */
export function gradeFor(total: number, thresholds: GradeThresholdPoints): Grade {
  if (total >= thresholds.excellent) return 'EXCELLENT';
  if (total >= thresholds.qualified) return 'QUALIFIED';
  if (total >= thresholds.basic) return 'BASIC';
  return 'UNQUALIFIED';
}

/** Why thresholds do not fit a scheme's total, or null; continues the field's name. */
export function thresholdsProblem(thresholds: GradeThresholdPoints, total: number): string | null {
  const { excellent, qualified, basic } = thresholds;
  if (!(excellent > qualified && qualified > basic && basic > 0)) {
    return 'must descend: excellent above qualified above basic, and basic above 0';
  }
  if (excellent > total) return `must not set excellent above the scheme's total of the C-level maxima`;
  return null;
}

/** The grades as the notices write them. */
export const GRADE_LABELS: Record<Grade, string> = {
  EXCELLENT: '优秀',
  QUALIFIED: '合格',
  BASIC: '基本合格',
  UNQUALIFIED: '不合格',
};
