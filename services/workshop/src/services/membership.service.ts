import { IsNull, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '@mingshi/db';
import {
  ConflictError,
  ForbiddenError,
  InputCheck,
  NotFoundError,
  chinaToday,
  isUuid,
} from '@mingshi/graphql';
import type { WorkshopContext } from '../context';
import { MembershipEntity, type WorkshopEntity } from '../entities';
import type { AddWorkshopMemberInput, EndMembershipInput } from '../generated/resolvers-types';
import { joiningProblem } from '../rules/membership-limits';
import { canManageStudioWork } from '../rules/permissions';
import { STATUS_LABELS, admitsMembers } from '../rules/workshop-lifecycle';
import { findVisibleTeacher, getWorkshop, lockWorkshop } from './workshop.service';

/** Why a membership ended, as recorded with it (the column's length). */
const MAX_REASON = 500;

/** The host, or an office overseeing the studio, adds a member (成员). */
export async function addWorkshopMember(
  ctx: WorkshopContext,
  input: AddWorkshopMemberInput,
): Promise<MembershipEntity> {
  const studio = await getWorkshop(ctx, input.workshopId, 'input.workshopId');
  await assertManagesTeam(ctx, studio);
  const teacher = await findVisibleTeacher(ctx, input.teacherId, 'input.teacherId');
  const membership = await joinTeam(ctx, studio.id, teacher.id, 'MEMBER');
  ctx.loaders.membershipsByWorkshop.clear(studio.id);
  ctx.loaders.membershipsByTeacher.clear(teacher.id);
  ctx.loaders.membership.prime(membership.id, membership);
  return membership;
}

/**
 * Ends a member's or trainee's membership (the host, or an office overseeing the studio). The
 * host's own membership ends only with the studio (revoked or dissolved): a studio without a host
 * cannot run.
 */
export async function endMembership(
  ctx: WorkshopContext,
  input: EndMembershipInput,
): Promise<MembershipEntity> {
  const check = new InputCheck('input');
  const reason = check.text(input.reason, 'reason', MAX_REASON);
  check.done();

  const membership = isUuid(input.membershipId)
    ? await ctx.loaders.membership.load(input.membershipId)
    : null;
  if (!membership) throw new NotFoundError('Membership', input.membershipId, 'input.membershipId');
  // Row-level security shows a membership only with its studio, so the studio is visible too.
  const studio = await getWorkshop(ctx, membership.workshopId);
  await assertManagesTeam(ctx, studio);
  if (membership.role === 'HOST') {
    throw new ConflictError("The host's membership ends only when the studio is revoked or dissolved");
  }
  if (membership.leftOn !== null)
    throw new ConflictError(`This membership already ended on ${membership.leftOn}`);

  const today = chinaToday();
  await ctx.tx.atomically(async (manager) => {
    const result = await manager
      .createQueryBuilder()
      .update(MembershipEntity)
      .set({ leftOn: today, endReason: reason })
      .where('id = :id AND left_on IS NULL', { id: membership.id })
      .execute();
    if (!result.affected) throw new ConflictError('This membership has already ended');
  });
  const ended: MembershipEntity = { ...membership, leftOn: today, endReason: reason };
  ctx.loaders.membership.clear(ended.id).prime(ended.id, ended);
  ctx.loaders.membershipsByWorkshop.clear(studio.id);
  ctx.loaders.membershipsByTeacher.clear(ended.teacherId);
  return ended;
}

/**
 * Starts a membership as MEMBER or TRAINEE inside a write of its own or the caller's: the studio's
 * row is locked first, so its status and the count of open places are still true when the row is
 * inserted. The unique index membership_one_open_per_teacher is the last word on duplicates.
 */
export async function joinTeam(
  ctx: WorkshopContext,
  workshopId: string,
  teacherId: string,
  role: 'MEMBER' | 'TRAINEE',
  manager?: EntityManager,
): Promise<MembershipEntity> {
  const join = async (m: EntityManager) => {
    const studio = await lockWorkshop(m, workshopId);
    if (!admitsMembers(studio.status)) {
      throw new ConflictError(
        `The studio is ${studio.status} (${STATUS_LABELS[studio.status]}); it takes no new ${role === 'MEMBER' ? 'members' : 'trainees'}`,
      );
    }
    const memberships = m.getRepository(MembershipEntity);
    const open = await memberships.findBy({ workshopId, leftOn: IsNull() });
    const limit = role === 'MEMBER' ? ctx.settings.maxMembers : ctx.settings.maxTrainees;
    const problem = joiningProblem(open, teacherId, role, limit);
    if (problem) throw new ConflictError(problem);
    return memberships.save(
      memberships.create({
        workshopId,
        teacherId,
        role,
        joinedOn: chinaToday(),
        leftOn: null,
        endReason: null,
      }),
    );
  };
  try {
    return await (manager ? join(manager) : ctx.tx.atomically(join));
  } catch (error) {
    if (isUniqueViolation(error, 'membership_one_open_per_teacher')) {
      throw new ConflictError('This teacher already has an open place in this studio');
    }
    throw error;
  }
}

async function assertManagesTeam(ctx: WorkshopContext, studio: WorkshopEntity): Promise<void> {
  const host = await ctx.loaders.host.load(studio.id);
  if (!canManageStudioWork(ctx.principal, studio, host?.teacherId ?? null)) {
    throw new ForbiddenError(
      "Only the studio's host, or an education office overseeing it, manages its team",
    );
  }
}
