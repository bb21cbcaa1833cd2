import { randomUUID } from 'node:crypto';
import { InputCheck, MAX_SCORE_POINTS, hundredthsToPoints } from '@mingshi/graphql';
import type {
  AchievementLevel,
  ActivityType,
  ComputedMetric,
  IndicatorInput,
  IndicatorLevel,
  IndicatorSource,
  ResearchProjectStatus,
  ScoringMethod,
} from '../generated/resolvers-types';

/**
 * A scheme's indicator tree (A → B → C), as a scheme version stores it: one document, frozen with
 * the version. Codes name each indicator by its place (A2.B1.C3) and are what scores refer to, so
 * comparing two versions is comparing codes.
 */
export interface IndicatorNode {
  id: string;
  code: string;
  level: IndicatorLevel;
  title: string;
  description: string | null;
  /** Hundredths of a point; for A and B the sum of their children. */
  maxPoints: number;
  /** C level only. */
  source: IndicatorSource | null;
  /** C-level COMPUTED only. */
  rule: ComputedRuleSpec | null;
  children: IndicatorNode[];
}

export interface ComputedRuleSpec {
  metric: ComputedMetric;
  activityType: ActivityType | null;
  minimumLevel: AchievementLevel | null;
  projectStatuses: ResearchProjectStatus[] | null;
  method: ScoringMethod;
  target: number | null;
  /** Points in hundredths. */
  steps: { value: number; points: number }[] | null;
}

const LEVELS: readonly IndicatorLevel[] = ['A', 'B', 'C'];
/** Enough for any scheme the seeds describe (安宁's had 27 C-level indicators before it cut them to 19). */
const MAX_CHILDREN = 12;
const MAX_LEAVES = 60;
const MAX_STEPS = 10;
const METRICS_WITH_LEVEL: readonly ComputedMetric[] = ['RESEARCH_PROJECTS', 'OUTCOMES'];
/** Fractions of allocated money; every other metric is a count. */
const RATIO_METRICS: readonly ComputedMetric[] = ['BUDGET_EXECUTION_RATE', 'LECTURE_FEE_RATIO'];

/** Checks an indicator tree as the client wrote it and builds the stored tree from it. */
export function buildIndicatorTree(inputs: readonly IndicatorInput[], check: InputCheck): IndicatorNode[] {
  if (inputs.length === 0) check.refuse('', 'must list at least one A-level indicator');
  const tree = buildLevel(inputs, 0, '', check);
  const leaves = leavesOf(tree).length;
  if (leaves > MAX_LEAVES)
    check.refuse('', `must have at most ${MAX_LEAVES} C-level indicators (it has ${leaves})`);
  // A total is a Score like any other, and Score stops at 1000 points.
  const total = totalPointsOf(tree);
  if (total > MAX_SCORE_POINTS * 100) {
    check.refuse(
      '',
      `must not add up to more than ${MAX_SCORE_POINTS} points (they add up to ${hundredthsToPoints(total)})`,
    );
  }
  return tree;
}

function buildLevel(
  inputs: readonly IndicatorInput[],
  depth: number,
  parent: string,
  check: InputCheck,
): IndicatorNode[] {
  const level = LEVELS[depth]!;
  if (inputs.length > MAX_CHILDREN)
    check.refuse('', `must list at most ${MAX_CHILDREN} indicators (it lists ${inputs.length})`);
  return inputs.slice(0, MAX_CHILDREN).map((input, i): IndicatorNode => {
    const at = check.at(`[${i}]`);
    const code = `${parent ? `${parent}.` : ''}${level}${i + 1}`;
    const title = at.text(input.title, 'title', 100);
    const description = at.optionalText(input.description, 'description', 1000);
    if (level === 'C') return buildLeaf(input, code, title, description, at);
    for (const field of ['maxScore', 'source', 'rule'] as const) {
      if (input[field] != null)
        at.refuse(field, `is only given for C-level indicators; ${level}-level ones add up their children`);
    }
    if (!input.children?.length) {
      at.refuse(
        'children',
        `must list the ${LEVELS[depth + 1]}-level indicators under this ${level}-level one`,
      );
    }
    const children = buildLevel(input.children ?? [], depth + 1, code, at.at('children'));
    return {
      id: randomUUID(),
      code,
      level,
      title,
      description,
      maxPoints: children.reduce((sum, child) => sum + child.maxPoints, 0),
      source: null,
      rule: null,
      children,
    };
  });
}

