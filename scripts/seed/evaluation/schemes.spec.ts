import type { AssessmentSchemeEntity } from '../../../services/evaluation/src/entities/assessment-scheme.entity';
import { compareSchemes } from '../../../services/evaluation/src/rules/scheme-comparison';
import { allIndicators, leavesOf } from '../../../services/evaluation/src/rules/scheme-tree';
import { fixture } from '../workshop/test-fixtures';
import { planSchemes, schemeInForce, type Office, type SchemeVersionPlan } from './schemes';

describe('assessment schemes', () => {
  const studios = fixture().studios.map(({ studio }) => studio);
  const county = studios.filter((s) => s.level === 'COUNTY' && s.jurisdiction.code === '510403');
  const offices: Office[] = [
    { level: 'COUNTY', code: '510403', studios: county },
    // 安宁's office, with 西区's studios to comment on its revision.
    { level: 'COUNTY', code: '530181', studios: county },
  ];
  const schemes = planSchemes(offices, 2020, 2024);
  const of = (code: string) => schemes.filter((s) => s.regionCode === code);

  it('give each office the default scheme, published before its first round', () => {
    const [only, ...more] = of('510403');
    expect(more).toEqual([]);
    expect(only).toMatchObject({ version: 1, totalPoints: 10_000, name: '名师工作室考核方案' });
    expect(leavesOf(only!.indicators)).toHaveLength(19);
    expect(only!.publishedOn < '2020-11-01').toBe(true);
  });

  it('give 安宁 the 27 indicators it cut to 19, the revision out for comment before it was published', () => {
    const [before, after] = of('530181');
    expect(leavesOf(before!.indicators)).toHaveLength(27);
    expect(before!.totalPoints).toBe(10_000);
    expect(after).toMatchObject({ version: 2, schemeKey: before!.schemeKey, commentsCloseOn: '2024-06-30' });
    expect(after!.comments.length).toBeGreaterThan(0);
    for (const comment of after!.comments) {
      expect(comment.on <= after!.commentsCloseOn!).toBe(true);
      if (comment.indicatorCode)
        expect(allIndicators(after!.indicators).map((i) => i.code)).toContain(comment.indicatorCode);
    }
    const comparison = compareSchemes(entity(before!), entity(after!));
    expect(comparison.removed.map((i) => i.title)).toHaveLength(8);
    expect(comparison.added).toEqual([]);
    // The survivors gave back the points they took over; their groups' sums moved with them.
    expect(comparison.reweighted.filter((i) => i.code.includes('.C'))).toHaveLength(8);
    expect(schemeInForce(of('530181'), '2023-11-10')?.version).toBe(1);
    expect(schemeInForce(of('530181'), '2024-11-10')?.version).toBe(2);
  });

  it('come out the same on every run, indicator ids included', () => {
    expect(planSchemes(offices, 2020, 2024)).toEqual(schemes);
  });
});

/** compareSchemes reads a version's indicators only. */
function entity(plan: SchemeVersionPlan): AssessmentSchemeEntity {
  return { indicators: plan.indicators } as AssessmentSchemeEntity;
}
