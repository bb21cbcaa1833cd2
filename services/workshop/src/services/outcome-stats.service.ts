import type { RegionRange } from '@mingshi/auth';
import { boundedPerRangeSql, type RequestTransaction } from '@mingshi/db';
import { enumOrder } from '@mingshi/graphql';
import type { RegionRef } from '@mingshi/subgraph-server';
import type { WorkshopContext } from '../context';
import type {
  AchievementLevel,
  OutcomeDimension,
  OutcomeKind,
  OutcomeStatsFilter,
  PeriodInput,
} from '../generated/resolvers-types';
import { workshopSchema } from '../schema-document';
import { regionFigures, rootFigures } from './aggregate-studios';
import { readStudioWorkArgs, studioWorkStatement, type StudioWorkArgs } from './studio-work-stats';
import { outcomeAchievedDuring } from './metrics-sql';
import {
  enumDimension,
  groupingSql,
  readGroupsPerRange,
  studioWorkDimensions,
  yearDimension,
  type Dimension,
  type StatsRow,
  type StudioGroupFields,
} from './stats-grouping';

/** The OutcomeStatsGroup GraphQL type; `workshop` is the studio's id, resolved by the group's resolver. */
export interface OutcomeStatsGroupView extends StudioGroupFields {
  kind: OutcomeKind | null;
  achievementLevel: AchievementLevel | null;
  year: number | null;
  outcomeCount: number;
  workshopCount: number;
  authorships: number;
  authorCount: number;
}

/** An outcomeStats call once read: the arguments its range loader batches by. */
export interface OutcomeStatsArgs extends StudioWorkArgs<OutcomeDimension> {
  kind: OutcomeKind | null;
  level: AchievementLevel | null;
}

/** Each dimension over the covered studios `s` and their outcomes `o`. */
const DIMENSIONS: Record<OutcomeDimension, Dimension<OutcomeStatsGroupView>> = {
  ...studioWorkDimensions<OutcomeStatsGroupView>(),
  KIND: enumDimension('kind', 'o.kind', enumOrder(workshopSchema, 'OutcomeKind')),
  ACHIEVEMENT_LEVEL: enumDimension(
    'achievementLevel',
    'o.level',
    enumOrder(workshopSchema, 'AchievementLevel'),
  ),
  YEAR: yearDimension('year', `date_part('year', o.achieved_on)::int`),
};

/** Query.outcomeStats: the outcomes of the studios founded in the caller's scope. */
export function outcomeStats(
  ctx: WorkshopContext,
  filter: OutcomeStatsFilter | null | undefined,
  period: PeriodInput,
  groupBy: readonly OutcomeDimension[] | null | undefined,
): Promise<OutcomeStatsGroupView[]> {
  return rootFigures(
    ctx,
    ctx.loaders.outcomeStats,
    filter?.workshop,
    'filter.workshop',
    readOutcomeStatsArgs(filter, period, groupBy),
  );
}

/** Region.outcomeStats: the same over the region's subtree; null outside the caller's scope. */
export function regionOutcomeStats(
  ctx: WorkshopContext,
  region: RegionRef,
  filter: OutcomeStatsFilter | null | undefined,
  period: PeriodInput,
  groupBy: readonly OutcomeDimension[] | null | undefined,
): Promise<OutcomeStatsGroupView[] | null> {
  const question = readOutcomeStatsArgs(filter, period, groupBy);
  return regionFigures(ctx, ctx.loaders.outcomeStats, region, filter?.workshop, 'filter.workshop', question);
}

function readOutcomeStatsArgs(
  filter: OutcomeStatsFilter | null | undefined,
  period: PeriodInput,
  groupBy: readonly OutcomeDimension[] | null | undefined,
): OutcomeStatsArgs {
  return {
    ...readStudioWorkArgs(filter, period, groupBy),
    kind: filter?.kind ?? null,
    level: filter?.level ?? null,
  };
}

/**
 * The groups of one call's arguments for many ranges, in one statement: the period's outcomes of
 * the covered studios `s`, each with its authors (an outcome recorded without any still counts),
 * grouped by range and dimensions. Outcomes are few beside activities (a province's year is a few
 * thousand, with about twice as many author credits), so the distinct counts read them in one
 * pass rather than in branches of their own as activityStats must. The batch function of the
 * per-request loader, which refuses a range past the bound.
 */
export async function loadOutcomeStats(
  tx: RequestTransaction,
  ranges: readonly RegionRange[],
  args: OutcomeStatsArgs,
): Promise<OutcomeStatsGroupView[][]> {
  const manager = await tx.manager();
  const { studiosSql, params, period } = await studioWorkStatement(manager, ranges, args);
  const kind = args.kind ? `AND o.kind = ${params.add(args.kind)}` : '';
  const level = args.level ? `AND o.level = ${params.add(args.level)}` : '';
  const dimensions = args.groupBy.map((d) => DIMENSIONS[d]);
  const grouping = groupingSql(dimensions);
  const rows = (await manager.query(
    `WITH s AS (${studiosSql})
     ${boundedPerRangeSql(`
       SELECT s.k, ${grouping.select}
              count(DISTINCT o.id) AS outcome_count,
              count(DISTINCT o.workshop_id) AS workshop_count,
              count(a.teacher_id) AS authorships,
              count(DISTINCT a.teacher_id) AS author_count
         FROM s JOIN workshop.outcome o ON o.workshop_id = s.id AND ${outcomeAchievedDuring('o', period)}
              ${kind} ${level}
              LEFT JOIN workshop.outcome_author a ON a.outcome_id = o.id AND a.workshop_id = o.workshop_id
        GROUP BY s.k${grouping.groupBy}`)}`,
    params.values,
  )) as StatsRow[];
  return readGroupsPerRange(rows, ranges.length, dimensions, blankGroup, (row) => ({
    outcomeCount: Number(row?.outcome_count ?? 0),
    workshopCount: Number(row?.workshop_count ?? 0),
    authorships: Number(row?.authorships ?? 0),
    authorCount: Number(row?.author_count ?? 0),
  }));
}

function blankGroup(): OutcomeStatsGroupView {
  return {
    city: null,
    county: null,
    level: null,
    workshopType: null,
    workshop: null,
    kind: null,
    achievementLevel: null,
    year: null,
    outcomeCount: 0,
    workshopCount: 0,
    authorships: 0,
    authorCount: 0,
  };
}
