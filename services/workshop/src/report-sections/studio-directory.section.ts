import { ancestorsOf } from '@mingshi/auth';
import type { SectionContext, WorkshopDatasets } from '@mingshi/reports';
import { coveredStudios } from './covered-studios';
import { emitStudios } from './studio-entries';

/**
 * FUND_USAGE and ASSESSMENT_RESULTS: the money and the grades are finance's and evaluation's; the
 * workshop section names the studios they list. Finance counts a county's money by its host
 * schools too, so a city or province studio hosted in the county appears there: the directory
 * names the covered studios and those of the jurisdictions above the region, which the requester
 * reads anyway (studios are visible downwards).
 */
export async function studioDirectorySection(ctx: SectionContext<WorkshopDatasets>): Promise<void> {
  const covered = coveredStudios(ctx);
  // GB/T 2260 codes, six digits each (checked), so they can stand in the statement as literals.
  const above = ancestorsOf(ctx.request.regionCode).filter((code) => /^\d{6}$/.test(code));
  await emitStudios(ctx, {
    ...covered,
    studios: above.length
      ? `${covered.studios} OR w.region_code IN (${above.map((code) => `'${code}'`).join(', ')})`
      : covered.studios,
  });
  await ctx.progress(100);
}
