import { regionCodeProblem, filterScope } from '@mingshi/auth';
import { DEFAULT_PAGE_SIZE, InputCheck, MAX_PAGE_SIZE, isUuid, type Connection } from '@mingshi/graphql';
import type { FinanceContext } from '../context';
import { FundEventEntity } from '../entities';
import type { FundEventFilter } from '../generated/resolvers-types';
import { listableMoney, whereReadable } from './money-reach';

/** A position as clients write it: a non-negative whole number, at most what a bigint holds. */
const POSITION = /^(0|[1-9]\d{0,17})$/;

/** Why `value` is not a position (continuing its field's name), or null when it is one. */
export function positionProblem(value: string): string | null {
  return POSITION.test(value) ? null : 'must be a position: a whole number written in digits, 0 or more';
}

export interface FundEventFeedArgs {
  after?: string | null;
  first?: number | null;
  filter?: FundEventFilter | null;
}

/**
 * The log after a cursor, in position order. Only sequenced events have positions, and positions
 * are stamped gap-free after commit (event-sequencer.ts), so a page never holds an event that a
 * later page would place before it. The caller's reach of money applies as to every money read.
 */
export async function fundEventFeed(
  ctx: FinanceContext,
  args: FundEventFeedArgs,
): Promise<Connection<FundEventEntity>> {
  const check = new InputCheck();
  const limit = check.wholeNumber(args.first ?? DEFAULT_PAGE_SIZE, 'first', 1, MAX_PAGE_SIZE);
  const after = args.after ?? '0';
  check.expect('after', positionProblem(after));
  const filter = check.at('filter');
  const regionCode = args.filter?.regionCode ?? null;
  if (regionCode !== null) filter.expect('regionCode', regionCodeProblem(regionCode));
  const workshopId = args.filter?.workshopId ?? null;
  if (workshopId !== null && !isUuid(workshopId)) filter.refuse('workshopId', 'must be a studio id');
  const types = filter.list(args.filter?.types ?? [], 'types');
  check.done();

  const range = filterScope(ctx.principal, regionCode, 'filter.regionCode');
  const reach = await listableMoney(ctx);

  if (reach.kind === 'STUDIOS' && reach.workshopIds.length === 0) return page([], limit, args.after ?? null);

  const query = whereReadable(
    (await ctx.tx.manager())
      .getRepository(FundEventEntity)
      .createQueryBuilder('ev')
      .where('ev.position > :after', { after })
      .orderBy('ev.position', 'ASC')
      .limit(limit + 1),
    'ev',
    range,
    reach,
    'through allocation',
  );
  if (workshopId) query.andWhere('ev.workshop_id = :workshopId', { workshopId });
  if (types.length > 0) query.andWhere('ev.type IN (:...types)', { types });
  return page(await query.getMany(), limit, args.after ?? null);
}

/** A page whose cursors are the events' positions (plain, so a consumer can store and compare them). */
function page(rows: FundEventEntity[], limit: number, after: string | null): Connection<FundEventEntity> {
  const nodes = rows.slice(0, limit);
  const edges = nodes.map((node) => ({ cursor: node.position!, node }));
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage: rows.length > limit,
      hasPreviousPage: after !== null && after !== '0',
      startCursor: edges[0]?.cursor ?? null,
      // An empty page still says where to continue from: where it started.
      endCursor: edges[edges.length - 1]?.cursor ?? after,
    },
    totalCount: async () => nodes.length,
  };
}
