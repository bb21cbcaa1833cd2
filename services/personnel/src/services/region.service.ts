import { regionCodeProblem } from '@mingshi/auth';
import { BadUserInputError } from '@mingshi/graphql';
import type { PersonnelContext } from '../context';
import { RegionEntity } from '../entities';

/** Provinces, or the regions directly under a parent. Regions are public reference data. */
export async function listRegions(
  ctx: PersonnelContext,
  parentCode?: string | null,
): Promise<RegionEntity[]> {
  if (parentCode == null) {
    return (await ctx.tx.manager())
      .getRepository(RegionEntity)
      .find({ where: { level: 'PROVINCE' }, order: { code: 'ASC' } });
  }
  const problem = regionCodeProblem(parentCode);
  if (problem) throw new BadUserInputError(`parentCode ${problem}`, 'parentCode');
  return ctx.loaders.regionChildren.load(parentCode);
}
