import type { EntityManager } from 'typeorm';
import { covers, filterScope, isOfficeOfLevel, officeLevel, regionLevel } from '@mingshi/auth';
import {
  enumPositionSql,
  fetchConnection,
  isInstant,
  isText,
  isUniqueViolation,
  isWholeNumber,
  readOrder,
  type ListOrder,
} from '@mingshi/db';
import {
  BadUserInputError,
  ConflictError,
  chinaToday,
  enumOrder,
  ForbiddenError,
  InputCheck,
  NotFoundError,
  isUuid,
  readPage,
  type Connection,
  type PageArgs,
} from '@mingshi/graphql';
import type { WorkshopContext } from '../context';
import { MembershipEntity, WorkshopEntity, WorkshopStatusChangeEntity } from '../entities';
import type {
  FoundWorkshopInput,
  UpdateWorkshopInput,
  WorkshopFilter,
  WorkshopLevel,
  WorkshopOrder,
  WorkshopOrderField,
} from '../generated/resolvers-types';
import type { PersonnelSchool, PersonnelTeacher } from '../personnel-client';
import { describeMinimum, qualifiesAsHost } from '../rules/host-eligibility';
import { studioRegions } from '../rules/studio-visibility';
import { STATUS_LABELS, cycleStartYearProblem, isFinal } from '../rules/workshop-lifecycle';
import { workshopSchema } from '../schema-document';
import { applyWorkshopFilter } from './workshop-filter';

/** The history entry every studio starts with. */
const FOUNDING_REASON = '成立';

/** A studio is named for its host and subject (张三小学数学名师工作室): short, as on its plaque. */
const MAX_STUDIO_NAME = 100;

const LEVELS = enumOrder<WorkshopLevel>(workshopSchema, 'WorkshopLevel');

/** What a studio list may be ordered by, by name unless told; ties by id, the way the last field runs. */
const STUDIO_ORDER: ListOrder<WorkshopOrderField, WorkshopEntity> = {
  fields: {
    NAME: { sql: 'w.name', cursorValue: (w) => w.name, accepts: isText },
    // Milliseconds, as the cursor carries the instant: PostgreSQL keeps microseconds.
    CREATED_AT: {
      sql: `date_trunc('milliseconds', w.created_at)`,
      cursorValue: (w) => w.createdAt.toISOString(),
      accepts: isInstant,
    },
    CYCLE_START_YEAR: {
      sql: 'w.cycle_start_year',
      cursorValue: (w) => w.cycleStartYear,
      accepts: isWholeNumber,
    },
    // The level's place from 0 (PROVINCE), as the cursors have always carried it.
    LEVEL: {
      sql: `(${enumPositionSql('w.level', LEVELS)} - 1)`,
      cursorValue: (w) => LEVELS.indexOf(w.level),
      accepts: isWholeNumber,
    },
  },
  byDefault: [{ field: 'NAME' }],
  id: 'w.id',
  idDirection: 'LAST',
};

/**
 * Studios the caller may see, filtered, ordered as asked (by name unless told). A region filter
 * narrows to the studios founded in that region's subtree that the caller may see — which,
 * studios being visible downwards, includes those founded by the caller's own city or province
 * when the filter covers them. A filter region beside the caller's scope altogether is refused,
 * as for personnel lists.
 */
export async function listWorkshops(
  ctx: WorkshopContext,
  filter: WorkshopFilter | null | undefined,
  orderBy: readonly WorkshopOrder[] | null | undefined,
  pageArgs: PageArgs,
): Promise<Connection<WorkshopEntity>> {
  const page = readPage(pageArgs);
  const keyset = readOrder(orderBy, STUDIO_ORDER);
  // Refuses a mistyped region and one beside the caller's scope, so the studios' regions exist.
  filterScope(ctx.principal, filter?.regionCode, 'filter.regionCode');
  const regions = studioRegions(ctx.principal, filter?.regionCode)!;
  // Stated again here although row-level security admits the same rows: see studio-visibility.ts.
  const query = (await ctx.tx.manager())
    .getRepository(WorkshopEntity)
    .createQueryBuilder('w')
    .where('(w.region_code BETWEEN :lo AND :hi OR w.region_code = ANY(:ancestors))', regions);
  applyWorkshopFilter(query, 'w', filter);
  return fetchConnection(query, page, keyset);
}

