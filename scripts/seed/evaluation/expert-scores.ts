import type { Grade, ScoreCombination } from '../../../services/evaluation/src/generated/resolvers-types';
import type { IndicatorNode } from '../../../services/evaluation/src/rules/scheme-tree';
import { combinePoints, type GradeThresholdPoints } from '../../../services/evaluation/src/rules/scoring';
import type { Random } from '../random';

/** Evaluators score in half points: hundredths in steps of 50. */
const HALF = 50;

/**
 * Where in its grade's band a seeded total lands, as shares of the band: away from its extremes
 * (no studio scores 100, nor 0). The whole band is the fallback when figures rule the share out.
 */
const LIKELY_SHARE: Record<Grade, { from: number; to: number }> = {
  EXCELLENT: { from: 0, to: 0.7 },
  QUALIFIED: { from: 0.05, to: 0.95 },
  BASIC: { from: 0.05, to: 0.95 },
  UNQUALIFIED: { from: 0.75, to: 0.98 },
};

/**
 * The expert indicators' combined points that give a result of `grade` when the computed ones earn
 * `computedPoints`: a total drawn in the grade's band (gradeFor's thresholds), split over the expert
 * indicators in proportion to their maxima, give or take, each in half points. Null when the grade
 * cannot be reached from these computed points (a studio whose figures alone pass 基本合格, say).
 */
export function expertPointsFor(
  grade: Grade,
  leaves: readonly IndicatorNode[],
  thresholds: GradeThresholdPoints,
  totalPoints: number,
  computedPoints: number,
  random: Random,
): Map<string, number> | null {
  const experts = leaves.filter((leaf) => leaf.source === 'EXPERT');
  const expertMax = experts.reduce((sum, leaf) => sum + leaf.maxPoints, 0);
  const band = bandOf(grade, thresholds, totalPoints);
  const likely = LIKELY_SHARE[grade];
  const width = band.to - band.from;
  const wanted = [{ from: band.from + width * likely.from, to: band.from + width * likely.to }, band];
  for (const totals of wanted) {
    const lowest = roundUp(Math.max(0, totals.from - computedPoints));
    const highest = roundDown(Math.min(expertMax, totals.to - computedPoints));
    if (lowest > highest) continue;
    const sum = lowest + HALF * random.int(0, (highest - lowest) / HALF);
    return split(sum, experts, random);
  }
  return null;
}

/**
 * Scores of `count` evaluators for one indicator that `combination` turns into exactly `points`:
 * the kept scores pair off around it (points − d, points + d) with `points` itself in the middle of
 * an odd number, and under TRIMMED_MEAN one score below and one above them, which the mean drops.
 */
export function evaluatorScores(
  points: number,
  maxPoints: number,
  count: number,
  combination: ScoreCombination,
  random: Random,
): number[] {
  const trimmed = combination === 'TRIMMED_MEAN' && count >= 3;
  const keptCount = trimmed ? count - 2 : count;
  const room = Math.min(points, maxPoints - points);
  const kept: number[] = keptCount % 2 === 1 ? [points] : [];
  while (kept.length < keptCount) {
    const d = roundDown(Math.min(room, HALF * random.int(0, 4)));
    kept.push(points - d, points + d);
  }
  if (trimmed) {
    const low = Math.min(...kept);
    const high = Math.max(...kept);
    kept.push(low - roundDown(Math.min(low, HALF * random.int(0, 6))));
    kept.push(high + roundDown(Math.min(maxPoints - high, HALF * random.int(0, 4))));
  }
  const scores = random.sample(kept, kept.length);
  if (combinePoints(scores, combination) !== points) {
    throw new Error(`evaluator scores ${scores.join(', ')} do not combine to ${points}`);
  }
  return scores;
}

/** The total range of a grade: from its threshold up to the next one's, exclusive. */
function bandOf(grade: Grade, t: GradeThresholdPoints, total: number): { from: number; to: number } {
  switch (grade) {
    case 'EXCELLENT':
      return { from: t.excellent, to: total };
    case 'QUALIFIED':
      return { from: t.qualified, to: t.excellent - 1 };
    case 'BASIC':
      return { from: t.basic, to: t.qualified - 1 };
    case 'UNQUALIFIED':
      return { from: 0, to: t.basic - 1 };
  }
}

/**
 * `sum` over the expert indicators: each its share of the maximum, give or take a tenth, in half
 * points; then half points moved one at a time to indicators with room until the shares add up.
 */
function split(sum: number, experts: readonly IndicatorNode[], random: Random): Map<string, number> {
  const expertMax = experts.reduce((total, leaf) => total + leaf.maxPoints, 0);
  const share = expertMax === 0 ? 0 : sum / expertMax;
  const points = experts.map((leaf) => {
    const drawn = leaf.maxPoints * (share + (random.next() - 0.5) * 0.2);
    return Math.min(leaf.maxPoints, Math.max(0, roundDown(drawn)));
  });
  let left = sum - points.reduce((total, p) => total + p, 0);
  while (left !== 0) {
    const step = left > 0 ? HALF : -HALF;
    const open = experts
      .map((_, i) => i)
      .filter((i) => (step > 0 ? points[i]! < experts[i]!.maxPoints : points[i]! > 0));
    const i = random.pick(open);
    points[i]! += step;
    left -= step;
  }
  return new Map(experts.map((leaf, i) => [leaf.code, points[i]!]));
}

const roundDown = (hundredths: number) => Math.floor(hundredths / HALF) * HALF;
const roundUp = (hundredths: number) => Math.ceil(hundredths / HALF) * HALF;
