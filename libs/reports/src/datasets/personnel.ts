import type { RegionEntry, SchoolEntry, TeacherEntry } from './directories';

/**
 * The personnel section's datasets. Teachers are counted as they are registered now (the record
 * keeps no history of moves between schools); talent titles and training hours by the report's year.
 */

/** 职称, as the teacher record holds it. */
export type ProfessionalRank =
  'SENIOR_PROFESSOR' | 'SENIOR' | 'FIRST_GRADE' | 'SECOND_GRADE' | 'THIRD_GRADE' | 'UNRANKED';

/** Ranks from the highest down, the order a bureau's tables list them in. */
export const PROFESSIONAL_RANKS: readonly ProfessionalRank[] = [
  'SENIOR_PROFESSOR',
  'SENIOR',
  'FIRST_GRADE',
  'SECOND_GRADE',
  'THIRD_GRADE',
  'UNRANKED',
];

/** Teachers and their continuing education (继续教育) over a region in the report's year. */
export interface PersonnelFigures {
  schools: number;
  teachers: number;
  /** Teachers by rank; every rank is present, zero when no teacher holds it. */
  ranks: Record<ProfessionalRank, number>;
  /** Teachers holding a talent title (人才称号) awarded in the year or before. */
  talentTitleHolders: number;
  /** Training records credited to the year (培训人次). */
  trainingRecords: number;
  /** Hours credited to the year, to one decimal. */
  trainingHours: number;
  /** Teachers whose hours in the year reach the requirement. */
  teachersMeeting: number;
  /** Teachers below it, those with no hours at all included. */
  teachersBelow: number;
  /** The yearly requirement the figures were computed with (72 unless configured). */
  requiredHours: number;
}

/** personnel `counties` (ANNUAL_SUMMARY, TRAINING_HOURS): one per county of the range, zeros included. */
export interface CountyFigures extends PersonnelFigures {
  regionCode: string;
}

/** personnel `schoolHours` (TRAINING_HOURS): one per school of the range, by county and name. */
export interface SchoolHoursRow {
  schoolId: string;
  schoolName: string;
  /** The school's county. */
  regionCode: string;
  teachers: number;
  teachersBelow: number;
  /** teachersBelow / teachers; null for a school with no teachers. */
  belowShare: number | null;
  trainingHours: number;
}

/**
 * personnel `teachersBelow` (TRAINING_HOURS): every teacher of the range below the requirement in
 * the year, by county, school and name. Streamed: a province has tens of thousands.
 */
export interface TeacherBelowRow {
  teacherId: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  schoolId: string;
  schoolName: string;
  regionCode: string;
  subject: string;
  hours: number;
  /** Hours still missing to the requirement. */
  shortfall: number;
  /** Masked (5104**********1234) when the report is masked; each unmasked one is audited. */
  nationalId: string;
}

export interface PersonnelDatasets {
  regions: RegionEntry;
  counties: CountyFigures;
  /** One row: the figures over the whole range (ANNUAL_SUMMARY, TRAINING_HOURS). */
  totals: PersonnelFigures;
  schoolHours: SchoolHoursRow;
  teachersBelow: TeacherBelowRow;
  /** STUDIO_ROSTER */
  teachers: TeacherEntry;
  /** STUDIO_ROSTER */
  schools: SchoolEntry;
}

/** How a bureau writes the values of these rows. */
export const GENDER_WORDS: Readonly<Record<string, string>> = { MALE: '男', FEMALE: '女' };

export const RANK_WORDS: Readonly<Record<ProfessionalRank, string>> = {
  SENIOR_PROFESSOR: '正高级教师',
  SENIOR: '高级教师',
  FIRST_GRADE: '一级教师',
  SECOND_GRADE: '二级教师',
  THIRD_GRADE: '三级教师',
  UNRANKED: '未评职称',
};

export const SUBJECT_WORDS: Readonly<Record<string, string>> = {
  CHINESE: '语文',
  MATHEMATICS: '数学',
  ENGLISH: '英语',
  PHYSICS: '物理',
  CHEMISTRY: '化学',
  BIOLOGY: '生物',
  HISTORY: '历史',
  GEOGRAPHY: '地理',
  POLITICS: '道德与法治',
  SCIENCE: '科学',
  MUSIC: '音乐',
  ART: '美术',
  PHYSICAL_EDUCATION: '体育',
  INFORMATION_TECHNOLOGY: '信息技术',
  PSYCHOLOGY: '心理健康',
  LABOUR: '劳动',
  PRESCHOOL_EDUCATION: '学前教育',
  SPECIAL_EDUCATION: '特殊教育',
  VOCATIONAL_SKILLS: '专业技能',
  GENERAL: '综合实践',
};

/** A value in a bureau's words; one without a word shows as itself. */
export function wordFor(words: Readonly<Record<string, string>>, value: string | null): string {
  return value === null ? '' : (words[value] ?? value);
}