/**
 * A studio the caller may see, or NOT_FOUND (invisible and absent look the same). `field` names
 * the argument or input field the id came from (a lookup's own `id` unless told).
 */
export async function getWorkshop(ctx: WorkshopContext, id: string, field = 'id'): Promise<WorkshopEntity> {
  const workshop = await ctx.loaders.workshop.load(id);
  if (!workshop) throw new NotFoundError('Workshop', id, field);
  return workshop;
}

/**
 * Founds a studio at the calling office's own level and in its own jurisdiction, with its host.
 * The studio, the host's membership and the first history entry are written together or not at
 * all.
 */
export async function foundWorkshop(
  ctx: WorkshopContext,
  input: FoundWorkshopInput,
): Promise<WorkshopEntity> {
  const check = new InputCheck('input');
  const name = check.text(input.name, 'name', MAX_STUDIO_NAME);
  const today = chinaToday();
  check.expect('cycleStartYear', cycleStartYearProblem(input.cycleStartYear, Number(today.slice(0, 4))));
  check.done();

  const { principal } = ctx;
  const level = officeLevel(principal);
  if (!level) throw new ForbiddenError('Only an education office (province, city or county) founds studios');
  // A studio's level and its founding region must agree: a city office signed in with a county
  // code would otherwise found a "city" studio that only one county's office could manage.
  if (regionLevel(principal.regionCode) !== level) {
    throw new ForbiddenError(
      `A ${level} office founds studios in its own jurisdiction; your sign-in names region ${principal.regionCode}`,
    );
  }
  const [school, host] = await Promise.all([
    findVisibleSchool(ctx, input.hostSchoolId, 'input.hostSchoolId'),
    findVisibleTeacher(ctx, input.hostTeacherId, 'input.hostTeacherId'),
  ]);
  if (!covers(principal.regionCode, school.regionCode)) {
    throw new ForbiddenError('The host school must lie in your jurisdiction');
  }
  if (!covers(principal.regionCode, host.regionCode)) {
    throw new ForbiddenError('The host must teach in your jurisdiction');
  }
  const minimum = ctx.settings.hostMinimumTitles[level];
  if (!qualifiesAsHost(host.talentTitles, minimum)) {
    throw new BadUserInputError(
      `input.hostTeacherId must name a teacher holding ${describeMinimum(minimum)} or a higher talent title, as the host of a ${level} studio must; this teacher holds none that qualifies`,
      'input.hostTeacherId',
    );
  }
  await assertHostsNoOpenStudio(ctx, host.id);

  let workshop: WorkshopEntity;
  try {
    workshop = await ctx.tx.atomically(async (manager) => {
      const studios = manager.getRepository(WorkshopEntity);
      const studio = await studios.save(
        studios.create({
          name,
          type: input.type,
          level,
          subject: input.subject,
          stage: input.stage,
          regionCode: principal.regionCode,
          hostSchoolId: school.id,
          cycleStartYear: input.cycleStartYear,
          status: 'PROPOSED',
          rectificationDeadline: null,
          foundedBy: principal.userId,
        }),
      );
      await manager.getRepository(MembershipEntity).insert({
        workshopId: studio.id,
        teacherId: host.id,
        role: 'HOST',
        joinedOn: today,
        leftOn: null,
        endReason: null,
      });
      await manager.getRepository(WorkshopStatusChangeEntity).insert({
        workshopId: studio.id,
        fromStatus: null,
        toStatus: 'PROPOSED',
        reason: FOUNDING_REASON,
        changedBy: principal.userId,
      });
      return studio;
    });
  } catch (error) {
    // The check above names the studio; this catches a race, or a studio the caller cannot see.
    if (isUniqueViolation(error, 'membership_one_open_workshop_per_host')) {
      throw new ConflictError('This teacher already hosts another open studio; a teacher hosts at most one');
    }
    throw error;
  }
  ctx.loaders.workshop.prime(workshop.id, workshop);
  ctx.loaders.membershipsByTeacher.clear(host.id);
  ctx.loaders.workshopsByHostSchool.clear(school.id);
  return workshop;
}

