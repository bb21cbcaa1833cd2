import { isUniqueViolation } from '@mingshi/db';
import { ConflictError, ForbiddenError, InputCheck, chinaToday } from '@mingshi/graphql';
import type { PersonnelContext } from '../context';
import { TalentTitleEntity } from '../entities';
import type { AwardTalentTitleInput } from '../generated/resolvers-types';
import { canAwardTitle } from '../rules/permissions';
import { titleLabel, titleLevelProblem } from '../rules/talent-titles';
import { getTeacher } from './teacher.service';

export async function awardTalentTitle(
  ctx: PersonnelContext,
  input: AwardTalentTitleInput,
): Promise<TalentTitleEntity> {
  const check = new InputCheck('input');
  check.expect('level', titleLevelProblem(input.kind, input.level));
  // An award records what happened: this year at the latest.
  const year = check.year(input.year, 'year', Number(chinaToday().slice(0, 4)));
  check.done();

  const teacher = await getTeacher(ctx, input.teacherId, 'input.teacherId');
  if (!canAwardTitle(ctx.principal, input.level, teacher)) {
    throw new ForbiddenError(
      `Your office may not award ${titleLabel(input.kind, input.level)} to this teacher`,
    );
  }
  try {
    const title = await ctx.tx.atomically((manager) =>
      manager.getRepository(TalentTitleEntity).save(
        manager.getRepository(TalentTitleEntity).create({
          teacherId: teacher.id,
          kind: input.kind,
          level: input.level,
          year,
          awardedByRegionCode: ctx.principal.regionCode,
        }),
      ),
    );
    ctx.loaders.talentTitles.clear(teacher.id);
    return title;
  } catch (error) {
    if (isUniqueViolation(error, 'talent_title_once_per_year')) {
      throw new ConflictError(
        `${titleLabel(input.kind, input.level)} was already awarded to this teacher in ${year}`,
      );
    }
    throw error;
  }
}
