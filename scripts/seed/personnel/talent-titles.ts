import type {
  ProfessionalRank,
  TalentTitleKind,
  TitleLevel,
} from '../../../services/personnel/src/generated/resolvers-types';
import { titleLevelProblem } from '../../../services/personnel/src/rules/talent-titles';
import { Random, stableUuid } from '../random';
import type { County } from '../regions';
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
const yearsOfService = (teacher: TeacherPlan) => teacher.calendar.year - teacher.hireYear;

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
    if (earliest > teacher.calendar.year) continue;
    // A county directly under its province has no city office to award city-level titles.
    const levels = county.cityCode ? rule.levels : { ...rule.levels, CITY: 0 };
    const level = random.weighted(levels);
    titles.push(
      titlePlan(teacher, rule.kind, level, random.int(Math.max(earliest, 2005), teacher.calendar.year)),
    );
  }
  return titles;
}

/**
 * A title awarded to this teacher for a purpose, such as hosting a studio (a host must hold one),
 * by `latestYear`: drawn under the same rules as the titles above — who can earn the kind, after
 * how many years, at which levels — or null when the teacher could not have earned it by then or
 * already holds that kind.
 */
export function planAwardedTitle(
  teacher: TeacherPlan,
  kind: TalentTitleKind,
  level: TitleLevel,
  latestYear: number,
): TalentTitlePlan | null {
  const rule = TITLE_RULES.find((r) => r.kind === kind);
  const earliest = Math.max(teacher.hireYear + (rule?.afterYears ?? 0), 2005);
  if (!rule || !rule.applies(teacher) || earliest > latestYear || titleLevelProblem(kind, level)) return null;
  if (level === 'CITY' && !teacher.school.county.cityCode) return null;
  if (planTalentTitles(teacher).some((title) => title.kind === kind)) return null;
  return titlePlan(
    teacher,
    kind,
    level,
    new Random(`${teacher.key}:title:${kind}`).int(earliest, latestYear),
  );
}

/** Keyed by teacher and kind, the one title of that kind a teacher holds. */
function titlePlan(
  teacher: TeacherPlan,
  kind: TalentTitleKind,
  level: TitleLevel,
  year: number,
): TalentTitlePlan {
  return {
    id: stableUuid(`${teacher.key}:title:${kind}`),
    teacherId: teacher.id,
    kind,
    level,
    year,
    awardedByRegionCode: awardingRegion(teacher.school.county, level),
  };
}

/** The office that awards a level's titles to a county's teachers; school titles are filed by the county. */
function awardingRegion(county: County, level: TitleLevel): string {
  switch (level) {
    case 'PROVINCE':
      return county.provinceCode;
    case 'CITY':
      return county.cityCode ?? county.code;
    case 'COUNTY':
    case 'SCHOOL':
      return county.code;
  }
}
