import { filterScope, narrowScope, regionCodeProblem, regionLevel } from '@mingshi/auth';
import { fetchConnection } from '@mingshi/db';
import {
  ForbiddenError,
  NotFoundError,
  BadUserInputError,
  InputCheck,
  emptyConnection,
  likePattern,
  readPage,
  type Connection,
  type PageArgs,
} from '@mingshi/graphql';
import type { PersonnelContext } from '../context';
import { SchoolEntity } from '../entities';
import type { CreateSchoolInput, SchoolFilter, UpdateSchoolInput } from '../generated/resolvers-types';
import { canManageSchools } from '../rules/permissions';

/** The longest school name on record is well under this (e.g. 攀枝花市西区格里坪镇中心学校…). */
const MAX_SCHOOL_NAME = 100;

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
  const range = options.refuseOutOfScope
    ? filterScope(ctx.principal, filter?.regionCode, 'filter.regionCode')
    : narrowScope(ctx.principal, filter?.regionCode);
  if (!range) return emptyConnection();
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

/**
 * A school the caller may see, or NOT_FOUND (out of scope and absent look the same). `field`
 * names the argument or input field the id came from (a lookup's own `id` unless told).
 */
export async function getSchool(ctx: PersonnelContext, id: string, field = 'id'): Promise<SchoolEntity> {
  const school = await ctx.loaders.school.load(id);
  if (!school) throw new NotFoundError('School', id, field);
  return school;
}

export async function createSchool(ctx: PersonnelContext, input: CreateSchoolInput): Promise<SchoolEntity> {
  const check = new InputCheck('input');
  const name = check.text(input.name, 'name', MAX_SCHOOL_NAME);
  const stages = check.list(input.stages, 'stages', { min: 1 });
  check.expect('regionCode', regionCodeProblem(input.regionCode));
  check.done();

  const region = await ctx.loaders.region.load(input.regionCode);
  if (!region) {
    throw new BadUserInputError('input.regionCode names no GB/T 2260 region on record', 'input.regionCode');
  }
  if (regionLevel(region.code) !== 'COUNTY' || region.level !== 'COUNTY') {
    throw new BadUserInputError(
      `input.regionCode must name a county; ${region.name} is a ${region.level.toLowerCase()}`,
      'input.regionCode',
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
  const check = new InputCheck('input');
  const changes: Partial<SchoolEntity> = {};
  if (input.name != null) changes.name = check.text(input.name, 'name', MAX_SCHOOL_NAME);
  if (input.stages != null) changes.stages = check.list(input.stages, 'stages', { min: 1 });
  if (input.rural != null) changes.rural = input.rural;
  if (input.weak != null) changes.weak = input.weak;
  check.done();

  const school = await getSchool(ctx, id);
  if (!canManageSchools(ctx.principal, school.regionCode)) {
    throw new ForbiddenError('Only an education office covering the school may change it');
  }
  const updated = await ctx.tx.atomically((manager) =>
    manager.getRepository(SchoolEntity).save({ ...school, ...changes }),
  );
  ctx.loaders.school.clear(id).prime(id, updated);
  return updated;
}
