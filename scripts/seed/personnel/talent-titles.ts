import type {
  ProfessionalRank,
  TalentTitleKind,
  TitleLevel,
} from '../../../services/personnel/src/generated/resolvers-types';
import { DATA_YEAR } from '../calendar';
import { Random, stableUuid } from '../random';
import type { TeacherPlan } from './teachers';

export interface TalentTitlePlan {
  id: string;
  teacherId: string;
  kind: TalentTitleKind;
  level: TitleLevel;
  year: number;
  awardedByRegionCode: string;
}

interface TitleRule {
  kind: TalentTitleKind;
  /** Chance that a teacher the rule applies to holds the title. */
  chance: number;
  applies: (teacher: TeacherPlan) => boolean;
  /** Years after starting to teach before the title can be awarded. */
  afterYears: number;
  levels: Partial<Record<TitleLevel, number>>;
}

const SENIOR_RANKS: readonly ProfessionalRank[] = ['SENIOR', 'SENIOR_PROFESSOR'];
const EXPERIENCED_RANKS: readonly ProfessionalRank[] = ['FIRST_GRADE', ...SENIOR_RANKS];
const yearsOfService = (teacher: TeacherPlan) => DATA_YEAR - teacher.hireYear;

/**
 * Who holds which title: 特级教师 and 省级教学名师 are rare province awards to senior teachers;
 * the 三级五类 tiers go from 新任教师 for newcomers to 教学名师 for senior ones, at city, county
 * or school level. Together about one teacher in twenty holds a title.
 */
const TITLE_RULES: readonly TitleRule[] = [
  {
    kind: 'NEW_TEACHER',
    chance: 0.1,
    applies: (t) => yearsOfService(t) <= 3,
    afterYears: 1,
    levels: { SCHOOL: 3, COUNTY: 1 },
  },
  {
    kind: 'TEACHING_NOVICE',
    chance: 0.05,
    applies: (t) => yearsOfService(t) >= 3 && yearsOfService(t) <= 10,
    afterYears: 3,
    levels: { SCHOOL: 2, COUNTY: 2, CITY: 1 },
  },
  {
    kind: 'BACKBONE_TEACHER',
    chance: 0.04,
    applies: (t) => EXPERIENCED_RANKS.includes(t.rank),
    afterYears: 5,
    levels: { SCHOOL: 2, COUNTY: 3, CITY: 1 },
  },
  {
    kind: 'SUBJECT_LEADER',
    chance: 0.03,
    applies: (t) => SENIOR_RANKS.includes(t.rank),
    afterYears: 10,
    levels: { COUNTY: 2, CITY: 1 },
  },
  {
    kind: 'TEACHING_MASTER',
    chance: 0.015,
    applies: (t) => SENIOR_RANKS.includes(t.rank),
    afterYears: 12,
    levels: { COUNTY: 1, CITY: 2 },
  },
  {
    kind: 'PROVINCIAL_TEACHING_MASTER',
    chance: 0.008,
    applies: (t) => SENIOR_RANKS.includes(t.rank),
    afterYears: 15,
    levels: { PROVINCE: 1 },
  },
  {
    kind: 'SPECIAL_GRADE_TEACHER',
    chance: 0.01,
    applies: (t) => t.rank === 'SENIOR_PROFESSOR' || (t.rank === 'SENIOR' && yearsOfService(t) >= 20),
    afterYears: 15,
    levels: { PROVINCE: 1 },
  },
];

/** A teacher's titles: each kind at most once, so (teacher, kind, level, year) is unique. */
export function planTalentTitles(teacher: TeacherPlan): TalentTitlePlan[] {
  const random = new Random(`${teacher.key}:titles`);
  const county = teacher.school.county;
  const titles: TalentTitlePlan[] = [];
  for (const rule of TITLE_RULES) {
    if (!rule.applies(teacher) || !random.chance(rule.chance)) continue;
    const earliest = teacher.hireYear + rule.afterYears;
    if (earliest > DATA_YEAR) continue;
    // A county directly under its province has no city office to award city-level titles.
    const levels = county.cityCode ? rule.levels : { ...rule.levels, CITY: 0 };
    const level = random.weighted(levels);
    const awardedBy: Record<TitleLevel, string> = {
      PROVINCE: county.provinceCode,
      CITY: county.cityCode ?? county.code,
      COUNTY: county.code,
      SCHOOL: county.code,
    };
    titles.push({
      id: stableUuid(`${teacher.key}:title:${rule.kind}`),
      teacherId: teacher.id,
      kind: rule.kind,
      level,
      year: random.int(Math.max(earliest, 2005), DATA_YEAR),
      awardedByRegionCode: awardedBy[level],
    });
  }
  return titles;
}
