import type { AchievementLevel, ActivityType, ResearchProjectStatus } from '../generated/resolvers-types';
import { addYears, enumOrder } from '@mingshi/graphql';
import { workshopSchema } from '../schema-document';

/**
 * Studio metrics (活动统计): the period they cover and the shape of their breakdowns.
 */

/** A metrics period spans at most five years: a cycle and its neighbours, not a decade-long scan. */
export const MAX_PERIOD_YEARS = 5;

/** Why a period's end does not fit its start, continuing the name of its `to` field; or null. */
export function periodProblem(from: string, to: string): string | null {
  if (from > to) return 'must not be before from (from must not be after to)';
  if (to >= addYears(from, MAX_PERIOD_YEARS)) {
    return `must be less than ${MAX_PERIOD_YEARS} years after from: a period spans at most ${MAX_PERIOD_YEARS} years`;
  }
  return null;
}

/*
 * Every kind and level is listed, in the schema's declaration order, with 0 where nothing happened:
 * a table or chart shows all of them, and a reader comparing studios need not know which rows are
 * missing. The order is the SDL's, so a value added to the schema is listed here too.
 */
const ACTIVITY_TYPES = enumOrder<ActivityType>(workshopSchema, 'ActivityType');
const ACHIEVEMENT_LEVELS = enumOrder<AchievementLevel>(workshopSchema, 'AchievementLevel');
const PROJECT_STATUSES = enumOrder<ResearchProjectStatus>(workshopSchema, 'ResearchProjectStatus');

export function activitiesByType(
  counts: Partial<Record<string, number>>,
): { type: ActivityType; count: number }[] {
  return ACTIVITY_TYPES.map((type) => ({ type, count: counts[type] ?? 0 }));
}

export function outcomesByLevel(
  counts: Partial<Record<string, number>>,
): { level: AchievementLevel; count: number }[] {
  return ACHIEVEMENT_LEVELS.map((level) => ({ level, count: counts[level] ?? 0 }));
}

/**
 * Projects by level and status from counts keyed `LEVEL:STATUS`. Only the combinations that occur
 * (5 levels × 5 statuses would be mostly zeros), highest level first, then by status.
 */
export function projectsByLevelAndStatus(
  counts: Partial<Record<string, number>>,
): { level: AchievementLevel; status: ResearchProjectStatus; count: number }[] {
  return Object.entries(counts)
    .map(([key, count]) => {
      const [level, status] = key.split(':') as [AchievementLevel, ResearchProjectStatus];
      return { level, status, count: count ?? 0 };
    })
    .sort(
      (a, b) =>
        ACHIEVEMENT_LEVELS.indexOf(a.level) - ACHIEVEMENT_LEVELS.indexOf(b.level) ||
        PROJECT_STATUSES.indexOf(a.status) - PROJECT_STATUSES.indexOf(b.status),
    );
}
