import { isUniqueViolation } from '@mingshi/db';
import { BadUserInputError, ConflictError, ForbiddenError, requireYear } from '@mingshi/graphql';
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
  const teacher = await getTeacher(ctx, input.teacherId);
  const problem = titleLevelProblem(input.kind, input.level);
  if (problem) throw new BadUserInputError(problem, 'level');
  const year = requireYear(input.year, 'year');
  if (year > new Date().getUTCFullYear())
    throw new BadUserInputError('year must not be in the future', 'year');
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
