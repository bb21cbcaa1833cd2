import type {
  FundFlagResolvers,
  FundPolicyResolvers,
  FundSummaryGroupResolvers,
  WorkshopResolvers,
} from '../generated/resolvers-types';
import { workshopFunding } from '../services/funding.service';

export const Workshop: WorkshopResolvers = {
  // Finance knows a studio by its id alone; the workshop subgraph says whether the caller sees it.
  __resolveReference: (ref) => ({ id: ref.id }),
  funding: (w, { year }, ctx) => workshopFunding(ctx, w.id, year),
  fundAllocations: async (w, _args, ctx) =>
    (await ctx.loaders.moneyReadable.load(w.id)) ? ctx.loaders.allocationsByWorkshop.load(w.id) : null,
};

export const FundPolicy: FundPolicyResolvers = {
  region: (p) => ({ code: p.regionCode }),
};

export const FundSummaryGroup: FundSummaryGroupResolvers = {
  region: (g) => (g.regionCode ? { code: g.regionCode } : null),
};

export const FundFlag: FundFlagResolvers = {
  workshop: (f) => ({ id: f.workshopId }),
};
