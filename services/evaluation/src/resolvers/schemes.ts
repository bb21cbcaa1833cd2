import type {
  AssessmentSchemeResolvers,
  IndicatorResolvers,
  SchemeCommentResolvers,
  SchemeComparisonResolvers,
} from '../generated/resolvers-types';
import { compareSchemes } from '../rules/scheme-comparison';
import { leavesOf } from '../rules/scheme-tree';
import { isVisible, visibleComments } from '../services/scheme.service';

export const AssessmentScheme: AssessmentSchemeResolvers = {
  region: (s) => ({ code: s.regionCode }),
  totalScore: (s) => s.totalPoints,
  gradeThresholds: (s) => ({
    excellent: s.excellentPoints,
    qualified: s.qualifiedPoints,
    basic: s.basicPoints,
  }),
  leaves: (s) => leavesOf(s.indicators),
  leafCount: (s) => leavesOf(s.indicators).length,
  comments: (s, _args, ctx) => visibleComments(ctx, s),
  versions: async (s, _args, ctx) =>
    (await ctx.loaders.schemeVersions.load(s.schemeKey)).filter((v) => isVisible(ctx, v)),
  changesFromPrevious: async (s, _args, ctx) => {
    const earlier = (await ctx.loaders.schemeVersions.load(s.schemeKey)).filter(
      (v) => v.version < s.version && isVisible(ctx, v),
    );
    const previous = earlier[earlier.length - 1];
    return previous ? compareSchemes(previous, s) : null;
  },
};

export const Indicator: IndicatorResolvers = {
  maxScore: (i) => i.maxPoints,
};

export const SchemeComment: SchemeCommentResolvers = {
  workshop: (c) => ({ id: c.workshopId }),
  author: (c) => ({ id: c.authorTeacherId }),
};

export const SchemeComparison: SchemeComparisonResolvers = {
  reweighted: (c) => c.reweighted,
};
