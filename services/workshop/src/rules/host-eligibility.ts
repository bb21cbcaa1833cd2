/**
 * Who may host a studio (主持人): a teacher holding a talent title at least as high as the minimum
 * set for the studio's level — "a county studio accepts 县级骨干教师 or above". A title is at least
 * as high when both its kind and its awarding level are. The two province-only titles (特级教师,
 * 省级教学名师) outrank every tier.
 */

/** Talent title kinds as personnel names them, lowest first. */
const KIND_ORDER = [
  'NEW_TEACHER',
  'TEACHING_NOVICE',
  'BACKBONE_TEACHER',
  'SUBJECT_LEADER',
  'TEACHING_MASTER',
  'PROVINCIAL_TEACHING_MASTER',
  'SPECIAL_GRADE_TEACHER',
] as const;

const LEVEL_ORDER = ['SCHOOL', 'COUNTY', 'CITY', 'PROVINCE'] as const;

export type TitleKind = (typeof KIND_ORDER)[number];
export type TitleLevel = (typeof LEVEL_ORDER)[number];

export interface HeldTitle {
  kind: string;
  level: string;
}

export interface MinimumTitle {
  kind: TitleKind;
  level: TitleLevel;
}

export const DEFAULT_HOST_MINIMUM_TITLES = {
  COUNTY: 'BACKBONE_TEACHER@COUNTY',
  CITY: 'BACKBONE_TEACHER@CITY',
  PROVINCE: 'SUBJECT_LEADER@CITY',
} as const;

/** Reads a minimum written KIND@LEVEL, as configured. */
export function parseMinimumTitle(text: string): MinimumTitle {
  const [kind, level] = text.split('@');
  if (!KIND_ORDER.includes(kind as TitleKind) || !LEVEL_ORDER.includes(level as TitleLevel)) {
    throw new Error(`"${text}" is not KIND@LEVEL, e.g. BACKBONE_TEACHER@COUNTY`);
  }
  return { kind: kind as TitleKind, level: level as TitleLevel };
}

export function meetsMinimum(title: HeldTitle, minimum: MinimumTitle): boolean {
  const kind = KIND_ORDER.indexOf(title.kind as TitleKind);
  const level = LEVEL_ORDER.indexOf(title.level as TitleLevel);
  if (kind < 0 || level < 0) return false;
  return kind >= KIND_ORDER.indexOf(minimum.kind) && level >= LEVEL_ORDER.indexOf(minimum.level);
}

export function qualifiesAsHost(titles: HeldTitle[], minimum: MinimumTitle): boolean {
  return titles.some((title) => meetsMinimum(title, minimum));
}

/** The minimum as users say it, for refusals: 县级骨干教师. */
export function describeMinimum(minimum: MinimumTitle): string {
  const levels: Record<TitleLevel, string> = {
    SCHOOL: '校级',
    COUNTY: '县级',
    CITY: '市级',
    PROVINCE: '省级',
  };
  const kinds: Record<TitleKind, string> = {
    NEW_TEACHER: '新任教师',
    TEACHING_NOVICE: '教学新秀',
    BACKBONE_TEACHER: '骨干教师',
    SUBJECT_LEADER: '学科带头人',
    TEACHING_MASTER: '教学名师',
    PROVINCIAL_TEACHING_MASTER: '省级教学名师',
    SPECIAL_GRADE_TEACHER: '特级教师',
  };
  return `${levels[minimum.level]}${kinds[minimum.kind]}`;
}
