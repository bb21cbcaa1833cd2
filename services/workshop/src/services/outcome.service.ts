import { BadUserInputError, isIsoDate, requireNonEmptyUnique, requireText } from '@mingshi/graphql';
import type { WorkshopContext } from '../context';
import { OutcomeAuthorEntity, OutcomeEntity } from '../entities';
import type { RecordOutcomeInput } from '../generated/resolvers-types';
import { chinaToday } from '@mingshi/graphql';
import { holdStudioForWork, requireVisibleTeachers, studioForWork } from './studio-work';

/** Authors of one outcome: a paper or book with more names than this is a data-entry slip. */
const MAX_AUTHORS = 50;

/**
 * The host records an outcome (成果: paper, award, honour, courseware, book) with its authors,
 * every one a teacher the caller may see. Outcomes record what was achieved, so the date is not in
 * the future.
 */
export async function recordOutcome(ctx: WorkshopContext, input: RecordOutcomeInput): Promise<OutcomeEntity> {
  const workshop = await studioForWork(ctx, input.workshopId);
  const title = requireText(input.title, 'title', 200);
  if (!isIsoDate(input.achievedOn)) throw new BadUserInputError('achievedOn must be a date', 'achievedOn');
  if (input.achievedOn > chinaToday()) {
    throw new BadUserInputError('achievedOn must not be in the future', 'achievedOn');
  }
  const authorIds = requireNonEmptyUnique(input.authorIds, 'authorIds');
  if (authorIds.length > MAX_AUTHORS) {
    throw new BadUserInputError(`authorIds lists at most ${MAX_AUTHORS} teachers`, 'authorIds');
  }
  await requireVisibleTeachers(ctx, authorIds, 'authorIds');

  const outcome = await ctx.tx.atomically(async (manager) => {
    await holdStudioForWork(manager, workshop.id);
    const saved = await manager.getRepository(OutcomeEntity).save(
      manager.getRepository(OutcomeEntity).create({
        workshopId: workshop.id,
        kind: input.kind,
        title,
        level: input.level,
        achievedOn: input.achievedOn,
      }),
    );
    // One multi-row INSERT for every author.
    await manager
      .createQueryBuilder()
      .insert()
      .into(OutcomeAuthorEntity)
      .values(authorIds.map((teacherId) => ({ outcomeId: saved.id, workshopId: workshop.id, teacherId })))
      .execute();
    return saved;
  });
  ctx.loaders.outcomes.clear(workshop.id);
  ctx.loaders.metrics.clearAll();
  return outcome;
}
