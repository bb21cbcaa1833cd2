import { seedCalendar } from '../calendar';
import type { TalentTitlePlan, TeacherPlan } from '../personnel';
import { planSchools, type SchoolPlan } from '../personnel/schools';
import { planTalentTitles } from '../personnel/talent-titles';
import { planTeachers } from '../personnel/teachers';
import type { County } from '../regions';
import { planJurisdictions, type Jurisdiction } from './jurisdictions';
import { planStudios, type StudioPlan } from './studios';
import { planTeam, type TeamPlan } from './team';

/** The last recorded day the specs plan for, unless they say otherwise. */
export const AS_OF = '2025-12-31';

/** Three of 攀枝花市's counties: enough teachers for county and city studios of every kind. */
const PANZHIHUA: readonly County[] = [
  { code: '510402', name: '东区', cityCode: '510400', provinceCode: '510000' },
  { code: '510403', name: '西区', cityCode: '510400', provinceCode: '510000' },
  { code: '510421', name: '米易县', cityCode: '510400', provinceCode: '510000' },
];

export interface Fixture {
  schools: SchoolPlan[];
  teachers: TeacherPlan[];
  titles: TalentTitlePlan[];
  jurisdictions: Jurisdiction[];
  studios: { studio: StudioPlan; team: TeamPlan }[];
}

export interface FixtureOptions {
  /** The region the scale selects: the province, the city or one county. */
  selection?: string;
  /** One county studio per so many teachers; city and province studios per five and ten times that. */
  teachersPerStudio?: number;
  asOf?: string;
  /** Mean schools per county and teachers per school (25 and 40: about 3,000 teachers). */
  schools?: number;
  teachers?: number;
}

const fixtures = new Map<string, Fixture>();

/** The three counties' personnel and studios, built once per options: planning is deterministic. */
export function fixture(options: FixtureOptions = {}): Fixture {
  const {
    selection = '510000',
    teachersPerStudio = 150,
    asOf = AS_OF,
    schools: perCounty = 25,
    teachers: perSchool = 40,
  } = options;
  const key = JSON.stringify([selection, teachersPerStudio, asOf, perCounty, perSchool]);
  let built = fixtures.get(key);
  if (!built) {
    const schools = PANZHIHUA.flatMap((county) => planSchools(county, perCounty, perSchool));
    const calendar = seedCalendar(asOf);
    const teachers = schools.flatMap((school) => planTeachers(school, calendar));
    const titles = teachers.flatMap(planTalentTitles);
    const jurisdictions = planJurisdictions([{ code: selection }], schools, teachers);
    const density = {
      COUNTY: teachersPerStudio,
      CITY: teachersPerStudio * 5,
      PROVINCE: teachersPerStudio * 10,
    };
    const studios = planStudios(jurisdictions, density, titles, asOf).map((studio) => ({
      studio,
      team: planTeam(studio, asOf),
    }));
    built = { schools, teachers, titles, jurisdictions, studios };
    fixtures.set(key, built);
  }
  return built;
}
