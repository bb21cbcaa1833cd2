import { leavesOf, type IndicatorNode } from './scheme-tree';
import type { AssessmentSchemeEntity } from '../entities/assessment-scheme.entity';

export interface SchemeComparisonView {
  from: AssessmentSchemeEntity;
  to: AssessmentSchemeEntity;
  added: IndicatorNode[];
  removed: IndicatorNode[];
  reweighted: { code: string; title: string; fromMaxScore: number; toMaxScore: number }[];
  fromLeafCount: number;
  toLeafCount: number;
}

/**
 * Indicators are matched by title within their parent's path of titles, not by code: cutting
 * C-level indicators renumbers those after them (安宁 cut 27 to 19), and a renumbered indicator
 * that says the same thing is the same indicator.
 */
export function compareSchemes(
  from: AssessmentSchemeEntity,
  to: AssessmentSchemeEntity,
): SchemeComparisonView {
  const before = byPath(from.indicators);
  const after = byPath(to.indicators);
  const reweighted = [...after]
    .filter(([path, node]) => before.has(path) && before.get(path)!.maxPoints !== node.maxPoints)
    .map(([path, node]) => ({
      code: node.code,
      title: node.title,
      fromMaxScore: before.get(path)!.maxPoints,
      toMaxScore: node.maxPoints,
    }));
  return {
    from,
    to,
    added: [...after].filter(([path]) => !before.has(path)).map(([, node]) => node),
    removed: [...before].filter(([path]) => !after.has(path)).map(([, node]) => node),
    reweighted,
    fromLeafCount: leavesOf(from.indicators).length,
    toLeafCount: leavesOf(to.indicators).length,
  };
}

function byPath(tree: readonly IndicatorNode[]): Map<string, IndicatorNode> {
  const paths = new Map<string, IndicatorNode>();
  const walk = (nodes: readonly IndicatorNode[], parent: string) => {
    for (const node of nodes) {
      const path = `${parent}/${node.title}`;
      paths.set(path, node);
      walk(node.children, path);
    }
  };
  walk(tree, '');
  return paths;
}
