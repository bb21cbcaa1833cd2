import type { AchievementLevel, ActivityType, ResearchProjectStatus } from '../generated/resolvers-types';
import type { ComputedRuleSpec } from './scheme-tree';

/**
 * The figures COMPUTED indicators are scored from, as the workshop and finance subgraphs report them
 * for the round's period. They are taken once, when an assessment is finalised, and kept with the
 * result, so a later correction to an activity or an expense never changes a finalised score.
 */
export interface StudioFigures {
  activityCount: number;
  activitiesByType: { type: ActivityType; count: number }[];
  outreachCount: number;
  teachersReached: number;
  certificateCount: number;
  researchProjectsByLevelAndStatus: {
    level: AchievementLevel;
    status: ResearchProjectStatus;
    count: number;
  }[];
  outcomesByLevel: { level: AchievementLevel; count: number }[];
  viewCount: number;
  /** Per year of the period: the studio's money in fen. */
  funding: { year: number; allocatedFen: bigint; approvedFen: bigint; lectureFeeFen: bigint }[];
}

export interface Figure {
  value: number;
  /** What the value was computed from, by name, as shown beside the score. */
  inputs: { name: string; value: string }[];
}

const LEVEL_RANK: Record<AchievementLevel, number> = {
  NATIONAL: 5,
  PROVINCE: 4,
  CITY: 3,
  COUNTY: 2,
  SCHOOL: 1,
};

const atOrAbove = (level: AchievementLevel, minimum: AchievementLevel | null) =>
  minimum === null || LEVEL_RANK[level] >= LEVEL_RANK[minimum];

/** The figure a rule scores, with its inputs. */
export function figureFor(rule: ComputedRuleSpec, figures: StudioFigures): Figure {
  switch (rule.metric) {
    case 'ACTIVITIES': {
      if (!rule.activityType) return count('activities', figures.activityCount);
      const found = figures.activitiesByType.find((t) => t.type === rule.activityType)?.count ?? 0;
      return count(`activities of type ${rule.activityType}`, found);
    }
    case 'OUTREACH_VISITS':
      return count('outreach activities', figures.outreachCount);
    case 'TEACHERS_REACHED':
      return count('distinct teachers reached', figures.teachersReached);
    case 'TRAINEES_CERTIFIED':
      return count('completion certificates issued', figures.certificateCount);
    case 'RESOURCE_VIEWS':
      return count('views of activity materials', figures.viewCount);
    case 'OUTCOMES': {
      const kept = figures.outcomesByLevel.filter((o) => atOrAbove(o.level, rule.minimumLevel));
      return sumOf(kept.map((o) => ({ name: `outcomes at ${o.level} level`, count: o.count })));
    }
    case 'RESEARCH_PROJECTS': {
      const kept = figures.researchProjectsByLevelAndStatus.filter(
        (p) =>
          atOrAbove(p.level, rule.minimumLevel) &&
          (!rule.projectStatuses || rule.projectStatuses.includes(p.status)),
      );
      return sumOf(kept.map((p) => ({ name: `${p.level} projects ${p.status}`, count: p.count })));
    }
    case 'BUDGET_EXECUTION_RATE':
      return ratio(figures, 'approved', (y) => y.approvedFen);
    case 'LECTURE_FEE_RATIO':
      return ratio(figures, 'lecture fees approved', (y) => y.lectureFeeFen);
  }
}

function count(name: string, value: number): Figure {
  return { value, inputs: [{ name, value: String(value) }] };
}

function sumOf(parts: { name: string; count: number }[]): Figure {
  return {
    value: parts.reduce((sum, p) => sum + p.count, 0),
    inputs: parts.filter((p) => p.count > 0).map((p) => ({ name: p.name, value: String(p.count) })),
  };
}

/**
 * Money over allocated money for the period's years, to four decimals. A studio allocated nothing
 * has nothing to execute: its rate is 0 (and its lecture-fee ratio 0, within any cap).
 */
function ratio(
  figures: StudioFigures,
  name: string,
  part: (year: StudioFigures['funding'][number]) => bigint,
): Figure {
  const allocated = figures.funding.reduce((sum, y) => sum + y.allocatedFen, 0n);
  const numerator = figures.funding.reduce((sum, y) => sum + part(y), 0n);
  const value = allocated === 0n ? 0 : Number((numerator * 10_000n + allocated / 2n) / allocated) / 10_000;
  return {
    value,
    inputs: [
      { name: `${name} (fen)`, value: numerator.toString() },
      { name: 'allocated (fen)', value: allocated.toString() },
      { name: 'years', value: figures.funding.map((y) => y.year).join(',') },
    ],
  };
}
