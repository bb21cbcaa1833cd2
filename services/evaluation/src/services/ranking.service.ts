import {
  BadUserInputError,
  ForbiddenError,
  readPage,
  toConnection,
  type Connection,
  type PageArgs,
} from '@mingshi/graphql';
import type { EvaluationContext } from '../context';
import type { Grade } from '../generated/resolvers-types';
import { readsScope } from '../rules/permissions';
import { HAS_CURRENT_RESULT, RANK_IN_ROUND } from './result-queries';
import { getRound } from './round.service';

/** One entry of a round's ranking. */
export interface RankingRow {
  rank: number;
  assessmentId: string;
  total: number;
  grade: Grade;
}

/**
 * A round's finalised results ranked by total, in SQL over the rows the caller may see (a county
 * ranks its own studios; ranks never reveal studios a list would not show).
 */
export async function roundRanking(
  ctx: EvaluationContext,
  roundId: string,
  pageArgs: PageArgs,
): Promise<Connection<RankingRow>> {
  const page = readPage(pageArgs);
  if (!readsScope(ctx.principal))
    throw new ForbiddenError('Rankings are for offices, analysts and evaluators');
  const round = await getRound(ctx, roundId, 'roundId');
  const after = page.after;
  if (after && (after.length !== 2 || typeof after[0] !== 'number' || typeof after[1] !== 'string')) {
    throw new BadUserInputError('after is not a cursor for this list', 'after');
  }
  const manager = await ctx.tx.manager();
  const rows = (await manager.query(
    `SELECT * FROM (
       SELECT a.id, a.total_points, a.grade, ${RANK_IN_ROUND} AS rank
         FROM evaluation.assessment a
        WHERE a.round_id = $1 AND ${HAS_CURRENT_RESULT}) ranked
      WHERE $2::int IS NULL OR (total_points, id) < ($2::int, $3::uuid)
      ORDER BY total_points DESC, id DESC
      LIMIT $4`,
    [round.id, after?.[0] ?? null, after?.[1] ?? null, page.limit + 1],
  )) as { id: string; total_points: number; grade: Grade; rank: number }[];
  const entries = rows.map((r) => ({
    rank: r.rank,
    assessmentId: r.id,
    total: r.total_points,
    grade: r.grade,
  }));
  return toConnection(
    entries,
    page,
    (r) => [r.total, r.assessmentId],
    async () => {
      const [{ n }] = (await manager.query(
        `SELECT count(*)::int AS n FROM evaluation.assessment a WHERE a.round_id = $1 AND ${HAS_CURRENT_RESULT}`,
        [round.id],
      )) as { n: number }[];
      return n!;
    },
  );
}
