import type {
  AchievementLevel,
  ActivityType,
  ResearchProjectStatus,
} from '../../../services/evaluation/src/generated/resolvers-types';
import type { StudioFigures } from '../../../services/evaluation/src/rules/computed-figures';
import type { AllocationPlan } from '../finance/funds';
import { teachersReached } from '../workshop/activity-tallies';
import type { StudioRecords } from '../workshop';

export interface Period {
  from: string;
  to: string;
}

/**
 * The figures finaliseAssessment would have taken on `on` for the period: what the workshop
 * subgraph's metrics (services/workshop/src/services/metrics.service.ts) and finance's funding
 * report, counted from the plans instead of the tables. Periods are whole calendar years, so
 * activities are the tallies of their years. What changed after `on` is left out, as it was not
 * there yet: a project's conclusion, an expense's approval or reversal.
 */
export function figuresOn(
  records: StudioRecords,
  allocations: ReadonlyMap<number, AllocationPlan>,
  period: Period,
  on: string,
): StudioFigures {
  const fromYear = Number(period.from.slice(0, 4));
  const toYear = Number(period.to.slice(0, 4));
  const byType = new Map<ActivityType, number>();
  let activityCount = 0;
  let outreachCount = 0;
  let viewCount = 0;
  const funding: StudioFigures['funding'] = [];
  for (let year = fromYear; year <= toYear; year++) {
    const activities = records.activities.years.get(year);
    if (activities) {
      activityCount += activities.count;
      outreachCount += activities.outreach;
      viewCount += activities.views;
      for (const [type, count] of activities.byType) byType.set(type, (byType.get(type) ?? 0) + count);
    }
    funding.push(fundingOn(allocations.get(year), year, on));
  }
  const within = (day: string) => day >= period.from && day <= period.to;
  return {
    activityCount,
    activitiesByType: [...byType].map(([type, count]) => ({ type, count })),
    outreachCount,
    teachersReached: teachersReached(records.activities, fromYear, toYear),
    certificateCount: records.certificates.filter((c) => within(c.issuedOn)).length,
    researchProjectsByLevelAndStatus: projectsOn(records, period, on),
    outcomesByLevel: countBy(
      records.outcomes.filter((o) => within(o.achievedOn)).map((o) => o.level),
      (level) => level,
    ).map(([level, count]) => ({ level, count })),
    viewCount,
    funding,
  };
}

/**
 * Projects under way on some day of the period (started by its end, not concluded before its
 * start), by level and by their status on `on`: one concluded later was still in progress then.
 */
function projectsOn(
  records: StudioRecords,
  period: Period,
  on: string,
): StudioFigures['researchProjectsByLevelAndStatus'] {
  const kinds: { level: AchievementLevel; status: ResearchProjectStatus }[] = [];
  for (const project of records.researchProjects) {
    const concludedOn = project.concludedOn && project.concludedOn <= on ? project.concludedOn : null;
    if (!project.startedOn || project.startedOn > period.to) continue;
    if (concludedOn && concludedOn < period.from) continue;
    kinds.push({ level: project.level, status: concludedOn ? project.status : 'IN_PROGRESS' });
  }
  return countBy(kinds, (k) => `${k.level}:${k.status}`).map(([key, count]) => {
    const [level, status] = key.split(':') as [AchievementLevel, ResearchProjectStatus];
    return { level, status, count };
  });
}

/** A year's money as finance reported it on `on`: approved means decided by then and not reversed by then. */
function fundingOn(
  allocation: AllocationPlan | undefined,
  year: number,
  on: string,
): StudioFigures['funding'][number] {
  let approvedFen = 0n;
  let lectureFeeFen = 0n;
  for (const expense of allocation?.expenses ?? []) {
    const approved = expense.status === 'APPROVED' || expense.status === 'REVERSED';
    if (!approved || !expense.decidedOn || expense.decidedOn > on) continue;
    if (expense.reversedOn && expense.reversedOn <= on) continue;
    approvedFen += expense.amountFen;
    if (expense.category === 'LECTURE_FEE') lectureFeeFen += expense.amountFen;
  }
  return { year, allocatedFen: allocation?.amountFen ?? 0n, approvedFen, lectureFeeFen };
}

function countBy<T, K>(items: readonly T[], keyOf: (item: T) => K): [K, number][] {
  const counts = new Map<K, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return [...counts];
}
