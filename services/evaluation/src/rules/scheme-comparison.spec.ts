import { InputCheck } from '@mingshi/graphql';
import type { AssessmentSchemeEntity } from '../entities/assessment-scheme.entity';
import type { IndicatorInput } from '../generated/resolvers-types';
import { compareSchemes } from './scheme-comparison';
import { buildIndicatorTree } from './scheme-tree';

const expert = (title: string, points: number): IndicatorInput => ({
  title,
  maxScore: points * 100,
  source: 'EXPERT',
});
const parent = (title: string, children: IndicatorInput[]): IndicatorInput => ({ title, children });

/** A version as stored: only its tree matters to the comparison. */
function version(indicators: IndicatorInput[]): AssessmentSchemeEntity {
  const check = new InputCheck('input');
  const tree = buildIndicatorTree(indicators, check);
  check.done();
  return { indicators: tree } as AssessmentSchemeEntity;
}

const v1 = version([
  parent('团队建设', [
    parent('研修', [expert('研修计划', 5), expert('研修质量', 10), expert('研修次数', 10)]),
  ]),
  parent('经费管理', [parent('使用', [expert('规范', 20)])]),
]);

describe('comparing scheme versions', () => {
  it('finds nothing changed between a version and itself', () => {
    expect(compareSchemes(v1, v1)).toMatchObject({
      added: [],
      removed: [],
      reweighted: [],
      fromLeafCount: 4,
      toLeafCount: 4,
    });
  });

  it('matches indicators by their titles when cutting one renumbers those after it', () => {
    const v2 = version([
      parent('团队建设', [parent('研修', [expert('研修质量', 10), expert('研修次数', 15)])]),
      parent('经费管理', [parent('使用', [expert('规范', 20), expert('绩效', 5)])]),
    ]);
    const comparison = compareSchemes(v1, v2);
    expect(comparison.removed.map((i) => [i.code, i.title])).toEqual([['A1.B1.C1', '研修计划']]);
    expect(comparison.added.map((i) => [i.code, i.title])).toEqual([['A2.B1.C2', '绩效']]);
    // 研修质量 moved from C2 to C1 with the same maximum: neither added, removed nor reweighted.
    expect(comparison.reweighted).toEqual([
      { code: 'A1.B1.C2', title: '研修次数', fromMaxScore: 1000, toMaxScore: 1500 },
      { code: 'A2', title: '经费管理', fromMaxScore: 2000, toMaxScore: 2500 },
      { code: 'A2.B1', title: '使用', fromMaxScore: 2000, toMaxScore: 2500 },
    ]);
    expect(comparison).toMatchObject({ fromLeafCount: 4, toLeafCount: 4 });
  });

  it('takes an indicator moved under another parent as removed there and added here', () => {
    const v2 = version([
      parent('团队建设', [parent('研修', [expert('研修计划', 5), expert('研修质量', 10)])]),
      parent('经费管理', [parent('使用', [expert('规范', 20), expert('研修次数', 10)])]),
    ]);
    const comparison = compareSchemes(v1, v2);
    expect(comparison.removed.map((i) => i.code)).toEqual(['A1.B1.C3']);
    expect(comparison.added.map((i) => i.code)).toEqual(['A2.B1.C2']);
  });

  it('counts a cut whole branch with its children, and the leaves of each side', () => {
    const v2 = version([parent('团队建设', [parent('研修', [expert('研修质量', 10)])])]);
    const comparison = compareSchemes(v1, v2);
    expect(comparison.removed.map((i) => i.code)).toEqual([
      'A1.B1.C1',
      'A1.B1.C3',
      'A2',
      'A2.B1',
      'A2.B1.C1',
    ]);
    expect(comparison.added).toEqual([]);
    expect(comparison).toMatchObject({ fromLeafCount: 4, toLeafCount: 1 });
  });

  it('compares backwards as readily, old codes for what the older version had', () => {
    const v2 = version([
      parent('团队建设', [parent('研修', [expert('研修质量', 10), expert('研修次数', 10)])]),
      parent('经费管理', [parent('使用', [expert('规范', 20)])]),
    ]);
    const comparison = compareSchemes(v2, v1);
    expect(comparison.added.map((i) => [i.code, i.title])).toEqual([['A1.B1.C1', '研修计划']]);
    expect(comparison.removed).toEqual([]);
    expect(comparison.reweighted.map((r) => r.code)).toEqual(['A1', 'A1.B1']);
  });
});
