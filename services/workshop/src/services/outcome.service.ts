import { InputCheck } from '@mingshi/graphql';
import type { WorkshopContext } from '../context';
import { OutcomeAuthorEntity, OutcomeEntity } from '../entities';
import type { RecordOutcomeInput } from '../generated/resolvers-types';
import { holdStudioForWork, requireVisibleTeachers, studioForWork } from './studio-work';

/** Authors of one outcome: a paper or book with more names than this is a data-entry slip. */
const MAX_AUTHORS = 50;
/** A paper's or book's title, an award's name. */
const MAX_TITLE = 200;

/**
 * The host records an outcome (成果: paper, award, honour, courseware, book) with its authors,
 * every one a teacher the caller may see. Outcomes record what was achieved, so the date is not in
 * the future.
 */
export async function recordOutcome(ctx: WorkshopContext, input: RecordOutcomeInput): Promise<OutcomeEntity> {
  const check = new InputCheck('input');
  const title = check.text(input.title, 'title', MAX_TITLE);
  const achievedOn = check.pastDate(input.achievedOn, 'achievedOn');
  const authorIds = check.list(input.authorIds, 'authorIds', { min: 1, max: MAX_AUTHORS });
  check.done();

  const workshop = await studioForWork(ctx, input.workshopId, 'input.workshopId');
  await requireVisibleTeachers(ctx, authorIds, 'input.authorIds');

  const outcome = await ctx.tx.atomically(async (manager) => {
    await holdStudioForWork(manager, workshop.id);
    const saved = await manager.getRepository(OutcomeEntity).save(
      manager.getRepository(OutcomeEntity).create({
        workshopId: workshop.id,
        kind: input.kind,
        title,
        level: input.level,
        achievedOn,
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
  return outcome;
}
