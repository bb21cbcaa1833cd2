import type { RuralServiceRecord } from '../../../services/personnel/src/entities';
import type {
  Gender,
  ProfessionalRank,
  Stage,
  Subject,
} from '../../../services/personnel/src/generated/resolvers-types';
import { earlier, isoDate, type SeedCalendar } from '../calendar';
import { Random, stableUuid } from '../random';
import { countyShortName, personName, placeName } from './names';
import { seedNationalId } from './national-ids';
import { MAX_TEACHERS_PER_SCHOOL, type SchoolPlan } from './schools';

export interface TeacherPlan {
  id: string;
  /** Stable key: school key plus place in the school. */
  key: string;
  school: SchoolPlan;
  name: string;
  gender: Gender;
  birthDate: string;
  subject: Subject;
  stage: Stage;
  rank: ProfessionalRank;
  nationalId: string;
  phone: string;
  ruralService: RuralServiceRecord[];
  /** The day the plan describes them as of: their titles and training records reach up to it. */
  calendar: SeedCalendar;
  /** The year they started teaching; ranks, titles and training follow from it. */
  hireYear: number;
}

/** Share of women among teachers of each stage, roughly as national statistics report it. */
const FEMALE_SHARE: Record<Stage, number> = {
  PRESCHOOL: 0.97,
  PRIMARY: 0.75,
  JUNIOR_SECONDARY: 0.6,
  SENIOR_SECONDARY: 0.52,
  VOCATIONAL: 0.5,
  SPECIAL: 0.75,
};

const SUBJECTS: Record<Stage, Partial<Record<Subject, number>>> = {
  PRESCHOOL: { PRESCHOOL_EDUCATION: 90, MUSIC: 4, ART: 3, PHYSICAL_EDUCATION: 3 },
  PRIMARY: {
    CHINESE: 34,
    MATHEMATICS: 27,
    ENGLISH: 8,
    SCIENCE: 5,
    MUSIC: 5,
    ART: 5,
    PHYSICAL_EDUCATION: 7,
    INFORMATION_TECHNOLOGY: 2,
    POLITICS: 4,
    PSYCHOLOGY: 1,
    LABOUR: 1,
    GENERAL: 1,
  },
  JUNIOR_SECONDARY: {
    CHINESE: 15,
    MATHEMATICS: 15,
    ENGLISH: 14,
    PHYSICS: 7,
    CHEMISTRY: 5,
    BIOLOGY: 5,
    HISTORY: 6,
    GEOGRAPHY: 5,
    POLITICS: 7,
    MUSIC: 3,
    ART: 3,
    PHYSICAL_EDUCATION: 8,
    INFORMATION_TECHNOLOGY: 3,
    PSYCHOLOGY: 2,
    LABOUR: 1,
    GENERAL: 1,
  },
  SENIOR_SECONDARY: {
    CHINESE: 13,
    MATHEMATICS: 14,
    ENGLISH: 13,
    PHYSICS: 9,
    CHEMISTRY: 8,
    BIOLOGY: 7,
    HISTORY: 7,
    GEOGRAPHY: 6,
    POLITICS: 7,
    MUSIC: 2,
    ART: 2,
    PHYSICAL_EDUCATION: 6,
    INFORMATION_TECHNOLOGY: 3,
    PSYCHOLOGY: 2,
    GENERAL: 1,
  },
  VOCATIONAL: {
    VOCATIONAL_SKILLS: 50,
    CHINESE: 10,
    MATHEMATICS: 10,
    ENGLISH: 8,
    POLITICS: 6,
    PHYSICAL_EDUCATION: 6,
    INFORMATION_TECHNOLOGY: 8,
    ART: 2,
  },
  SPECIAL: { SPECIAL_EDUCATION: 70, GENERAL: 10, MUSIC: 5, ART: 5, PHYSICAL_EDUCATION: 5, PSYCHOLOGY: 5 },
};

/**
 * Ranks by years of service: a probation year unranked, 二级 after it, 一级 after about five
 * years, 高级 for a share of those past ten, 正高级 for very few.
 */
function rankWeights(yearsOfService: number): Partial<Record<ProfessionalRank, number>> {
  if (yearsOfService < 1) return { UNRANKED: 85, THIRD_GRADE: 15 };
  if (yearsOfService < 5) return { UNRANKED: 10, THIRD_GRADE: 15, SECOND_GRADE: 70, FIRST_GRADE: 5 };
  if (yearsOfService < 10) return { UNRANKED: 3, SECOND_GRADE: 45, FIRST_GRADE: 48, SENIOR: 4 };
  if (yearsOfService < 20) return { UNRANKED: 2, SECOND_GRADE: 20, FIRST_GRADE: 60, SENIOR: 18 };
  return { UNRANKED: 1, SECOND_GRADE: 10, FIRST_GRADE: 52, SENIOR: 35, SENIOR_PROFESSOR: 2 };
}

/** Mobile number blocks of the three carriers; any of them satisfies ^1[3-9]\d{9}$. */
const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157',
  '158', '159', '166', '177', '180', '181', '182', '183', '186', '187', '188', '189', '191', '198', '199',
]; // prettier-ignore

export function planTeachers(school: SchoolPlan, calendar: SeedCalendar): TeacherPlan[] {
  const { year } = calendar;
  return Array.from({ length: school.teacherCount }, (_, place) => {
    const key = `${school.key}:teacher:${place}`;
    const random = new Random(key);
    const stage = random.pick(school.stages);
    const gender: Gender = random.chance(FEMALE_SHARE[stage]) ? 'FEMALE' : 'MALE';
    // Born where they teach: the county code is the ID's region, and the index is unique in it.
    const { nationalId, birthDate } = seedNationalId(
      school.county.code,
      school.ordinal * MAX_TEACHERS_PER_SCHOOL + place,
      gender,
    );
    const hireYear = Math.min(year, Number(birthDate.slice(0, 4)) + random.int(21, 25));
    return {
      id: stableUuid(key),
      key,
      school,
      name: personName(random, gender),
      gender,
      birthDate,
      subject: random.weighted(SUBJECTS[stage]),
      stage,
      rank: random.weighted(rankWeights(year - hireYear)),
      nationalId,
      phone: `${random.pick(MOBILE_PREFIXES)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
      ruralService: ruralService(random, school, hireYear, calendar),
      calendar,
      hireYear,
    };
  });
}

/**
 * Teachers of rural schools serve there since they joined it; some town teachers once spent a
 * school year teaching in a village (支教), which is what title and studio rules look at.
 */
function ruralService(
  random: Random,
  school: SchoolPlan,
  hireYear: number,
  { today, year: thisYear }: SeedCalendar,
): RuralServiceRecord[] {
  // A school year starts on 1 September: this year's may not have begun yet.
  const schoolYearStart = (year: number) => earlier(isoDate(year, 9, 1), today);
  if (school.rural) {
    return [
      { place: school.name, startDate: schoolYearStart(random.int(hireYear, thisYear)), endDate: null },
    ];
  }
  if (hireYear >= thisYear || !random.chance(0.12)) return [];
  const year = random.int(hireYear, thisYear - 1);
  const village = `${countyShortName(school.county.name)}${placeName(random.int(0, 99))}村小学`;
  return [
    {
      place: village,
      startDate: schoolYearStart(year),
      endDate: earlier(isoDate(year + 1, 7, 10), today),
    },
  ];
}
