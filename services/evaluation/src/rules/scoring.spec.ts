import type { ComputedRuleSpec } from './scheme-tree';
import { averagePoints, combinePoints, gradeFor, pointsForFigure, thresholdsProblem } from './scoring';

/** A rule as a stored scheme holds it; points are hundredths. */
function rule(
  spec: Partial<ComputedRuleSpec> & Pick<ComputedRuleSpec, 'metric' | 'method'>,
): ComputedRuleSpec {
  return {
    activityType: null,
    minimumLevel: null,
    projectStatuses: null,
    target: null,
    steps: null,
    ...spec,
  };
}

describe('points for a computed figure', () => {
  describe('LINEAR', () => {
    const tenActivities = rule({ metric: 'ACTIVITIES', method: 'LINEAR', target: 10 });

    it('gives the share of the maximum below the target, the maximum at and above it', () => {
      expect(pointsForFigure(tenActivities, 2000, 0)).toBe(0);
      expect(pointsForFigure(tenActivities, 2000, 5)).toBe(1000);
      expect(pointsForFigure(tenActivities, 2000, 9)).toBe(1800);
      expect(pointsForFigure(tenActivities, 2000, 10)).toBe(2000);
      expect(pointsForFigure(tenActivities, 2000, 11)).toBe(2000);
      expect(pointsForFigure(tenActivities, 2000, 1_000)).toBe(2000);
    });

    it('rounds half up in hundredths', () => {
      const sixteen = rule({ metric: 'ACTIVITIES', method: 'LINEAR', target: 16 });
      // 10 points × 1 ÷ 16 = 62.5 hundredths.
      expect(pointsForFigure(sixteen, 1000, 1)).toBe(63);
      // 10 points × 1 ÷ 3 = 333.33… hundredths.
      expect(pointsForFigure(rule({ metric: 'ACTIVITIES', method: 'LINEAR', target: 3 }), 1000, 1)).toBe(333);
      expect(pointsForFigure(rule({ metric: 'ACTIVITIES', method: 'LINEAR', target: 3 }), 1000, 2)).toBe(667);
    });

    it('rounds a ratio’s exact half up although floating point lands just below it', () => {
      const rate = rule({ metric: 'BUDGET_EXECUTION_RATE', method: 'LINEAR', target: 0.8 });
      // 5 points × 0.3016 ÷ 0.8 = 188.5 hundredths (188.49999999999997 in floating point).
      expect(pointsForFigure(rate, 500, 0.3016)).toBe(189);
      // 20 points × 0.6 ÷ 0.8 = 1500 hundredths; 0.7 ÷ 0.8 of 20 points = 1750.
      expect(pointsForFigure(rate, 2000, 0.6)).toBe(1500);
      expect(pointsForFigure(rate, 2000, 0.7)).toBe(1750);
      expect(pointsForFigure(rate, 2000, 0.79)).toBe(1975);
      expect(pointsForFigure(rate, 2000, 0.8)).toBe(2000);
    });
  });

  describe('AT_LEAST', () => {
    const budget = rule({
      metric: 'BUDGET_EXECUTION_RATE',
      method: 'AT_LEAST',
      steps: [
        { value: 0.5, points: 1000 },
        { value: 0.8, points: 2000 },
      ],
    });

    it('gives the highest step the figure reaches, exactly at its value and not just below', () => {
      expect(pointsForFigure(budget, 2000, 0.8)).toBe(2000);
      expect(pointsForFigure(budget, 2000, 0.7999)).toBe(1000);
      expect(pointsForFigure(budget, 2000, 0.95)).toBe(2000);
      expect(pointsForFigure(budget, 2000, 0.5)).toBe(1000);
      expect(pointsForFigure(budget, 2000, 0.4999)).toBe(0);
      expect(pointsForFigure(budget, 2000, 0)).toBe(0);
    });

    it('reads steps in any order', () => {
      const unordered = rule({
        metric: 'OUTCOMES',
        method: 'AT_LEAST',
        steps: [
          { value: 5, points: 1500 },
          { value: 1, points: 500 },
          { value: 3, points: 1000 },
        ],
      });
      expect(pointsForFigure(unordered, 1500, 0)).toBe(0);
      expect(pointsForFigure(unordered, 1500, 2)).toBe(500);
      expect(pointsForFigure(unordered, 1500, 3)).toBe(1000);
      expect(pointsForFigure(unordered, 1500, 4)).toBe(1000);
      expect(pointsForFigure(unordered, 1500, 7)).toBe(1500);
    });

    it('never gives more than the indicator’s maximum', () => {
      const generous = rule({ metric: 'OUTCOMES', method: 'AT_LEAST', steps: [{ value: 1, points: 3000 }] });
      expect(pointsForFigure(generous, 2000, 1)).toBe(2000);
    });
  });

  describe('AT_MOST', () => {
    // 讲课费不超过经费的 50 %: within the cap earns the points, a ten-thousandth over it none.
    const lectureFees = rule({
      metric: 'LECTURE_FEE_RATIO',
      method: 'AT_MOST',
      steps: [{ value: 0.5, points: 1000 }],
    });

    it('gives the points at or within the cap and none above it', () => {
      expect(pointsForFigure(lectureFees, 1000, 0)).toBe(1000);
      expect(pointsForFigure(lectureFees, 1000, 0.3)).toBe(1000);
      expect(pointsForFigure(lectureFees, 1000, 0.5)).toBe(1000);
      expect(pointsForFigure(lectureFees, 1000, 0.5001)).toBe(0);
    });

    it('gives the lowest step the figure stays within', () => {
      const tiered = rule({
        metric: 'LECTURE_FEE_RATIO',
        method: 'AT_MOST',
        steps: [
          { value: 0.5, points: 500 },
          { value: 0.3, points: 1000 },
        ],
      });
      expect(pointsForFigure(tiered, 1000, 0.3)).toBe(1000);
      expect(pointsForFigure(tiered, 1000, 0.3001)).toBe(500);
      expect(pointsForFigure(tiered, 1000, 0.5)).toBe(500);
      expect(pointsForFigure(tiered, 1000, 0.6)).toBe(0);
    });
  });
});