function buildLeaf(
  input: IndicatorInput,
  code: string,
  title: string,
  description: string | null,
  check: InputCheck,
): IndicatorNode {
  if (input.children?.length)
    check.refuse('children', 'must be empty: C-level indicators are the scored leaves');
  const maxPoints = input.maxScore ?? 0;
  if (input.maxScore == null) check.refuse('maxScore', 'is required for a C-level indicator');
  else if (maxPoints <= 0) check.refuse('maxScore', 'must be more than 0');
  if (input.source == null)
    check.refuse('source', 'is required for a C-level indicator (EXPERT or COMPUTED)');
  let rule: ComputedRuleSpec | null = null;
  if (input.source === 'COMPUTED') {
    if (!input.rule) check.refuse('rule', 'is required for a COMPUTED indicator');
    else rule = buildRule(input.rule, maxPoints, check.at('rule'));
  } else if (input.rule) {
    check.refuse('rule', 'is only given for COMPUTED indicators');
  }
  return {
    id: randomUUID(),
    code,
    level: 'C',
    title,
    description,
    maxPoints,
    source: input.source ?? null,
    rule,
    children: [],
  };
}

function buildRule(
  input: NonNullable<IndicatorInput['rule']>,
  maxPoints: number,
  check: InputCheck,
): ComputedRuleSpec {
  if (input.activityType != null && input.metric !== 'ACTIVITIES') {
    check.refuse('activityType', 'is only given for the ACTIVITIES metric');
  }
  if (input.minimumLevel != null && !METRICS_WITH_LEVEL.includes(input.metric)) {
    check.refuse('minimumLevel', 'is only given for RESEARCH_PROJECTS and OUTCOMES');
  }
  if (input.projectStatuses != null) {
    if (input.metric !== 'RESEARCH_PROJECTS')
      check.refuse('projectStatuses', 'is only given for RESEARCH_PROJECTS');
    else check.list(input.projectStatuses, 'projectStatuses', { min: 1 });
  }
  if (input.method === 'AT_MOST' && !RATIO_METRICS.includes(input.metric)) {
    check.refuse(
      'method',
      'AT_MOST is for ratios (BUDGET_EXECUTION_RATE, LECTURE_FEE_RATIO): more of a count is never worse',
    );
  }
  let steps: ComputedRuleSpec['steps'] = null;
  let target: number | null = null;
  if (input.method === 'LINEAR') {
    if (input.steps != null) check.refuse('steps', 'is only given for AT_LEAST and AT_MOST rules');
    if (input.target == null) check.refuse('target', 'is required for a LINEAR rule');
    else if (!(input.target > 0) || !Number.isFinite(input.target))
      check.refuse('target', 'must be more than 0');
    else if (RATIO_METRICS.includes(input.metric) && input.target > 1)
      check.refuse('target', 'must be a fraction up to 1 for a ratio');
    target = input.target ?? null;
  } else {
    if (input.target != null) check.refuse('target', 'is only given for LINEAR rules');
    const given = input.steps ?? [];
    if (given.length === 0 || given.length > MAX_STEPS)
      check.refuse('steps', `must list 1 to ${MAX_STEPS} steps`);
    given.forEach((step, i) => {
      if (!Number.isFinite(step.value) || step.value < 0)
        check.refuse(`steps[${i}].value`, 'must be 0 or more');
      if (step.points > maxPoints)
        check.refuse(`steps[${i}].points`, "must not exceed the indicator's maxScore");
    });
    const values = given.map((s) => s.value);
    if (new Set(values).size !== values.length) check.refuse('steps', 'must not repeat a value');
    steps = given.map((s) => ({ value: s.value, points: s.points }));
  }
  return {
    metric: input.metric,
    activityType: input.activityType ?? null,
    minimumLevel: input.minimumLevel ?? null,
    projectStatuses: input.projectStatuses ?? null,
    method: input.method,
    target,
    steps,
  };
}

/** Every C-level indicator, in order. */
export function leavesOf(tree: readonly IndicatorNode[]): IndicatorNode[] {
  return tree.flatMap((node) => (node.level === 'C' ? [node] : leavesOf(node.children)));
}

/** Every indicator of the tree, parents before children. */
export function allIndicators(tree: readonly IndicatorNode[]): IndicatorNode[] {
  return tree.flatMap((node) => [node, ...allIndicators(node.children)]);
}

/** A scheme's total: the points of its leaves together. */
export function totalPointsOf(tree: readonly IndicatorNode[]): number {
  return tree.reduce((sum, node) => sum + node.maxPoints, 0);
}
