import type {
  ActivityType,
  Stage,
  Subject,
  WorkshopLevel,
  WorkshopStatus,
  WorkshopType,
} from '../generated/resolvers-types';

/**
 * Each enum's values in the schema's declaration order, for ordering groups and lists by them
 * (PROVINCE before CITY, not alphabetically). Records, so that a value added to the schema fails
 * to compile until it is placed here.
 */

export const ACTIVITY_TYPE_ORDER: Record<ActivityType, number> = {
  THEMED_RESEARCH: 0,
  TEAM_STUDY: 1,
  OUTREACH: 2,
  EXPERT_LECTURE: 3,
  SHADOWING: 4,
  EXTERNAL_TRAINING: 5,
  LIVE_STREAM: 6,
  DEMONSTRATION_LESSON: 7,
  OTHER: 8,
};

export const WORKSHOP_LEVEL_ORDER: Record<WorkshopLevel, number> = { PROVINCE: 0, CITY: 1, COUNTY: 2 };

export const WORKSHOP_TYPE_ORDER: Record<WorkshopType, number> = {
  TEACHER: 0,
  PRINCIPAL: 1,
  HEAD_TEACHER: 2,
};

export const WORKSHOP_STATUS_ORDER: Record<WorkshopStatus, number> = {
  PROPOSED: 0,
  ACTIVE: 1,
  RECTIFYING: 2,
  REVOKED: 3,
  CONCLUDED: 4,
  RENEWED: 5,
  REORGANIZED: 6,
  DISSOLVED: 7,
};

export const STAGE_ORDER: Record<Stage, number> = {
  PRESCHOOL: 0,
  PRIMARY: 1,
  JUNIOR_SECONDARY: 2,
  SENIOR_SECONDARY: 3,
  VOCATIONAL: 4,
  SPECIAL: 5,
};

export const SUBJECT_ORDER: Record<Subject, number> = {
  CHINESE: 0,
  MATHEMATICS: 1,
  ENGLISH: 2,
  PHYSICS: 3,
  CHEMISTRY: 4,
  BIOLOGY: 5,
  HISTORY: 6,
  GEOGRAPHY: 7,
  POLITICS: 8,
  SCIENCE: 9,
  MUSIC: 10,
  ART: 11,
  PHYSICAL_EDUCATION: 12,
  INFORMATION_TECHNOLOGY: 13,
  PSYCHOLOGY: 14,
  LABOUR: 15,
  PRESCHOOL_EDUCATION: 16,
  SPECIAL_EDUCATION: 17,
  VOCATIONAL_SKILLS: 18,
  GENERAL: 19,
};

/** The values of an order record, as declared. */
export function inDeclarationOrder<K extends string>(order: Record<K, number>): K[] {
  return (Object.keys(order) as K[]).sort((a, b) => order[a] - order[b]);
}

/**
 * SQL ranking a column by an order record (`CASE col WHEN 'PROVINCE' THEN 0 …`), for ordering in
 * the database by declaration. The values are the schema's own names, never input.
 */
export function rankSql<K extends string>(column: string, order: Record<K, number>): string {
  const cases = inDeclarationOrder(order).map((value) => `WHEN '${value}' THEN ${order[value]}`);
  return `CASE ${column} ${cases.join(' ')} END`;
}
