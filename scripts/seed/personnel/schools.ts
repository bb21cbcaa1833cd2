import type { Stage } from '../../../services/personnel/src/generated/resolvers-types';
import { Random, stableUuid } from '../random';
import type { County } from '../regions';
import { chineseNumeral, countyShortName, placeName } from './names';

export interface SchoolPlan {
  id: string;
  /** Stable key: the same county and ordinal is the same school in every run and scale. */
  key: string;
  county: County;
  /** Position among the county's seeded schools, from 0. */
  ordinal: number;
  name: string;
  stages: Stage[];
  rural: boolean;
  weak: boolean;
  teacherCount: number;
}

interface SchoolKind {
  /** Share of a county's schools. */
  weight: number;
  stages: Stage[];
  /** Staff relative to an average school. */
  size: number;
  /** The name in the county town, given the school's number among its kind (1, 2 …). */
  urbanName: (n: number) => string;
  /** The suffix after a village or township name; absent where such schools sit in the county town only. */
  ruralName?: string;
}

/** The first of a kind has its own name (实验小学); the next are numbered from one (第一小学). */
const numbered = (first: string, nth: (numeral: string) => string) => (n: number) =>
  n === 1 ? first : nth(chineseNumeral(n - 1));

const SCHOOL_KINDS = {
  kindergarten: {
    weight: 14,
    stages: ['PRESCHOOL'],
    size: 0.4,
    urbanName: numbered('实验幼儿园', (n) => `第${n}幼儿园`),
    ruralName: '村幼儿园',
  },
  primary: {
    weight: 44,
    stages: ['PRIMARY'],
    size: 0.8,
    urbanName: numbered('实验小学', (n) => `第${n}小学`),
    ruralName: '村小学',
  },
  nineYear: {
    weight: 10,
    stages: ['PRIMARY', 'JUNIOR_SECONDARY'],
    size: 1.1,
    urbanName: numbered('实验学校', (n) => `第${n}实验学校`),
    ruralName: '镇中心校',
  },
  junior: {
    weight: 14,
    stages: ['JUNIOR_SECONDARY'],
    size: 1.3,
    urbanName: (n) => `第${chineseNumeral(n)}初级中学`,
    ruralName: '镇中学',
  },
  complete: {
    weight: 5,
    stages: ['JUNIOR_SECONDARY', 'SENIOR_SECONDARY'],
    size: 2,
    urbanName: (n) => `第${chineseNumeral(n)}中学`,
  },
  senior: {
    weight: 6,
    stages: ['SENIOR_SECONDARY'],
    size: 2.2,
    urbanName: numbered('高级中学', (n) => `第${n}高级中学`),
  },
  vocational: {
    weight: 4,
    stages: ['VOCATIONAL'],
    size: 1.6,
    urbanName: numbered('职业技术学校', (n) => `第${n}职业高级中学`),
  },
  special: {
    weight: 3,
    stages: ['SPECIAL'],
    size: 0.5,
    urbanName: numbered('特殊教育学校', (n) => `第${n}特殊教育学校`),
  },
} satisfies Record<string, SchoolKind>;

type SchoolKindName = keyof typeof SCHOOL_KINDS;

const KIND_WEIGHTS = Object.fromEntries(
  Object.entries(SCHOOL_KINDS).map(([name, kind]) => [name, kind.weight]),
) as Record<SchoolKindName, number>;

/** The national ID index of a teacher is ordinal × this + their place in the school. */
export const MAX_TEACHERS_PER_SCHOOL = 1000;

/**
 * A county's schools. Districts (区) are mostly urban, counties mostly rural; rural schools are
 * smaller and more often weak (薄弱学校). Names are numbered per kind in county order, so a
 * larger scale repeats a smaller one's first schools under the same names.
 */
export function planSchools(county: County, meanSchools: number, meanTeachers: number): SchoolPlan[] {
  const countyRandom = new Random(`county:${county.code}`);
  const count = Math.max(1, Math.round(meanSchools * (0.8 + 0.4 * countyRandom.next())));
  const ruralShare = county.name.endsWith('区') ? 0.3 : 0.65;
  const shortName = countyShortName(county.name);
  const urbanNumbers = new Map<SchoolKindName, number>();
  let villages = 0;

  return Array.from({ length: count }, (_, ordinal) => {
    const key = `school:${county.code}:${ordinal}`;
    const random = new Random(key);
    const kindName = random.weighted(KIND_WEIGHTS);
    const kind: SchoolKind = SCHOOL_KINDS[kindName];
    const rural = kind.ruralName !== undefined && random.chance(ruralShare);
    let name: string;
    if (rural) {
      name = `${shortName}${placeName(villages++)}${kind.ruralName}`;
    } else {
      const n = (urbanNumbers.get(kindName) ?? 0) + 1;
      urbanNumbers.set(kindName, n);
      name = `${shortName}${kind.urbanName(n)}`;
    }
    const size = kind.size * (rural ? 0.7 : 1.15) * (0.75 + 0.5 * random.next());
    return {
      id: stableUuid(key),
      key,
      county,
      ordinal,
      name,
      stages: kind.stages,
      rural,
      weak: random.chance(rural ? 0.25 : 0.05),
      teacherCount: Math.min(MAX_TEACHERS_PER_SCHOOL, Math.max(4, Math.round(meanTeachers * size))),
    };
  });
}
