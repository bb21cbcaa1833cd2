import type { TalentTitleKind, TitleLevel } from '../generated/resolvers-types';

/** Titles only a province awards; the 三级五类 tiers exist at city, county and school level. */
const PROVINCE_ONLY: readonly TalentTitleKind[] = ['SPECIAL_GRADE_TEACHER', 'PROVINCIAL_TEACHING_MASTER'];
const TIER_LEVELS: readonly TitleLevel[] = ['CITY', 'COUNTY', 'SCHOOL'];

const KIND_LABELS: Record<TalentTitleKind, string> = {
  SPECIAL_GRADE_TEACHER: '特级教师',
  PROVINCIAL_TEACHING_MASTER: '省级教学名师',
  TEACHING_MASTER: '教学名师',
  SUBJECT_LEADER: '学科带头人',
  BACKBONE_TEACHER: '骨干教师',
  TEACHING_NOVICE: '教学新秀',
  NEW_TEACHER: '新任教师',
};

const LEVEL_LABELS: Record<TitleLevel, string> = {
  PROVINCE: '省级',
  CITY: '市级',
  COUNTY: '县级',
  SCHOOL: '校级',
};

/**
 * Whether a kind of title exists at a level; returns the reason when it does not, continuing the
 * level field's name.
 */
export function titleLevelProblem(kind: TalentTitleKind, level: TitleLevel): string | null {
  if (PROVINCE_ONLY.includes(kind)) {
    return level === 'PROVINCE'
      ? null
      : `must be PROVINCE: ${KIND_LABELS[kind]} is awarded at PROVINCE level only`;
  }
  return TIER_LEVELS.includes(level)
    ? null
    : `must be CITY, COUNTY or SCHOOL: ${KIND_LABELS[kind]} is awarded at those levels`;
}

/** The label users know the title by: 县级骨干教师, 特级教师 … */
export function titleLabel(kind: TalentTitleKind, level: TitleLevel): string {
  return PROVINCE_ONLY.includes(kind) ? KIND_LABELS[kind] : `${LEVEL_LABELS[level]}${KIND_LABELS[kind]}`;
}
