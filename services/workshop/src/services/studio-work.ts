import type { EntityManager } from 'typeorm';
import { BadUserInputError, ConflictError, ForbiddenError, isUuid, quote } from '@mingshi/graphql';
import type { WorkshopContext } from '../context';
import type { WorkshopEntity } from '../entities';
import type { PersonnelSchool, PersonnelTeacher } from '../personnel-client';
import { canManageStudioWork } from '../rules/permissions';
import { isOpenForWork, isSupportTarget } from '../rules/studio-work';
import { STATUS_LABELS } from '../rules/workshop-lifecycle';
import { getWorkshop, lockWorkshop } from './workshop.service';

/**
 * What every use case on a studio's work (activities, research projects, outcomes, support
 * agreements) checks, in the same order, so the same caller gets the same refusal from each:
 * the input itself (BAD_USER_INPUT, in the use case, before anything here), the studio is
 * visible (NOT_FOUND), the caller manages its work (FORBIDDEN), the teachers and schools the
 * input names are ones the caller may see (BAD_USER_INPUT), and last the studio takes work
 * (CONFLICT) — checked inside the write, under the studio's lock, where it counts. A client thus
 * fixes everything it can fix before it learns that the studio's state refuses it.
 */

/**
 * `record` is any new or changed work. `windUp` only ends existing work (concluding or terminating
 * a project, ending an agreement): allowed on a closed studio too, so that a revoked studio's
 * projects and agreements are closed out rather than left open for ever.
 */
export type StudioWorkPurpose = 'record' | 'windUp';

/**
 * The studio whose work the caller manages: after the input is checked, before personnel is asked
 * anything. `field` names the input field the studio's id came from, when it came from one.
 */
export async function studioForWork(
  ctx: WorkshopContext,
  workshopId: string,
  field?: string,
): Promise<WorkshopEntity> {
  const workshop = await getWorkshop(ctx, workshopId, field);
  const host = await ctx.loaders.host.load(workshop.id);
  if (!canManageStudioWork(ctx.principal, workshop, host?.teacherId ?? null)) {
    throw new ForbiddenError(
      "Only the studio's host, or an education office overseeing it, manages its work",
    );
  }
  return workshop;
}

/**
 * Inside the write: locks the studio row and checks its status, so a studio revoked while this
 * request was asking personnel does not receive work after all. FOR SHARE by default (work
 * on one studio recorded at once does not wait on itself); `exclusive` when the write must also
 * be the only one of its kind on the studio (see support agreements).
 */
export async function holdStudioForWork(
  manager: EntityManager,
  workshopId: string,
  purpose: StudioWorkPurpose = 'record',
  options: { exclusive?: boolean } = {},
): Promise<WorkshopEntity> {
  const workshop = await lockWorkshop(manager, workshopId, options.exclusive ? 'exclusive' : 'shared');
  if (purpose === 'record' && !isOpenForWork(workshop.status)) {
    throw new ConflictError(
      `The studio is ${workshop.status} (${STATUS_LABELS[workshop.status]}); it takes no new or changed work`,
    );
  }
  return workshop;
}

/**
 * The teachers, as personnel shows them to the caller, in the order given. An id that names no
 * teacher the caller may see is refused naming the first such id: out of scope and nonexistent
 * look the same, as everywhere in the graph. All ids go to personnel in one call.
 */
export async function requireVisibleTeachers(
  ctx: WorkshopContext,
  ids: readonly string[],
  field: string,
): Promise<PersonnelTeacher[]> {
  // An id that is not a UUID names nobody; personnel is not asked about it.
  const answers = await ctx.loaders.personnelTeacher.loadMany(ids.filter(isUuid));
  const byId = new Map<string, PersonnelTeacher>();
  for (const answer of answers) {
    // A failed call to personnel is not "unknown teacher": it surfaces as the failure it is.
    if (answer instanceof Error) throw answer;
    if (answer) byId.set(answer.id, answer);
  }
  return ids.map((id) => {
    const teacher = byId.get(id);
    if (!teacher) {
      throw new BadUserInputError(`${field} names ${quote(id)}, which is not a teacher in your scope`, field);
    }
    return teacher;
  });
}

/** A school the studio may reach out to: visible to the caller, and rural or weak (isSupportTarget). */
export async function requireSupportTargetSchool(
  ctx: WorkshopContext,
  id: string,
  field: string,
): Promise<PersonnelSchool> {
  const school = isUuid(id) ? await ctx.loaders.personnelSchool.load(id) : null;
  if (!school) {
    throw new BadUserInputError(`${field} names ${quote(id)}, which is not a school in your scope`, field);
  }
  if (!isSupportTarget(school)) {
    throw new BadUserInputError(
      `${field} must name a rural (农村) or weak (薄弱) school: outreach and support agreements are for them`,
      field,
    );
  }
  return school;
}
