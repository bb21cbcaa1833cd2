import type { EntityManager } from 'typeorm';
import { recordEvent, type WorkshopStatusChanged } from '@mingshi/events';
import { covers, isOverseeingOffice } from '@mingshi/auth';
import { ConflictError, ForbiddenError, InputCheck } from '@mingshi/graphql';
import type { WorkshopContext } from '../context';
import { WORKSHOP_SCHEMA } from '../data-source';
import {
  MembershipEntity,
  TraineeApplicationEntity,
  WorkshopEntity,
  WorkshopStatusChangeEntity,
} from '../entities';
import type { ChangeWorkshopStatusInput, MembershipRole } from '../generated/resolvers-types';
import { chinaToday } from '@mingshi/graphql';
import { describeMinimum, qualifiesAsHost } from '../rules/host-eligibility';
import { stepRule } from '../rules/trainee-application-flow';
import {
  closingNote,
  deadlineProblem,
  effectsOf,
  nextCycleStart,
  transitionProblem,
} from '../rules/workshop-lifecycle';
import { getWorkshop, lockWorkshop } from './workshop.service';

/** Why a studio's status changed: an assessment's finding, not the assessment itself. */
const MAX_REASON = 500;

/**
 * Moves a studio along its lifecycle (see rules/workshop-lifecycle.ts) with the move's effects —
 * ending memberships, closing waiting applications, starting the next cycle — and a history entry
 * saying who moved it and why, all in one atomic write.
 */
export async function changeWorkshopStatus(
  ctx: WorkshopContext,
  input: ChangeWorkshopStatusInput,
): Promise<WorkshopEntity> {
  const check = new InputCheck('input');
  const reason = check.text(input.reason, 'reason', MAX_REASON);
  const today = chinaToday();
  check.expect('rectificationDeadline', deadlineProblem(input.to, input.rectificationDeadline, today));
  check.done();

  const studio = await getWorkshop(ctx, input.workshopId, 'input.workshopId');
  if (!isOverseeingOffice(ctx.principal, studio)) {
    throw new ForbiddenError(
      `Only the ${studio.level} office over the studio, or an office above it, may change its status`,
    );
  }
  // Checked before asking personnel about the host, so an illegal move is refused cheaply; checked
  // again under the row lock below, where it counts.
  const illegal = transitionProblem(studio.status, input.to);
  if (illegal) throw new ConflictError(illegal);
  const effects = effectsOf(input.to);
  if (effects.needsQualifiedHost) await assertHostStillQualifies(ctx, studio);

  const updated = await ctx.tx.atomically(async (manager) => {
    const current = await lockWorkshop(manager, studio.id);
    const problem = transitionProblem(current.status, input.to);
    if (problem) throw new ConflictError(problem);
    const saved = await manager.getRepository(WorkshopEntity).save({
      ...current,
      status: input.to,
      // The deadline belongs to the rectification: set entering RECTIFYING, cleared leaving it.
      rectificationDeadline: input.to === 'RECTIFYING' ? input.rectificationDeadline! : null,
      cycleStartYear: effects.startsNextCycle
        ? nextCycleStart(current.cycleStartYear)
        : current.cycleStartYear,
    });
    const note = closingNote(input.to, reason);
    if (effects.endsMemberships.length > 0) {
      await endOpenMemberships(manager, studio.id, effects.endsMemberships, today, note);
    }
    if (effects.closesLiveApplications) {
      await closeLiveApplications(manager, studio.id, note, ctx.principal.userId);
    }
    await manager.getRepository(WorkshopStatusChangeEntity).insert({
      workshopId: studio.id,
      fromStatus: current.status,
      toStatus: input.to,
      reason,
      changedBy: ctx.principal.userId,
    });
    await recordEvent<WorkshopStatusChanged>(manager, WORKSHOP_SCHEMA, current.regionCode, {
      type: 'workshop.status-changed',
      workshopId: studio.id,
      from: current.status,
      to: input.to,
      reason,
      changedBy: ctx.principal.userId,
    });
    return saved;
  });

  ctx.loaders.workshop.clear(studio.id).prime(studio.id, updated);
  ctx.loaders.workshopsByHostSchool.clear(studio.hostSchoolId);
  ctx.loaders.statusHistory.clear(studio.id);
  if (effects.endsMemberships.length > 0) {
    ctx.loaders.host.clear(studio.id);
    ctx.loaders.membershipsByWorkshop.clear(studio.id);
    ctx.loaders.membershipsByTeacher.clearAll();
    ctx.loaders.membership.clearAll();
    ctx.loaders.metrics.clearAll();
  }
  if (effects.closesLiveApplications) ctx.loaders.applicationsByWorkshop.clear(studio.id);
  return updated;
}

/**
 * A new cycle is a new appointment: the host must still teach in the studio's jurisdiction and
 * hold the title a host needs at the studio's level (titles lapse; the minimum may have been
 * raised since founding).
 */
async function assertHostStillQualifies(ctx: WorkshopContext, studio: WorkshopEntity): Promise<void> {
  const host = await ctx.loaders.host.load(studio.id);
  if (!host) throw new ConflictError('The studio has no host; a new cycle needs one');
  const teacher = await ctx.loaders.personnelTeacher.load(host.teacherId);
  if (!teacher || !covers(studio.regionCode, teacher.regionCode)) {
    throw new ConflictError(
      "The host no longer teaches in the studio's jurisdiction; the studio cannot start a new cycle under them",
    );
  }
  const minimum = ctx.settings.hostMinimumTitles[studio.level];
  if (!qualifiesAsHost(teacher.talentTitles, minimum)) {
    throw new ConflictError(
      `The host no longer holds ${describeMinimum(minimum)} or a higher talent title, which a new cycle needs`,
    );
  }
}

async function endOpenMemberships(
  manager: EntityManager,
  workshopId: string,
  roles: readonly MembershipRole[],
  today: string,
  reason: string,
): Promise<void> {
  await manager
    .createQueryBuilder()
    .update(MembershipEntity)
    .set({ leftOn: today, endReason: reason })
    .where('workshop_id = :workshopId AND left_on IS NULL AND role IN (:...roles)', {
      workshopId,
      roles: [...roles],
    })
    .execute();
}

/** Applications still waiting when the studio closes end as the office's rejection. */
async function closeLiveApplications(
  manager: EntityManager,
  workshopId: string,
  note: string,
  userId: string,
): Promise<void> {
  const close = stepRule('CLOSE');
  await manager
    .createQueryBuilder()
    .update(TraineeApplicationEntity)
    .set({ status: close.to, officeComment: note, decidedAt: () => 'now()', decidedBy: userId })
    .where('workshop_id = :workshopId AND status IN (:...live)', { workshopId, live: [...close.from] })
    .execute();
}
