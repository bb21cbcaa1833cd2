import { covers, regionLevel } from '@mingshi/auth';
import type { WorkshopLevel } from '../../../services/workshop/src/generated/resolvers-types';
import { isSupportTarget } from '../../../services/workshop/src/rules/studio-work';
import type { SchoolPlan, TeacherPlan } from '../personnel';
import type { County, RegionSelection } from '../regions';
import { addTo } from './collections';

/** An office that founds studios (county, city or province) and what the seed generated under it. */
export interface Jurisdiction {
  level: WorkshopLevel;
  code: string;
  teachers: TeacherPlan[];
  /** Rural or weak schools (isSupportTarget): where outreach goes and who signs support agreements. */
  supportTargets: SchoolPlan[];
  /** Teachers by stage, and by stage and subject (`PRIMARY:CHINESE`): where a studio finds its team. */
  byStage: Map<string, TeacherPlan[]>;
  byArea: Map<string, TeacherPlan[]>;
}

/** Province first, then cities, then counties: hosts are appointed in this order (see hosts.ts). */
const LEVEL_ORDER: readonly WorkshopLevel[] = ['PROVINCE', 'CITY', 'COUNTY'];

/**
 * The jurisdictions whose studios a scale generates: every seeded county; the city of each county
 * when the scale covers a whole city or province; the province when it covers a whole province. A
 * county-scale run has no city studios: most of their city would be missing, and with it the
 * teachers a city studio draws its host and team from.
 */
export function planJurisdictions(
  selections: readonly RegionSelection[],
  schools: readonly SchoolPlan[],
  teachers: readonly TeacherPlan[],
): Jurisdiction[] {
  const byCode = new Map<string, Jurisdiction>();
  const found = new Map<string, Jurisdiction[]>();
  const jurisdictionsOf = (county: County): Jurisdiction[] => {
    let list = found.get(county.code);
    if (!list) {
      const selection = selections.find((s) => covers(s.code, county.code));
      const widest = selection ? regionLevel(selection.code) : 'COUNTY';
      const offices: [string, WorkshopLevel][] = [[county.code, 'COUNTY']];
      if (widest !== 'COUNTY' && county.cityCode) offices.push([county.cityCode, 'CITY']);
      if (widest === 'PROVINCE') offices.push([county.provinceCode, 'PROVINCE']);
      list = offices.map(([code, level]) => {
        const known = byCode.get(code) ?? {
          level,
          code,
          teachers: [],
          supportTargets: [],
          byStage: new Map(),
          byArea: new Map(),
        };
        byCode.set(code, known);
        return known;
      });
      found.set(county.code, list);
    }
    return list;
  };
  for (const school of schools) {
    if (isSupportTarget(school))
      for (const j of jurisdictionsOf(school.county)) j.supportTargets.push(school);
  }
  for (const teacher of teachers) {
    for (const j of jurisdictionsOf(teacher.school.county)) {
      j.teachers.push(teacher);
      addTo(j.byStage, teacher.stage, teacher);
      addTo(j.byArea, areaKey(teacher.stage, teacher.subject), teacher);
    }
  }
  return [...byCode.values()].sort(
    (a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || a.code.localeCompare(b.code),
  );
}

export function areaKey(stage: string, subject: string): string {
  return `${stage}:${subject}`;
}
