import { ForbiddenError, InputCheck } from '@mingshi/graphql';
import type { PersonnelContext } from '../context';
import { TrainingRecordEntity, type TeacherEntity } from '../entities';
import type { RecordTrainingHoursInput } from '../generated/resolvers-types';
import { canRecordTraining } from '../rules/permissions';
import { hoursProblem, meetsRequirement, sumHours } from '../rules/training';
import { getTeacher } from './teacher.service';

/** What the training was: a course's or programme's name and provider, not a report. */
const MAX_DESCRIPTION = 200;

/** A teacher's continuing-education year, as the TrainingYear type shows it. */
export interface TrainingYearSummary {
  year: number;
  hours: number;
  requiredHours: number;
  meetsRequirement: boolean;
  records: TrainingRecordEntity[];
}

export async function trainingYear(
  ctx: PersonnelContext,
  teacher: TeacherEntity,
  year: number,
): Promise<TrainingYearSummary> {
  const check = new InputCheck();
  check.year(year, 'year');
  check.done();
  const records = await ctx.loaders.trainingRecords.load(`${teacher.id}:${year}`);
  const hours = sumHours(records.map((r) => r.hours));
  const required = ctx.settings.requiredTrainingHours;
  return {
    year,
    hours,
    requiredHours: required,
    meetsRequirement: meetsRequirement(hours, required),
    records,
  };
}

/** Credits hours to a teacher, entered by an office or the teacher's school administrator. */
export async function recordTrainingHours(
  ctx: PersonnelContext,
  input: RecordTrainingHoursInput,
): Promise<TrainingRecordEntity> {
  const check = new InputCheck('input');
  const year = check.year(input.year, 'year');
  check.expect('hours', hoursProblem(input.hours));
  const description = check.text(input.description, 'description', MAX_DESCRIPTION);
  check.done();

  const teacher = await getTeacher(ctx, input.teacherId, 'input.teacherId');
  if (!canRecordTraining(ctx.principal, teacher)) {
    throw new ForbiddenError(
      "Only an education office covering the teacher, or the teacher's school administrator, may record training hours",
    );
  }
  const record = await ctx.tx.atomically((manager) =>
    manager.getRepository(TrainingRecordEntity).save(
      manager.getRepository(TrainingRecordEntity).create({
        teacherId: teacher.id,
        year,
        hours: input.hours,
        source: input.source,
        description,
        sourceRef: null,
        recordedBy: ctx.principal.userId,
      }),
    ),
  );
  ctx.loaders.trainingRecords.clear(`${teacher.id}:${year}`);
  return record;
}