describe('combining evaluators’ points', () => {
  it('takes one score as it is, with either rule', () => {
    expect(combinePoints([2400], 'MEAN')).toBe(2400);
    expect(combinePoints([2400], 'TRIMMED_MEAN')).toBe(2400);
  });

  it('trims nothing from two scores', () => {
    expect(combinePoints([2000, 3000], 'MEAN')).toBe(2500);
    expect(combinePoints([2000, 3000], 'TRIMMED_MEAN')).toBe(2500);
  });

  it('drops the highest and the lowest from three scores or more', () => {
    expect(combinePoints([3000, 2400, 2000], 'MEAN')).toBe(2467);
    expect(combinePoints([3000, 2400, 2000], 'TRIMMED_MEAN')).toBe(2400);
    expect(combinePoints([1000, 3000, 2500, 2000, 2800], 'MEAN')).toBe(2260);
    // Drops 1000 and 3000: (2500 + 2000 + 2800) ÷ 3 = 2433.33…
    expect(combinePoints([1000, 3000, 2500, 2000, 2800], 'TRIMMED_MEAN')).toBe(2433);
  });

  it('drops only one of equal highest or lowest scores', () => {
    expect(combinePoints([3000, 3000, 1000], 'TRIMMED_MEAN')).toBe(3000);
    expect(combinePoints([1000, 1000, 1000, 3000, 3000], 'TRIMMED_MEAN')).toBe(1667);
  });

  it('rounds the mean half up in hundredths', () => {
    expect(combinePoints([1, 2], 'MEAN')).toBe(2);
    expect(combinePoints([2400, 2401], 'MEAN')).toBe(2401);
    expect(combinePoints([0, 1, 1, 2], 'TRIMMED_MEAN')).toBe(1);
    expect(combinePoints([0, 0, 1], 'MEAN')).toBe(0);
    expect(combinePoints([0, 1, 2, 2, 9], 'TRIMMED_MEAN')).toBe(2);
    expect(combinePoints([0, 1, 2, 9], 'TRIMMED_MEAN')).toBe(2);
  });

  it('refuses to combine no scores', () => {
    expect(() => combinePoints([], 'MEAN')).toThrow(RangeError);
  });
});

describe('averaging totals', () => {
  it('rounds the mean of many totals half up in hundredths', () => {
    expect(averagePoints(8000 + 8000 + 8002, 3)).toBe(8001);
    expect(averagePoints(8000 + 8001, 2)).toBe(8001);
    expect(averagePoints(7999 + 8000, 2)).toBe(8000);
    expect(averagePoints(1, 3)).toBe(0);
  });

  it('stays exact over a province of results', () => {
    // 20 001 results of 100.00 points and one of 99.99: 2 000 199 999 hundredths ÷ 20 002.
    expect(averagePoints(20_001 * 10_000 + 9_999, 20_002)).toBe(10_000);
    expect(averagePoints(10_000 + 9_999, 2)).toBe(10_000);
  });

  it('has no average without a result', () => {
    expect(averagePoints(0, 0)).toBeNull();
  });
});

describe('grades', () => {
  const thresholds = { excellent: 8500, qualified: 7000, basic: 6000 };

  it('gives a grade exactly at its threshold, and the one below a hundredth under it', () => {
    expect(gradeFor(10000, thresholds)).toBe('EXCELLENT');
    expect(gradeFor(8500, thresholds)).toBe('EXCELLENT');
    expect(gradeFor(8499, thresholds)).toBe('QUALIFIED');
    expect(gradeFor(7000, thresholds)).toBe('QUALIFIED');
    expect(gradeFor(6999, thresholds)).toBe('BASIC');
    expect(gradeFor(6000, thresholds)).toBe('BASIC');
    expect(gradeFor(5999, thresholds)).toBe('UNQUALIFIED');
    expect(gradeFor(0, thresholds)).toBe('UNQUALIFIED');
  });

  it('takes thresholds that descend above 0 and stay within the total', () => {
    expect(thresholdsProblem(thresholds, 10000)).toBeNull();
    expect(thresholdsProblem(thresholds, 8500)).toBeNull();
    expect(thresholdsProblem({ excellent: 3, qualified: 2, basic: 1 }, 3)).toBeNull();
  });

  it('refuses thresholds out of order, at 0 or above the total', () => {
    const descend = /must descend/;
    expect(thresholdsProblem({ excellent: 7000, qualified: 7000, basic: 6000 }, 10000)).toMatch(descend);
    expect(thresholdsProblem({ excellent: 8500, qualified: 6000, basic: 6000 }, 10000)).toMatch(descend);
    expect(thresholdsProblem({ excellent: 6000, qualified: 7000, basic: 8500 }, 10000)).toMatch(descend);
    expect(thresholdsProblem({ excellent: 8500, qualified: 7000, basic: 0 }, 10000)).toMatch(descend);
    expect(thresholdsProblem(thresholds, 8499)).toMatch(/must not set excellent above the scheme's total/);
  });
});
