import { narrowScope, regionLevel } from '@mingshi/auth';
import { fetchConnection } from '@mingshi/db';
import {
  ForbiddenError,
  NotFoundError,
  BadUserInputError,
  emptyConnection,
  likePattern,
  readPage,
  requireNonEmptyUnique,
  requireText,
  type Connection,
  type PageArgs,
} from '@mingshi/graphql';
import type { PersonnelContext } from '../context';
import { SchoolEntity } from '../entities';
import type { CreateSchoolInput, SchoolFilter, UpdateSchoolInput } from '../generated/resolvers-types';
import { canManageSchools } from '../rules/permissions';

/**
 * Schools visible to the caller, filtered, ordered by name. `within` narrows to a region's subtree
 * (Region.schools); a filter region outside the caller's scope is refused at the top level and
 * simply empty under a region.
 */
export async function listSchools(
  ctx: PersonnelContext,
  filter: SchoolFilter | null | undefined,
  pageArgs: PageArgs,
  options: { refuseOutOfScope: boolean } = { refuseOutOfScope: true },
): Promise<Connection<SchoolEntity>> {
  const page = readPage(pageArgs);
  const range = narrowScope(ctx.principal, filter?.regionCode);
  if (!range) {
    if (options.refuseOutOfScope)
      throw new ForbiddenError(`Region ${filter?.regionCode} is outside your scope`);
    return emptyConnection();
  }
  const query = (await ctx.tx.manager())
    .getRepository(SchoolEntity)
    .createQueryBuilder('s')
    .where('s.region_code BETWEEN :lo AND :hi', range);
  if (filter?.stage) query.andWhere(':stage = ANY(s.stages)', { stage: filter.stage });
  if (filter?.rural != null) query.andWhere('s.rural = :rural', { rural: filter.rural });
  if (filter?.weak != null) query.andWhere('s.weak = :weak', { weak: filter.weak });
  if (filter?.nameContains) query.andWhere('s.name LIKE :name', { name: likePattern(filter.nameContains) });
  return fetchConnection(query, page, { columns: ['s.name', 's.id'], valuesOf: (s) => [s.name, s.id] });
}

/** A school the caller may see, or NOT_FOUND (out of scope and absent look the same). */
export async function getSchool(ctx: PersonnelContext, id: string): Promise<SchoolEntity> {
  const school = await ctx.loaders.school.load(id);
  if (!school) throw new NotFoundError('School', id);
  return school;
}

export async function createSchool(ctx: PersonnelContext, input: CreateSchoolInput): Promise<SchoolEntity> {
  const name = requireText(input.name, 'name', 100);
  const stages = requireNonEmptyUnique(input.stages, 'stages');
  const region = /^\d{6}$/.test(input.regionCode) ? await ctx.loaders.region.load(input.regionCode) : null;
  if (!region)
    throw new BadUserInputError(`regionCode ${input.regionCode} is not a GB/T 2260 region`, 'regionCode');
  if (regionLevel(region.code) !== 'COUNTY' || region.level !== 'COUNTY') {
    throw new BadUserInputError(
      `regionCode must name a county; ${region.name} is a ${region.level.toLowerCase()}`,
      'regionCode',
    );
  }
  if (!canManageSchools(ctx.principal, region.code)) {
    throw new ForbiddenError(`Only an education office covering ${region.name} may register schools there`);
  }
  return ctx.tx.atomically((manager) =>
    manager.getRepository(SchoolEntity).save(
      manager.getRepository(SchoolEntity).create({
        name,
        regionCode: region.code,
        stages,
        rural: input.rural,
        weak: input.weak,
      }),
    ),
  );
}

export async function updateSchool(
  ctx: PersonnelContext,
  id: string,
  input: UpdateSchoolInput,
): Promise<SchoolEntity> {
  const school = await getSchool(ctx, id);
  if (!canManageSchools(ctx.principal, school.regionCode)) {
    throw new ForbiddenError('Only an education office covering the school may change it');
  }
  const changes: Partial<SchoolEntity> = {};
  if (input.name != null) changes.name = requireText(input.name, 'name', 100);
  if (input.stages != null) changes.stages = requireNonEmptyUnique(input.stages, 'stages');
  if (input.rural != null) changes.rural = input.rural;
  if (input.weak != null) changes.weak = input.weak;
  const updated = await ctx.tx.atomically((manager) =>
    manager.getRepository(SchoolEntity).save({ ...school, ...changes }),
  );
  ctx.loaders.school.clear(id).prime(id, updated);
  return updated;
}
