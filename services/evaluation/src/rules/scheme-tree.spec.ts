import { BadUserInputError, InputCheck, type FieldProblem } from '@mingshi/graphql';
import type { ComputedRuleInput, IndicatorInput } from '../generated/resolvers-types';
import { allIndicators, buildIndicatorTree, leavesOf, totalPointsOf } from './scheme-tree';

/** Maxima are hundredths here, as the Score scalar hands them over. */
const expert = (title: string, maxScore: number): IndicatorInput => ({ title, maxScore, source: 'EXPERT' });
const computed = (title: string, maxScore: number, rule: ComputedRuleInput): IndicatorInput => ({
  title,
  maxScore,
  source: 'COMPUTED',
  rule,
});
const parent = (title: string, children: IndicatorInput[]): IndicatorInput => ({ title, children });
/** A tree of one A, one B and `leaf`. */
const oneLeaf = (leaf: IndicatorInput): IndicatorInput[] => [parent('团队建设', [parent('研修', [leaf])])];

/** Paths as draftAssessmentScheme reports them. */
const ROOT = 'input.content.indicators';
const THE_LEAF = `${ROOT}[0].children[0].children[0]`;

function build(inputs: IndicatorInput[]) {
  const check = new InputCheck('input').at('content').at('indicators');
  const tree = buildIndicatorTree(inputs, check);
  return { tree, check };
}

/** Every problem the tree was refused for, in the order they were found. */
function refusals(inputs: IndicatorInput[]): FieldProblem[] {
  const { check } = build(inputs);
  try {
    check.done();
  } catch (error) {
    if (error instanceof BadUserInputError) return error.details.fields as FieldProblem[];
    throw error;
  }
  return [];
}

const fieldsOf = (inputs: IndicatorInput[]) => refusals(inputs).map((p) => p.field);

describe('building an indicator tree', () => {
  const scheme: IndicatorInput[] = [
    parent('团队建设', [
      parent('制度', [expert('工作计划', 500)]),
      parent('研修', [
        expert('研修质量', 1500),
        computed('研修次数', 1000, { metric: 'ACTIVITIES', method: 'LINEAR', target: 10 }),
        computed('成果', 750, {
          metric: 'OUTCOMES',
          minimumLevel: 'CITY',
          method: 'AT_LEAST',
          steps: [
            { value: 1, points: 250 },
            { value: 3, points: 750 },
          ],
        }),
      ]),
    ]),
    parent('经费管理', [parent('使用', [expert('规范', 2000)])]),
  ];

  it('codes every indicator by its place', () => {
    const { tree, check } = build(scheme);
    expect(() => check.done()).not.toThrow();
    expect(allIndicators(tree).map((i) => [i.code, i.level, i.title])).toEqual([
      ['A1', 'A', '团队建设'],
      ['A1.B1', 'B', '制度'],
      ['A1.B1.C1', 'C', '工作计划'],
      ['A1.B2', 'B', '研修'],
      ['A1.B2.C1', 'C', '研修质量'],
      ['A1.B2.C2', 'C', '研修次数'],
      ['A1.B2.C3', 'C', '成果'],
      ['A2', 'A', '经费管理'],
      ['A2.B1', 'B', '使用'],
      ['A2.B1.C1', 'C', '规范'],
    ]);
    expect(leavesOf(tree).map((l) => l.code)).toEqual([
      'A1.B1.C1',
      'A1.B2.C1',
      'A1.B2.C2',
      'A1.B2.C3',
      'A2.B1.C1',
    ]);
  });

  it('gives A and B the sum of their children’s maxima, and the scheme the sum of its leaves', () => {
    const { tree } = build(scheme);
    const max = Object.fromEntries(allIndicators(tree).map((i) => [i.code, i.maxPoints]));
    expect(max).toMatchObject({ A1: 3750, 'A1.B1': 500, 'A1.B2': 3250, A2: 2000, 'A2.B1': 2000 });
    expect(totalPointsOf(tree)).toBe(5750);
  });

  it('keeps a leaf’s source and rule, and nothing of them on A and B', () => {
    const { tree } = build(scheme);
    const [a1] = tree;
    expect(a1).toMatchObject({ source: null, rule: null });
    expect(leavesOf(tree)[2]).toMatchObject({
      source: 'COMPUTED',
      rule: {
        metric: 'ACTIVITIES',
        method: 'LINEAR',
        target: 10,
        steps: null,
        activityType: null,
        minimumLevel: null,
        projectStatuses: null,
      },
    });
    expect(leavesOf(tree)[3]!.rule).toMatchObject({
      minimumLevel: 'CITY',
      target: null,
      steps: [
        { value: 1, points: 250 },
        { value: 3, points: 750 },
      ],
    });
    expect(leavesOf(tree)[0]).toMatchObject({ source: 'EXPERT', rule: null, children: [] });
  });

  it('takes a trimmed title and an optional description', () => {
    const { tree } = build(oneLeaf({ ...expert('  规范  ', 100), description: '  ' }));
    expect(leavesOf(tree)[0]).toMatchObject({ title: '规范', description: null });
  });
});

