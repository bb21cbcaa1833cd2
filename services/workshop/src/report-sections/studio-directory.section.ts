import type { SectionContext, WorkshopDatasets } from '@mingshi/reports';
import { coveredStudios } from './covered-studios';
import { emitStudios } from './studio-entries';

/**
 * FUND_USAGE and ASSESSMENT_RESULTS: the money and the grades are finance's and evaluation's; the
 * workshop section says which studios the report covers and what they are called.
 */
export async function studioDirectorySection(ctx: SectionContext<WorkshopDatasets>): Promise<void> {
  await emitStudios(ctx, coveredStudios(ctx));
  await ctx.progress(100);
}
