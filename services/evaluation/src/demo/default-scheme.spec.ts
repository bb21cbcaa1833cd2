import { InputCheck } from '@mingshi/graphql';
import type { ComputedMetric } from '../generated/resolvers-types';
import { buildIndicatorTree, leavesOf, totalPointsOf } from '../rules/scheme-tree';
import { thresholdsProblem } from '../rules/scoring';
import { DEFAULT_SCHEME } from './default-scheme';

/** Every metric, as a record so that a metric added to the schema fails to compile here. */
const METRICS: Record<ComputedMetric, true> = {
  ACTIVITIES: true,
  OUTREACH_VISITS: true,
  TEACHERS_REACHED: true,
  TRAINEES_CERTIFIED: true,
  RESEARCH_PROJECTS: true,
  OUTCOMES: true,
  RESOURCE_VIEWS: true,
  BUDGET_EXECUTION_RATE: true,
  LECTURE_FEE_RATIO: true,
};

describe('the default scheme', () => {
  const check = new InputCheck('content');
  const tree = buildIndicatorTree(DEFAULT_SCHEME.indicators, check.at('indicators'));
  const leaves = leavesOf(tree);

  it('is accepted as a draft is: no problem with its tree or its thresholds', () => {
    const { excellent, qualified, basic } = DEFAULT_SCHEME.gradeThresholds;
    check.expect('gradeThresholds', thresholdsProblem({ excellent, qualified, basic }, totalPointsOf(tree)));
    expect(() => check.done()).not.toThrow();
  });

  it('has six A-level groups and 19 C-level indicators worth 100 points', () => {
    expect(tree.map((a) => a.title)).toEqual([
      '团队建设',
      '研修与活动',
      '成果',
      '示范辐射',
      '经费管理',
      '网络研修',
    ]);
    expect(leaves).toHaveLength(19);
    expect(totalPointsOf(tree)).toBe(10_000);
    expect(new Set(leaves.map((leaf) => leaf.title)).size).toBe(19);
  });

  it('computes from every metric, activities both of one type and of all', () => {
    const rules = leaves.flatMap((leaf) => (leaf.rule ? [leaf.rule] : []));
    expect(new Set(rules.map((rule) => rule.metric))).toEqual(new Set(Object.keys(METRICS)));
    const activities = rules.filter((rule) => rule.metric === 'ACTIVITIES');
    expect(activities.map((rule) => rule.activityType)).toEqual(
      expect.arrayContaining([null, 'THEMED_RESEARCH']),
    );
    expect(rules.find((rule) => rule.metric === 'RESEARCH_PROJECTS')).toMatchObject({
      minimumLevel: 'COUNTY',
      projectStatuses: expect.arrayContaining(['IN_PROGRESS']),
    });
    expect(rules.find((rule) => rule.metric === 'OUTCOMES')?.minimumLevel).toBe('CITY');
    expect(rules.find((rule) => rule.metric === 'BUDGET_EXECUTION_RATE')?.method).toBe('AT_LEAST');
    // The 50 % lecture-fee cap: full points within it, none beyond.
    expect(rules.find((rule) => rule.metric === 'LECTURE_FEE_RATIO')).toMatchObject({
      method: 'AT_MOST',
      steps: [{ value: 0.5, points: 200 }],
    });
  });

  it('leaves the grade to the experts: computed points alone never reach 基本合格', () => {
    const pointsOf = (source: string) =>
      leaves.filter((leaf) => leaf.source === source).reduce((sum, leaf) => sum + leaf.maxPoints, 0);
    expect(pointsOf('EXPERT')).toBe(7_000);
    expect(pointsOf('COMPUTED')).toBe(3_000);
    expect(pointsOf('COMPUTED')).toBeLessThan(DEFAULT_SCHEME.gradeThresholds.basic);
    expect(pointsOf('EXPERT')).toBeGreaterThanOrEqual(DEFAULT_SCHEME.gradeThresholds.qualified);
  });
});
