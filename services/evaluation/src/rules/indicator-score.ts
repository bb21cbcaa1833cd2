import type { IndicatorSource, ScoreCombination } from '../generated/resolvers-types';
import { figureFor, type StudioFigures } from './computed-figures';
import { leavesOf, type IndicatorNode } from './scheme-tree';
import { combinePoints, pointsForFigure } from './scoring';

/** One C-level indicator's score in a result, with where it came from (kept with the result). */
export interface IndicatorScoreRecord {
  indicatorCode: string;
  title: string;
  source: IndicatorSource;
  /** Hundredths. */
  score: number;
  maxScore: number;
  evaluatorCount: number | null;
  figure: number | null;
  inputs: { name: string; value: string }[] | null;
}

export interface ExpertPoints {
  indicatorCode: string;
  points: number;
}

export type ResultComputation =
  { ok: true; scores: IndicatorScoreRecord[]; total: number } | { ok: false; unscored: string[] };

/**
 * Every leaf's score: expert indicators from the evaluators' points combined by the scheme's rule,
 * computed ones from the studio's figures. Fails naming the expert indicators nobody has scored.
 */
export function computeResult(
  tree: readonly IndicatorNode[],
  combination: ScoreCombination,
  expert: readonly ExpertPoints[],
  figures: StudioFigures,
): ResultComputation {
  const leaves = leavesOf(tree);
  const unscored = leaves
    .filter((leaf) => leaf.source === 'EXPERT' && !expert.some((e) => e.indicatorCode === leaf.code))
    .map((leaf) => leaf.code);
  if (unscored.length > 0) return { ok: false, unscored };
  const scores = leaves.map((leaf): IndicatorScoreRecord => {
    const base = {
      indicatorCode: leaf.code,
      title: leaf.title,
      source: leaf.source!,
      maxScore: leaf.maxPoints,
    };
    if (leaf.source === 'EXPERT') {
      const points = expert.filter((e) => e.indicatorCode === leaf.code).map((e) => e.points);
      return {
        ...base,
        score: combinePoints(points, combination),
        evaluatorCount: points.length,
        figure: null,
        inputs: null,
      };
    }
    const figure = figureFor(leaf.rule!, figures);
    return {
      ...base,
      score: pointsForFigure(leaf.rule!, leaf.maxPoints, figure.value),
      evaluatorCount: null,
      figure: figure.value,
      inputs: figure.inputs,
    };
  });
  return { ok: true, scores, total: scores.reduce((sum, s) => sum + s.score, 0) };
}

/** Whether the scheme has any COMPUTED indicator (only then are the studio's figures fetched). */
export function needsFigures(tree: readonly IndicatorNode[]): boolean {
  return leavesOf(tree).some((leaf) => leaf.source === 'COMPUTED');
}
