import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { RegionRange } from '@mingshi/auth';
import type { Keyset } from '@mingshi/db';
import { likePattern } from '@mingshi/graphql';
import { TeacherNameGramEntity } from '../entities';
import type { TeacherCriteria } from './teacher-filter';

/**
 * Name searches read the name index (`personnel.teacher_name_gram`, migration 1733013000000): one
 * row per teacher and distinct substring of one or two characters of the name, in (gram, name,
 * teacher_id) order, with the teacher's county, subject, stage and rank, kept with the teacher by
 * the database. Row-level security lets the planner use it ahead of the policy, because a search
 * is an equality on `gram` (texteq is leakproof, LIKE is not).
 */

/** The alias of the name-index row a search joins to each teacher. */
const GRAM = 'tf_gram';

/** The criteria of a list that searches by name. */
export type NameSearch = TeacherCriteria & { nameContains: string };

/**
 * Whether a list reads its teachers through the name index: when it searches by name over more
 * than one county, and not within one school. A county's teachers (a few thousand) and a school's
 * (dozens) are one range of the teacher table's own indexes, which LIKE filters in a millisecond,
 * faster than the index's rows of a text in the whole province are read; over a city or a
 * province the text's rows are far fewer than the teachers.
 */
export function readsNameIndex(criteria: TeacherCriteria, range: RegionRange): criteria is NameSearch {
  return criteria.nameContains !== null && criteria.schoolId === null && range.lo !== range.hi;
}

/** Criteria the index rows carry besides the name: a count of only these needs no teacher row. */
const CARRIED: ReadonlySet<keyof TeacherCriteria> = new Set(['nameContains', 'subject', 'stage', 'rank']);

/**
 * The index rows of the teachers a search matches within `range`. A text of one or two characters
 * is a gram itself: its rows are exactly the names containing it. A longer text is looked up by
 * its first two characters, which every name containing it has, and LIKE on the row's name
 * decides. LIKE only where it decides: the planner would take it for a condition independent of
 * the gram's and think a search for 王 finds a few dozen teachers instead of 28,000. Characters
 * are code points in both JavaScript's spread and PostgreSQL's substr.
 */
function gramConditions(alias: string, criteria: NameSearch, range: RegionRange) {
  const characters = [...criteria.nameContains];
  const conditions = [`${alias}.gram = :tf_gram`, `${alias}.region_code BETWEEN :tf_gram_lo AND :tf_gram_hi`];
  if (characters.length > 2) conditions.push(`${alias}.name LIKE :tf_gram_name`);
  if (criteria.subject) conditions.push(`${alias}.subject = :tf_gram_subject`);
  if (criteria.stage) conditions.push(`${alias}.stage = :tf_gram_stage`);
  if (criteria.rank) conditions.push(`${alias}.rank = :tf_gram_rank`);
  return {
    sql: conditions.join(' AND '),
    params: {
      tf_gram: characters.slice(0, 2).join(''),
      tf_gram_name: likePattern(criteria.nameContains),
      tf_gram_lo: range.lo,
      tf_gram_hi: range.hi,
      tf_gram_subject: criteria.subject,
      tf_gram_stage: criteria.stage,
      tf_gram_rank: criteria.rank,
    },
  };
}

/**
 * Joins each teacher of a name search to its one index row for the searched text (one gram per
 * teacher, so no teacher repeats), which stands for the name, subject, stage and rank criteria.
 */
export function joinNameIndex<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  teacherAlias: string,
  criteria: NameSearch,
  range: RegionRange,
): SelectQueryBuilder<T> {
  const { sql, params } = gramConditions(GRAM, criteria, range);
  return query.innerJoin(
    TeacherNameGramEntity,
    GRAM,
    `${GRAM}.teacher_id = ${teacherAlias}.id AND ${sql}`,
    params,
  );
}

/**
 * How a name search's page and count read the index. A list in name order walks the index in
 * that order — the same values as the teacher's name and id, so its cursors are the list's —
 * instead of collecting every match to sort it: the first page of 王 in a province reads 21
 * rows, not 28,000. And when every criterion is one the index carries, the count is the index
 * rows', without reading a teacher.
 */
export function nameSearchReading<T>(
  manager: EntityManager,
  teacherAlias: string,
  criteria: NameSearch,
  range: RegionRange,
  keyset: Keyset<T>,
): { keyset: Keyset<T>; count: (() => Promise<number>) | null } {
  const byName = [`${teacherAlias}.name`, `${teacherAlias}.id`];
  const inNameOrder =
    keyset.columns.length === byName.length && keyset.columns.every((column, i) => column === byName[i]);
  // `year` narrows nothing by itself: it is the year meetsHoursRequirement reads.
  const countable = (Object.keys(criteria) as (keyof TeacherCriteria)[]).every(
    (key) => CARRIED.has(key) || key === 'year' || criteria[key] === null,
  );
  return {
    keyset: inNameOrder ? { ...keyset, columns: [`${GRAM}.name`, `${GRAM}.teacher_id`] } : keyset,
    count: countable ? () => countNameIndex(manager, criteria, range) : null,
  };
}

async function countNameIndex(
  manager: EntityManager,
  criteria: NameSearch,
  range: RegionRange,
): Promise<number> {
  const { sql, params } = gramConditions(GRAM, criteria, range);
  const row = await manager
    .getRepository(TeacherNameGramEntity)
    .createQueryBuilder(GRAM)
    .select('count(*)::int', 'n')
    .where(sql, params)
    .getRawOne<{ n: number }>();
  return row?.n ?? 0;
}
