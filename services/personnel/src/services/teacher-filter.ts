import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { RegionRange } from '@mingshi/auth';
import { InputCheck, chinaToday, isUuid, likePattern } from '@mingshi/graphql';
import { TrainingYearEntity } from '../entities';
import type {
  ProfessionalRank,
  Stage,
  Subject,
  TalentTitleKind,
  TeacherFilter,
  TitleLevel,
} from '../generated/resolvers-types';
import { meetsRequirementSql } from '../rules/training';
import { joinNameIndex, readsNameIndex } from './teacher-name-search';

/**
 * A TeacherFilter read and checked, everything but its region (which each caller turns into a
 * range its own way: refused at the top level, empty or null when nested).
 */
export interface TeacherCriteria {
  schoolId: string | null;
  subject: Subject | null;
  stage: Stage | null;
  rank: ProfessionalRank | null;
  talentTitle: TalentTitleKind | null;
  talentTitleLevel: TitleLevel | null;
  nameContains: string | null;
  meetsHoursRequirement: boolean | null;
  /** The year `meetsHoursRequirement` (and an order by hours) reads. */
  year: number;
  bornFrom: string | null;
  bornTo: string | null;
}

/** The calendar year in China now: what `year` arguments default to. */
function currentYear(): number {
  return Number(chinaToday().slice(0, 4));
}

/**
 * Reads a filter, refusing in one BAD_USER_INPUT everything wrong with it (fields named
 * `filter.year` …). `defaultYear` is the year read when `filter.year` is not given.
 */
export function readTeacherFilter(
  filter: TeacherFilter | null | undefined,
  defaultYear: number = currentYear(),
): TeacherCriteria {
  const check = new InputCheck('filter');
  if (filter?.talentTitleLevel && !filter.talentTitle) {
    check.refuse('talentTitleLevel', 'needs filter.talentTitle');
  }
  const year = filter?.year != null ? check.year(filter.year, 'year') : defaultYear;
  const bornFrom = filter?.bornFrom ?? null;
  const bornTo = filter?.bornTo ?? null;
  if (bornFrom && bornTo && bornTo < bornFrom) check.refuse('bornTo', 'is before filter.bornFrom');
  check.done();
  return {
    schoolId: filter?.schoolId ?? null,
    subject: filter?.subject ?? null,
    stage: filter?.stage ?? null,
    rank: filter?.rank ?? null,
    talentTitle: filter?.talentTitle ?? null,
    talentTitleLevel: filter?.talentTitleLevel ?? null,
    nameContains: filter?.nameContains || null,
    meetsHoursRequirement: filter?.meetsHoursRequirement ?? null,
    year,
    bornFrom,
    bornTo,
  };
}

/**
 * A teacher's continuing-education hours in the criteria's year, 0 without records, once
 * `applyTeacherCriteria` has joined the roll-up for them (it does when asked, or to filter by them).
 */
export const YEAR_HOURS = 'COALESCE(teacher_year.hours, 0)';

/**
 * Adds the criteria to a query over `personnel.teacher` aliased `alias`: the one SQL predicate the
 * teacher lists and the teacher aggregates share, so a count and the list it counts always agree.
 * A name search over more than a county reads the name index instead of LIKE on every teacher
 * (teacher-name-search.ts). Parameters are named `tf_…`.
 */
export function applyTeacherCriteria<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  criteria: TeacherCriteria,
  requiredHours: number,
  /** The region range the query reads (a name search reads the name index within it). */
  range: RegionRange,
  /** Whether the caller orders or counts by YEAR_HOURS too. */
  options: { readsHours?: boolean } = {},
): SelectQueryBuilder<T> {
  const t = alias;
  if (options.readsHours || criteria.meetsHoursRequirement !== null) {
    // One row per teacher and year, so the join never repeats a teacher.
    query.leftJoin(
      TrainingYearEntity,
      'teacher_year',
      `teacher_year.teacher_id = ${t}.id AND teacher_year.year = :tf_year`,
      { tf_year: criteria.year },
    );
  }
  if (criteria.schoolId) {
    // An id that is not a UUID names no school; asking PostgreSQL would only raise a cast error.
    if (!isUuid(criteria.schoolId)) return query.andWhere('false');
    query.andWhere(`${t}.school_id = :tf_school`, { tf_school: criteria.schoolId });
  }
  if (readsNameIndex(criteria, range)) {
    // The name index answers the name, subject, stage and rank together: asked once, there, so
    // that the planner does not count their selectivity twice and misjudge a search's size.
    joinNameIndex(query, t, criteria, range);
  } else {
    if (criteria.subject) query.andWhere(`${t}.subject = :tf_subject`, { tf_subject: criteria.subject });
    if (criteria.stage) query.andWhere(`${t}.stage = :tf_stage`, { tf_stage: criteria.stage });
    if (criteria.rank) query.andWhere(`${t}.rank = :tf_rank`, { tf_rank: criteria.rank });
    if (criteria.nameContains) {
      query.andWhere(`${t}.name LIKE :tf_name`, { tf_name: likePattern(criteria.nameContains) });
    }
  }
  if (criteria.bornFrom)
    query.andWhere(`${t}.birth_date >= :tf_born_from`, { tf_born_from: criteria.bornFrom });
  if (criteria.bornTo) query.andWhere(`${t}.birth_date <= :tf_born_to`, { tf_born_to: criteria.bornTo });
  if (criteria.talentTitle) {
    query.andWhere(
      `EXISTS (SELECT 1 FROM personnel.talent_title tt WHERE tt.teacher_id = ${t}.id AND tt.kind = :tf_kind
        ${criteria.talentTitleLevel ? 'AND tt.level = :tf_level' : ''})`,
      { tf_kind: criteria.talentTitle, tf_level: criteria.talentTitleLevel },
    );
  }
  if (criteria.meetsHoursRequirement !== null) {
    const meets = meetsRequirementSql(YEAR_HOURS, 'CAST(:tf_required AS numeric)');
    query.andWhere(criteria.meetsHoursRequirement ? meets : `NOT ${meets}`, { tf_required: requiredHours });
  }
  return query;
}
