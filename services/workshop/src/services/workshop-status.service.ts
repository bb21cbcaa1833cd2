import { isOverseeingOffice } from '@mingshi/auth';
import { ForbiddenError, InputCheck } from '@mingshi/graphql';
import type { WorkshopContext } from '../context';
import type { WorkshopEntity } from '../entities';
import type { ChangeWorkshopStatusInput } from '../generated/resolvers-types';
import { getWorkshop } from './workshop.service';
import { checkMoveFacts, moveWorkshopStatus } from './workshop-status-move';

/**
 * An office moves a studio along its lifecycle (see workshop-status-move.ts for the move itself):
 * the input is checked first, then whether the caller oversees the studio; the move and its
 * effects are one atomic write, after which the request's loaders forget what it changed.
 */
export async function changeWorkshopStatus(
  ctx: WorkshopContext,
  input: ChangeWorkshopStatusInput,
): Promise<WorkshopEntity> {
  const check = new InputCheck('input');
  const reason = checkMoveFacts(check, input);
  check.done();

  const studio = await getWorkshop(ctx, input.workshopId, 'input.workshopId');
  if (!isOverseeingOffice(ctx.principal, studio)) {
    throw new ForbiddenError(
      `Only the ${studio.level} office over the studio, or an office above it, may change its status`,
    );
  }
  const { studio: updated, effects } = await ctx.tx.atomically((manager) =>
    moveWorkshopStatus(
      manager,
      {
        workshopId: studio.id,
        to: input.to,
        reason,
        rectificationDeadline: input.rectificationDeadline ?? null,
        changedBy: ctx.principal.userId,
      },
      // Personnel shows the host as the caller may see them: a host moved out of the caller's
      // jurisdiction no longer qualifies.
      {
        teacher: (id) => ctx.loaders.personnelTeacher.load(id),
        minimumTitles: ctx.settings.hostMinimumTitles,
      },
    ),
  );

  ctx.loaders.workshop.clear(studio.id).prime(studio.id, updated);
  ctx.loaders.workshopsByHostSchool.clear(studio.hostSchoolId);
  ctx.loaders.statusHistory.clear(studio.id);
  if (effects.endsMemberships.length > 0) {
    ctx.loaders.host.clear(studio.id);
    ctx.loaders.membershipsByWorkshop.clear(studio.id);
    ctx.loaders.membershipsByTeacher.clearAll();
    ctx.loaders.membership.clearAll();
  }
  if (effects.closesLiveApplications) ctx.loaders.applicationsByWorkshop.clear(studio.id);
  return updated;
}
