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
  if (!/^\d{6}$/.test(parentCode))
    throw new BadUserInputError('parentCode must be a six-digit code', 'parentCode');
  return ctx.loaders.regionChildren.load(parentCode);
}
