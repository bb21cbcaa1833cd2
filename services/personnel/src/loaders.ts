import DataLoader from 'dataloader';
import { In, type FindOptionsWhere, type Repository } from 'typeorm';
import {
  alignToKeys,
  groupToKeys,
  measuredLoaders,
  rangedStatsLoader,
  type RequestTransaction,
} from '@mingshi/db';
import { isUuid } from '@mingshi/graphql';
import {
  RegionEntity,
  SchoolEntity,
  TalentTitleEntity,
  TeacherEntity,
  TrainingRecordEntity,
} from './entities';
import { writePersonalDataReads, type PersonalDataReader } from './services/personal-data.service';
import type { TeacherStatsQuestion } from './services/teacher-stats-sql';
import { loadTeacherStats } from './services/teacher-stats.service';

/**
 * One set of loaders per request: every entity reference and list child is fetched in one query
 * per kind, however many rows of the page ask for it. Rows outside the caller's scope are never
 * returned (row-level security on the request transaction), and come back as null.
 */
export function createLoaders(
  tx: RequestTransaction,
  reader: PersonalDataReader,
  /** False for principals that may read no teacher records (the finance system). */
  mayReadTeachers: boolean,
) {
  const repo = async <T extends object>(entity: new () => T) => (await tx.manager()).getRepository(entity);

  return measuredLoaders({
    region: new DataLoader<string, RegionEntity | null>(async (codes) =>
      alignToKeys(codes, await (await repo(RegionEntity)).findBy({ code: In([...codes]) }), (r) => r.code),
    ),
    regionChildren: new DataLoader<string, RegionEntity[]>(async (codes) =>
      groupToKeys(
        codes,
        await (
          await repo(RegionEntity)
        ).find({ where: { parentCode: In([...codes]) }, order: { code: 'ASC' } }),
        (r) => r.parentCode!,
      ),
    ),
    school: new DataLoader<string, SchoolEntity | null>(async (ids) =>
      alignToKeys(ids, await findByIds(await repo(SchoolEntity), ids), (s) => s.id),
    ),
    /**
     * Every path to a teacher — lookups, references from other subgraphs, children — loads here, so
     * a principal that may read no teachers gets null by all of them.
     */
    teacher: new DataLoader<string, TeacherEntity | null>(async (ids) =>
      mayReadTeachers
        ? alignToKeys(ids, await findByIds(await repo(TeacherEntity), ids), (t) => t.id)
        : ids.map(() => null),
    ),
    talentTitles: new DataLoader<string, TalentTitleEntity[]>(async (teacherIds) =>
      groupToKeys(
        teacherIds,
        await (
          await repo(TalentTitleEntity)
        ).find({
          where: { teacherId: In([...teacherIds]) },
          order: { year: 'DESC', kind: 'ASC' },
        }),
        (t) => t.teacherId,
      ),
    ),
    /** Keyed by `${teacherId}:${year}`: a page of teachers asking for one year is one query. */
    trainingRecords: new DataLoader<string, TrainingRecordEntity[]>(async (keys) => {
      const pairs = keys.map((key) => key.split(':') as [string, string]);
      const rows = await (
        await tx.manager()
      )
        .getRepository(TrainingRecordEntity)
        .createQueryBuilder('r')
        .where('(r.teacher_id, r.year) IN (SELECT * FROM unnest(:ids::uuid[], :years::smallint[]))', {
          ids: pairs.map(([id]) => id),
          years: pairs.map(([, year]) => Number(year)),
        })
        .orderBy('r.recorded_at', 'DESC')
        .getMany();
      return groupToKeys(keys, rows, (r) => `${r.teacherId}:${r.year}`);
    }),
    /**
     * Teacher figures per (region range, question): `regions(parentCode:) { teacherStats }` asks
     * once per region, and every region asking the same question is answered by one statement.
     */
    teacherStats: rangedStatsLoader((ranges, question: TeacherStatsQuestion) =>
      loadTeacherStats(tx, ranges, question),
    ),
    /**
     * Audit writes batched like reads: a page of 100 unmasked teachers is one INSERT, not 200.
     * Keyed by `${teacherId}:${field}` so a field read twice in a request is logged once.
     */
    personalDataRead: new DataLoader<string, true>(async (keys) => {
      await writePersonalDataReads(
        await tx.manager(),
        reader,
        keys.map((key) => {
          const [teacherId, field] = key.split(':') as [string, string];
          return { teacherId, field };
        }),
      );
      return keys.map(() => true as const);
    }),
  });
}

/** Ids that are not UUIDs cannot name a row; asking PostgreSQL would only raise a cast error. */
async function findByIds<T extends { id: string }>(
  repository: Repository<T>,
  ids: readonly string[],
): Promise<T[]> {
  const valid = ids.filter(isUuid);
  return valid.length ? repository.findBy({ id: In(valid) } as FindOptionsWhere<T>) : [];
}

export type PersonnelLoaders = ReturnType<typeof createLoaders>;