describe('refusing an indicator tree', () => {
  it('refuses a scheme with no indicators', () => {
    expect(refusals([])).toEqual([
      { field: ROOT, message: `${ROOT} must list at least one A-level indicator` },
    ]);
  });

  it('refuses A and B indicators without children', () => {
    expect(fieldsOf([parent('团队建设', [])])).toEqual([`${ROOT}[0].children`]);
    expect(
      fieldsOf([parent('团队建设', [parent('制度', [expert('计划', 100)]), { title: '研修' }])]),
    ).toEqual([`${ROOT}[0].children[1].children`]);
  });

  it('refuses a maximum, a source or a rule on A and B, which add up their children', () => {
    const rule: ComputedRuleInput = { metric: 'ACTIVITIES', method: 'LINEAR', target: 10 };
    const problems = refusals([
      {
        ...parent('团队建设', [
          parent('制度', [expert('计划', 100)]),
          { ...parent('研修', [expert('质量', 100)]), maxScore: 500 },
        ]),
        source: 'EXPERT',
        rule,
      },
    ]);
    expect(problems.map((p) => p.field)).toEqual([
      `${ROOT}[0].source`,
      `${ROOT}[0].rule`,
      `${ROOT}[0].children[1].maxScore`,
    ]);
    expect(problems[2]!.message).toMatch(/only given for C-level indicators; B-level ones add up/);
  });

  it('refuses children under a C-level indicator', () => {
    expect(fieldsOf(oneLeaf({ ...expert('计划', 100), children: [expert('细则', 100)] }))).toEqual([
      `${THE_LEAF}.children`,
    ]);
  });

  it('refuses a leaf without a maximum above 0 or without a source', () => {
    expect(fieldsOf(oneLeaf({ title: '计划' }))).toEqual([`${THE_LEAF}.maxScore`, `${THE_LEAF}.source`]);
    expect(refusals(oneLeaf(expert('计划', 0)))).toEqual([
      { field: `${THE_LEAF}.maxScore`, message: `${THE_LEAF}.maxScore must be more than 0` },
    ]);
  });

  it('refuses an empty title', () => {
    expect(fieldsOf(oneLeaf(expert('  ', 100)))).toEqual([`${THE_LEAF}.title`]);
  });

  it('refuses a COMPUTED leaf without a rule, and an EXPERT leaf with one', () => {
    expect(fieldsOf(oneLeaf({ title: '次数', maxScore: 100, source: 'COMPUTED' }))).toEqual([
      `${THE_LEAF}.rule`,
    ]);
    expect(
      fieldsOf(
        oneLeaf({ ...expert('质量', 100), rule: { metric: 'ACTIVITIES', method: 'LINEAR', target: 1 } }),
      ),
    ).toEqual([`${THE_LEAF}.rule`]);
  });

  it('refuses rule fields on a metric they do not apply to', () => {
    const wrong = (rule: ComputedRuleInput) => fieldsOf(oneLeaf(computed('次数', 1000, rule)));
    expect(wrong({ metric: 'OUTCOMES', activityType: 'OUTREACH', method: 'LINEAR', target: 3 })).toEqual([
      `${THE_LEAF}.rule.activityType`,
    ]);
    expect(wrong({ metric: 'ACTIVITIES', minimumLevel: 'CITY', method: 'LINEAR', target: 3 })).toEqual([
      `${THE_LEAF}.rule.minimumLevel`,
    ]);
    expect(
      wrong({ metric: 'OUTCOMES', projectStatuses: ['CONCLUDED'], method: 'LINEAR', target: 3 }),
    ).toEqual([`${THE_LEAF}.rule.projectStatuses`]);
    expect(wrong({ metric: 'RESEARCH_PROJECTS', projectStatuses: [], method: 'LINEAR', target: 3 })).toEqual([
      `${THE_LEAF}.rule.projectStatuses`,
    ]);
  });

  it('takes those fields on the metrics they belong to', () => {
    const right = (rule: ComputedRuleInput) => fieldsOf(oneLeaf(computed('次数', 1000, rule)));
    expect(right({ metric: 'ACTIVITIES', activityType: 'OUTREACH', method: 'LINEAR', target: 3 })).toEqual(
      [],
    );
    expect(
      right({
        metric: 'RESEARCH_PROJECTS',
        minimumLevel: 'CITY',
        projectStatuses: ['IN_PROGRESS', 'CONCLUDED'],
        method: 'AT_LEAST',
        steps: [{ value: 1, points: 1000 }],
      }),
    ).toEqual([]);
  });

  it('refuses a LINEAR rule without a target above 0, with steps, or past 1 for a ratio', () => {
    const linear = (rule: Partial<ComputedRuleInput>) =>
      refusals(oneLeaf(computed('次数', 1000, { metric: 'ACTIVITIES', method: 'LINEAR', ...rule })));
    expect(linear({})).toEqual([
      { field: `${THE_LEAF}.rule.target`, message: `${THE_LEAF}.rule.target is required for a LINEAR rule` },
    ]);
    expect(linear({ target: 0 }).map((p) => p.field)).toEqual([`${THE_LEAF}.rule.target`]);
    expect(linear({ target: -2 }).map((p) => p.field)).toEqual([`${THE_LEAF}.rule.target`]);
    expect(linear({ target: 5, steps: [{ value: 1, points: 100 }] }).map((p) => p.field)).toEqual([
      `${THE_LEAF}.rule.steps`,
    ]);
    expect(linear({ metric: 'BUDGET_EXECUTION_RATE', target: 1.2 }).map((p) => p.message)).toEqual([
      `${THE_LEAF}.rule.target must be a fraction up to 1 for a ratio`,
    ]);
    expect(linear({ metric: 'BUDGET_EXECUTION_RATE', target: 1 })).toEqual([]);
  });

  it('refuses AT_MOST on a count, where more is never worse', () => {
    const problems = refusals(
      oneLeaf(
        computed('次数', 1000, {
          metric: 'ACTIVITIES',
          method: 'AT_MOST',
          steps: [{ value: 5, points: 1000 }],
        }),
      ),
    );
    expect(problems.map((p) => p.field)).toEqual([`${THE_LEAF}.rule.method`]);
    expect(problems[0]!.message).toMatch(/AT_MOST is for ratios/);
  });

  it('refuses threshold rules with a target, without steps or with more than ten', () => {
    const stepped = (rule: Partial<ComputedRuleInput>) =>
      fieldsOf(oneLeaf(computed('成果', 1000, { metric: 'OUTCOMES', method: 'AT_LEAST', ...rule })));
    expect(stepped({ target: 3, steps: [{ value: 1, points: 100 }] })).toEqual([`${THE_LEAF}.rule.target`]);
    expect(stepped({})).toEqual([`${THE_LEAF}.rule.steps`]);
    expect(stepped({ steps: [] })).toEqual([`${THE_LEAF}.rule.steps`]);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ value: i, points: 50 }));
    expect(stepped({ steps: eleven })).toEqual([`${THE_LEAF}.rule.steps`]);
    expect(stepped({ steps: eleven.slice(1) })).toEqual([]);
  });

  it('refuses steps above the maximum, below 0 or repeating a value', () => {
    const problems = refusals(
      oneLeaf(
        computed('成果', 1000, {
          metric: 'OUTCOMES',
          method: 'AT_LEAST',
          steps: [
            { value: -1, points: 500 },
            { value: 3, points: 1001 },
            { value: 3, points: 1000 },
          ],
        }),
      ),
    );
    expect(problems).toEqual([
      {
        field: `${THE_LEAF}.rule.steps[0].value`,
        message: `${THE_LEAF}.rule.steps[0].value must be 0 or more`,
      },
      {
        field: `${THE_LEAF}.rule.steps[1].points`,
        message: `${THE_LEAF}.rule.steps[1].points must not exceed the indicator's maxScore`,
      },
      { field: `${THE_LEAF}.rule.steps`, message: `${THE_LEAF}.rule.steps must not repeat a value` },
    ]);
  });

  it('refuses more than twelve indicators under one parent', () => {
    const thirteen = (make: (i: number) => IndicatorInput) => Array.from({ length: 13 }, (_, i) => make(i));
    const manyA = refusals(thirteen((i) => parent(`一级${i}`, [parent('二级', [expert('三级', 100)])])));
    expect(manyA).toEqual([
      { field: ROOT, message: `${ROOT} must list at most 12 indicators (it lists 13)` },
    ]);
    expect(
      fieldsOf([
        parent('一级', [
          parent(
            '二级',
            thirteen((i) => expert(`三级${i}`, 100)),
          ),
        ]),
      ]),
    ).toEqual([`${ROOT}[0].children[0].children`]);
  });

  it('refuses more than sixty C-level indicators in all', () => {
    const bs = (count: number) =>
      Array.from({ length: count }, (_, b) =>
        parent(
          `二级${b}`,
          Array.from({ length: 10 }, (_, c) => expert(`三级${c}`, 100)),
        ),
      );
    expect(fieldsOf([parent('一级', bs(6))])).toEqual([]);
    expect(
      refusals([parent('一级', bs(6)), parent('一级', [parent('二级', [expert('三级', 100)])])]),
    ).toEqual([{ field: ROOT, message: `${ROOT} must have at most 60 C-level indicators (it has 61)` }]);
  });

  it('refuses a tree whose points add up to more than a Score holds', () => {
    expect(
      fieldsOf([parent('一级', [parent('二级', [expert('甲', 50_000), expert('乙', 50_000)])])]),
    ).toEqual([]);
    expect(
      refusals([parent('一级', [parent('二级', [expert('甲', 50_000), expert('乙', 50_001)])])]),
    ).toEqual([
      { field: ROOT, message: `${ROOT} must not add up to more than 1000 points (they add up to 1000.01)` },
    ]);
  });

  it('reports every problem of the tree at once', () => {
    expect(
      fieldsOf([
        parent('团队建设', [parent('制度', [{ title: '计划', source: 'EXPERT' }]), { title: '研修' }]),
        {
          ...parent('经费', [parent('使用', [{ title: '', maxScore: 100, source: 'COMPUTED' }])]),
          maxScore: 100,
        },
      ]),
    ).toEqual([
      `${ROOT}[0].children[0].children[0].maxScore`,
      `${ROOT}[0].children[1].children`,
      `${ROOT}[1].maxScore`,
      `${ROOT}[1].children[0].children[0].title`,
      `${ROOT}[1].children[0].children[0].rule`,
    ]);
  });
});