/** Changes a studio's details. The management office of the studio's level only. */
export async function updateWorkshop(
  ctx: WorkshopContext,
  id: string,
  input: UpdateWorkshopInput,
): Promise<WorkshopEntity> {
  const check = new InputCheck('input');
  const changes: Partial<WorkshopEntity> = {};
  if (input.name != null) changes.name = check.text(input.name, 'name', MAX_STUDIO_NAME);
  if (input.subject != null) changes.subject = input.subject;
  if (input.stage != null) changes.stage = input.stage;
  check.done();

  const studio = await getWorkshop(ctx, id);
  if (!isOfficeOfLevel(ctx.principal, studio)) {
    throw new ForbiddenError(`Only the ${studio.level} office over the studio may change its details`);
  }
  if (input.hostSchoolId != null && input.hostSchoolId !== studio.hostSchoolId) {
    const school = await findVisibleSchool(ctx, input.hostSchoolId, 'input.hostSchoolId');
    if (!covers(studio.regionCode, school.regionCode)) {
      throw new ForbiddenError("The host school must lie in the studio's jurisdiction");
    }
    changes.hostSchoolId = school.id;
  }
  if (Object.keys(changes).length === 0) return studio;
  const updated = await ctx.tx.atomically(async (manager) => {
    const current = await lockWorkshop(manager, id);
    if (isFinal(current.status)) {
      throw new ConflictError(
        `The studio is ${current.status} (${STATUS_LABELS[current.status]}); its details no longer change`,
      );
    }
    return manager.getRepository(WorkshopEntity).save({ ...current, ...changes });
  });
  ctx.loaders.workshop.clear(id).prime(id, updated);
  ctx.loaders.workshopsByHostSchool.clear(studio.hostSchoolId).clear(updated.hostSchoolId);
  return updated;
}

/**
 * Serialises changes to one studio: exclusive for status and team changes, shared for applying.
 * A transaction advisory lock rather than a row lock, because row locks (FOR SHARE/UPDATE) need the
 * row-level UPDATE policy, which a teacher applying to a studio founded above their county rightly
 * does not pass. Every path that changes a studio's status or team comes through here.
 */
export async function lockWorkshop(
  manager: EntityManager,
  id: string,
  mode: 'exclusive' | 'shared' = 'exclusive',
): Promise<WorkshopEntity> {
  const lock = mode === 'exclusive' ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared';
  await manager.query(`SELECT ${lock}(hashtextextended($1, 0))`, [id]);
  const studio = await manager.getRepository(WorkshopEntity).findOneBy({ id });
  if (!studio) throw new NotFoundError('Workshop', id);
  return studio;
}

/**
 * A teacher as personnel shows them to the caller, or NOT_FOUND (invisible and absent look the
 * same) naming the input field the id came from, when it came from one.
 */
export async function findVisibleTeacher(
  ctx: WorkshopContext,
  id: string,
  field?: string,
): Promise<PersonnelTeacher> {
  const teacher = isUuid(id) ? await ctx.loaders.personnelTeacher.load(id) : null;
  if (!teacher) throw new NotFoundError('Teacher', id, field);
  return teacher;
}

/** A school as personnel shows it to the caller, or NOT_FOUND naming the input field. */
export async function findVisibleSchool(
  ctx: WorkshopContext,
  id: string,
  field: string,
): Promise<PersonnelSchool> {
  const school = isUuid(id) ? await ctx.loaders.personnelSchool.load(id) : null;
  if (!school) throw new NotFoundError('School', id, field);
  return school;
}

/**
 * Refuses a host who already hosts an open studio, naming it. Only studios the caller can see are
 * checked here; the unique index membership_one_open_workshop_per_host catches the rest.
 */
async function assertHostsNoOpenStudio(ctx: WorkshopContext, teacherId: string): Promise<void> {
  const hosting = (await ctx.loaders.membershipsByTeacher.load(teacherId)).find(
    (membership) => membership.role === 'HOST' && membership.leftOn === null,
  );
  if (!hosting) return;
  const other = await ctx.loaders.workshop.load(hosting.workshopId);
  throw new ConflictError(
    `This teacher already hosts ${other ? `「${other.name}」 (${other.status})` : 'another open studio'}; a teacher hosts at most one open studio`,
  );
}
