import { InputCheck } from '@mingshi/graphql';
import { DEFAULT_SCHEME } from '../../../services/evaluation/src/demo/default-scheme';
import type { Grade } from '../../../services/evaluation/src/generated/resolvers-types';
import { buildIndicatorTree, leavesOf } from '../../../services/evaluation/src/rules/scheme-tree';
import { combinePoints, gradeFor } from '../../../services/evaluation/src/rules/scoring';
import { Random } from '../random';
import { evaluatorScores, expertPointsFor } from './expert-scores';

const leaves = leavesOf(buildIndicatorTree(DEFAULT_SCHEME.indicators, new InputCheck()));
const thresholds = DEFAULT_SCHEME.gradeThresholds;
const GRADES: Grade[] = ['EXCELLENT', 'QUALIFIED', 'BASIC', 'UNQUALIFIED'];

describe('expert scores chosen for a grade', () => {
  it.each(GRADES)('reach %s from any computed points a studio can earn', (grade) => {
    for (let computed = 0; computed <= 3000; computed += 125) {
      const points = expertPointsFor(
        grade,
        leaves,
        thresholds,
        10_000,
        computed,
        new Random(`${grade}:${computed}`),
      );
      if (grade === 'EXCELLENT' && computed < 1500) {
        // 70 expert points cannot lift a studio with under 15 computed ones to 85.
        expect(points).toBeNull();
        continue;
      }
      expect(points).not.toBeNull();
      const total = computed + [...points!.values()].reduce((sum, p) => sum + p, 0);
      expect(gradeFor(total, thresholds)).toBe(grade);
      for (const leaf of leaves.filter((l) => l.source === 'EXPERT')) {
        const p = points!.get(leaf.code)!;
        expect(p % 50).toBe(0);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(leaf.maxPoints);
      }
    }
  });

  it('land inside the band, away from 100 and from 0', () => {
    const totals = Array.from({ length: 200 }, (_, i) => {
      const points = expertPointsFor('EXCELLENT', leaves, thresholds, 10_000, 2500, new Random(`band:${i}`))!;
      return 2500 + [...points.values()].reduce((sum, p) => sum + p, 0);
    });
    expect(Math.max(...totals)).toBeLessThan(9600);
    const failing = expertPointsFor('UNQUALIFIED', leaves, thresholds, 10_000, 2000, new Random('fail'))!;
    expect(2000 + [...failing.values()].reduce((sum, p) => sum + p, 0)).toBeGreaterThanOrEqual(4500);
  });
});

describe('evaluator scores', () => {
  it.each([
    ['TRIMMED_MEAN', 3],
    ['TRIMMED_MEAN', 5],
    ['MEAN', 1],
    ['MEAN', 4],
  ] as const)('combine by %s of %i evaluators into exactly the points wanted', (combination, count) => {
    for (let points = 0; points <= 1000; points += 50) {
      const scores = evaluatorScores(points, 1000, count, combination, new Random(`${points}`));
      expect(scores).toHaveLength(count);
      expect(combinePoints(scores, combination)).toBe(points);
      for (const score of scores) {
        expect(score % 50).toBe(0);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1000);
      }
    }
  });

  it('differ between evaluators, as experts do', () => {
    const spread = Array.from({ length: 50 }, (_, i) =>
      evaluatorScores(500, 1000, 5, 'TRIMMED_MEAN', new Random(`${i}`)),
    );
    expect(spread.some((scores) => new Set(scores).size > 1)).toBe(true);
  });
});
