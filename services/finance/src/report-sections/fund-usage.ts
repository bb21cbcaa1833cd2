import type { SectionHandler, FinanceDatasets } from '@mingshi/reports';
import { emitRegionFigures, studioFigures } from './fund-figures';

/** Progress is reported every this many studios: often enough to see, rarely enough not to cost. */
const PROGRESS_EVERY = 200;

/** 经费使用情况: the range's and its counties' figures, then every studio's with its flags. */
export const fundUsageSection: SectionHandler<FinanceDatasets> = async (ctx) => {
  const totals = await emitRegionFigures(ctx);
  await ctx.progress(10);
  let done = 0;
  for await (const studio of studioFigures(ctx)) {
    await ctx.emit('fundStudios', studio);
    done += 1;
    if (done % PROGRESS_EVERY === 0)
      await ctx.progress(10 + (90 * done) / Math.max(totals.studioCount, done));
  }
};
