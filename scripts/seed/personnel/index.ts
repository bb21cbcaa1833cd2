import type { DerivedRows } from '../bulk-load';
import type { SeedContext } from '../context';
import { flatten, json, rowsOf, type RowGuard, type TableLoad } from '../copy';
import { planSchools, type SchoolPlan } from './schools';
import { planTalentTitles, type TalentTitlePlan } from './talent-titles';
import { planTeachers, type TeacherPlan } from './teachers';
import { planTrainingRecords, type TrainingRecordPlan } from './training-records';

export type { SchoolPlan, TalentTitlePlan, TeacherPlan, TrainingRecordPlan };

/** What later families build on: studios pick hosts, by their titles, and teams from these teachers. */
export interface PersonnelSeed {
  schools: SchoolPlan[];
  teachers: TeacherPlan[];
  titles: TalentTitlePlan[];
}

/** Children are inserted only under a teacher that exists: see TableLoad.where. */
const TEACHER_EXISTS: RowGuard = {
  condition: 'EXISTS (SELECT 1 FROM personnel.teacher t WHERE t.id = staged.teacher_id)',
  reads: ['personnel.teacher'],
};

/**
 * Each teacher's hours per year, kept by the statement trigger `training_record_inserted`: into an
 * empty table the seed fills them in one grouped insert instead, the trigger's own statement over
 * every record at once.
 */
const TRAINING_YEARS: DerivedRows = {
  triggers: ['training_record_inserted'],
  tables: ['personnel.training_year'],
  fill: `INSERT INTO personnel.training_year (teacher_id, year, region_code, hours, records)
         SELECT r.teacher_id, r.year, t.region_code, sum(r.hours), count(*)
           FROM personnel.training_record r JOIN personnel.teacher t ON t.id = r.teacher_id
          GROUP BY r.teacher_id, r.year, t.region_code`,
};

/**
 * The name index (`teacher_name_gram`), kept by the statement trigger `teacher_names_indexed`:
 * into an empty table the seed recounts it once, the migration's own function.
 */
const NAME_GRAMS: DerivedRows = {
  triggers: ['teacher_names_indexed'],
  tables: ['personnel.teacher_name_gram'],
  fill: 'SELECT personnel.rebuild_teacher_name_grams()',
};

/** The personnel family: schools, teachers, talent titles and training records. */
export async function seedPersonnel(ctx: SeedContext): Promise<PersonnelSeed> {
  const schools = ctx.counties.flatMap((county) =>
    planSchools(county, ctx.scale.schoolsPerCounty, ctx.scale.teachersPerSchool),
  );
  const teachers = schools.flatMap((school) => planTeachers(school, ctx.calendar));
  const titles = teachers.flatMap(planTalentTitles);

  await ctx.load({
    table: 'personnel.school',
    columns: ['id', 'name', 'region_code', 'stages', 'rural', 'weak'],
    rows: schools.map((s) => [s.id, s.name, s.county.code, s.stages, s.rural, s.weak]),
  });
  await ctx.load({
    table: 'personnel.teacher',
    columns: [
      'id',
      'name',
      'gender',
      'birth_date',
      'school_id',
      'region_code',
      'subject',
      'stage',
      'rank',
      'national_id',
      'phone',
      'rural_service',
    ],
    rows: rowsOf(teachers, (t) => [
      t.id,
      t.name,
      t.gender,
      t.birthDate,
      t.school.id,
      t.school.county.code,
      t.subject,
      t.stage,
      t.rank,
      t.nationalId,
      t.phone,
      json(t.ruralService),
    ]),
    derived: NAME_GRAMS,
  });
  await ctx.load(talentTitleLoad(titles));
  // Two million records: planned as they are copied, never all in memory.
  await ctx.load(trainingRecordLoad(flatten(teachers, planTrainingRecords)));
  return { schools, teachers, titles };
}

/** Talent titles: personnel's own, and those the workshop family awards to studio hosts. */
export function talentTitleLoad(titles: readonly TalentTitlePlan[]): TableLoad {
  return {
    table: 'personnel.talent_title',
    columns: ['id', 'teacher_id', 'kind', 'level', 'year', 'awarded_by_region_code'],
    rows: titles.map((t) => [t.id, t.teacherId, t.kind, t.level, t.year, t.awardedByRegionCode]),
    where: TEACHER_EXISTS,
  };
}

/** Training records: personnel's own, and the hours credited with studio completion certificates. */
export function trainingRecordLoad(records: Iterable<TrainingRecordPlan>): TableLoad {
  return {
    table: 'personnel.training_record',
    columns: [
      'id',
      'teacher_id',
      'year',
      'hours',
      'source',
      'description',
      'source_ref',
      'recorded_by',
      'recorded_at',
    ],
    rows: rowsOf(records, (r) => [
      r.id,
      r.teacherId,
      r.year,
      r.hours,
      r.source,
      r.description,
      r.sourceRef,
      r.recordedBy,
      r.recordedAt,
    ]),
    where: TEACHER_EXISTS,
    derived: TRAINING_YEARS,
  };
}
