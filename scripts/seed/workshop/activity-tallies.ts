import type { ActivityType } from '../../../services/workshop/src/generated/resolvers-types';
import type { ActivityPlan } from './activities';

/** One studio's activities of one calendar year, counted as the workshop subgraph's metrics count them. */
export interface ActivityYear {
  count: number;
  byType: Map<ActivityType, number>;
  outreach: number;
  views: number;
  /** Distinct teachers who took part. */
  teachersReached: number;
  /** A few of the year's activities, the first planned: what a self-report points to. */
  sample: { id: string; date: string }[];
}

/**
 * What a studio's activities add up to, kept once they are loaded and dropped (a province's
 * million activities and five million participations are never all in memory): per year, and the
 * distinct teachers reached over each of its cycles, the periods longer than a year that are
 * assessed (期满考核). Counting participants over other runs of years would need them all kept.
 */
export interface ActivityTally {
  years: Map<number, ActivityYear>;
  /** Distinct teachers reached over each cycle's years, by `from-to`. */
  reachedOverCycles: Map<string, number>;
}

const SAMPLE = 3;

/** Tallies all of one studio's activities; `cycles` are its cycles' first and last years. */
export function tallyActivities(
  activities: readonly ActivityPlan[],
  cycles: readonly { from: number; to: number }[],
): ActivityTally {
  const years = new Map<number, ActivityYear>();
  const reached = new Map<number, Set<string>>();
  for (const activity of activities) {
    const year = Number(activity.date.slice(0, 4));
    let counts = years.get(year);
    if (!counts) {
      counts = { count: 0, byType: new Map(), outreach: 0, views: 0, teachersReached: 0, sample: [] };
      years.set(year, counts);
      reached.set(year, new Set());
    }
    counts.count += 1;
    counts.byType.set(activity.type, (counts.byType.get(activity.type) ?? 0) + 1);
    if (activity.type === 'OUTREACH') counts.outreach += 1;
    counts.views += activity.viewCount;
    if (counts.sample.length < SAMPLE) counts.sample.push({ id: activity.id, date: activity.date });
    const teachers = reached.get(year)!;
    for (const teacherId of activity.participantIds) teachers.add(teacherId);
  }
  for (const [year, teachers] of reached) years.get(year)!.teachersReached = teachers.size;
  const reachedOverCycles = new Map(
    cycles.map(({ from, to }) => {
      const teachers = new Set<string>();
      for (let year = from; year <= to; year++) for (const id of reached.get(year) ?? []) teachers.add(id);
      return [`${from}-${to}`, teachers.size];
    }),
  );
  return { years, reachedOverCycles };
}

/** Distinct teachers who took part in the studio's activities in one year, or over one of its cycles. */
export function teachersReached(tally: ActivityTally, from: number, to: number): number {
  if (from === to) return tally.years.get(from)?.teachersReached ?? 0;
  const overCycle = tally.reachedOverCycles.get(`${from}-${to}`);
  if (overCycle === undefined) throw new RangeError(`teachers reached in ${from}–${to} were not tallied`);
  return overCycle;
}
