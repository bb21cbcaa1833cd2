import type {
  Stage,
  Subject,
  WorkshopLevel,
  WorkshopType,
} from '../../../services/workshop/src/generated/resolvers-types';
import type { TalentTitlePlan, TeacherPlan } from '../personnel';
import { Random, stableUuid } from '../random';
import { groupBy } from './collections';
import { HostPicker } from './hosts';
import type { Jurisdiction } from './jurisdictions';
import { studioArea, studioName } from './labels';
import { planLifecycle, type LifecyclePlan } from './lifecycle';

export interface StudioPlan {
  id: string;
  /** Stable key: founding jurisdiction and ordinal, `studio:520102:3`. */
  key: string;
  jurisdiction: Jurisdiction;
  level: WorkshopLevel;
  type: WorkshopType;
  name: string;
  /** 小学语文, 学校管理 …: what it works on, in activity and project titles. */
  area: string;
  subject: Subject;
  stage: Stage;
  host: TeacherPlan;
  /** A title awarded to the host so that they qualify (see HostPicker), to load with personnel's. */
  awardedTitle: TalentTitlePlan | null;
  lifecycle: LifecyclePlan;
  /** First year of the current (last) cycle. */
  cycleStartYear: number;
}

/** Mostly 名师工作室; 名班主任 and 名校长 studios are fewer, as in the provinces' lists. */
const TYPE_WEIGHTS: Record<WorkshopType, number> = { TEACHER: 80, HEAD_TEACHER: 14, PRINCIPAL: 6 };

/**
 * The studios of every jurisdiction, about one per `teachersPerStudio[level]` of its teachers.
 * Hosts are appointed province first, then cities, then counties (the order of `jurisdictions`),
 * so that the rarer titles a province studio needs are not taken by county studios first. The
 * studio's subject, stage and host school are its host's.
 */
export function planStudios(
  jurisdictions: readonly Jurisdiction[],
  teachersPerStudio: Readonly<Record<WorkshopLevel, number>>,
  titles: readonly TalentTitlePlan[],
  asOf: string,
): StudioPlan[] {
  const hosts = new HostPicker(groupBy(titles, (title) => title.teacherId));
  return jurisdictions.flatMap((jurisdiction) => {
    const random = new Random(`studios:${jurisdiction.code}`);
    const mean = jurisdiction.teachers.length / teachersPerStudio[jurisdiction.level];
    const count = Math.max(1, Math.round(mean * (0.85 + 0.3 * random.next())));
    return Array.from({ length: count }, (_, ordinal) => {
      const key = `studio:${jurisdiction.code}:${ordinal}`;
      const lifecycle = planLifecycle(key, asOf);
      const { teacher: host, awardedTitle } = hosts.pick(jurisdiction, lifecycle.cycles[0]!.startYear);
      const type = new Random(`${key}:type`).weighted(TYPE_WEIGHTS);
      return {
        id: stableUuid(key),
        key,
        jurisdiction,
        level: jurisdiction.level,
        type,
        name: studioName(host.name, type, host.stage, host.subject),
        area: studioArea(type, host.stage, host.subject),
        subject: host.subject,
        stage: host.stage,
        host,
        awardedTitle,
        lifecycle,
        cycleStartYear: lifecycle.cycles.at(-1)!.startYear,
      };
    });
  });
}
