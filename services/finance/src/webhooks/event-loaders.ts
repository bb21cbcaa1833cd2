import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { alignToKeys, groupToKeys, type RequestTransaction } from '@mingshi/db';
import { isUuid } from '@mingshi/graphql';
import type { FinanceContext } from '../context';
import {
  FundAllocationEntity,
  FundEventEntity,
  WebhookAttemptEntity,
  WebhookDeliveryEntity,
} from '../entities';
import { canRead, readableMoney } from '../services/money-reach';
import type { WebhookDeliveryStatus } from '../generated/resolvers-types';

/** Which deliveries of an endpoint a field asks for: newest first, at most `first`. */
export interface DeliveryPage {
  endpointId: string;
  status: WebhookDeliveryStatus | null;
  first: number;
}

/**
 * Loaders of fund events, webhook deliveries and attempts: one query per kind for a whole page.
 * Row-level security holds them to the caller's region; an event whose allocation the caller's
 * role may not read loads as null, by the rule every money read applies (money-reach.ts).
 */
export function createEventLoaders(tx: RequestTransaction, ctx: () => FinanceContext) {
  return {
    fundEvent: new DataLoader<string, FundEventEntity | null>(async (ids) => {
      const manager = await tx.manager();
      const rows = await manager.getRepository(FundEventEntity).findBy({ id: In(ids.filter(isUuid)) });
      const allocations = await manager
        .getRepository(FundAllocationEntity)
        .findBy({ id: In([...new Set(rows.map((row) => row.allocationId))]) });
      const schoolOf = new Map(allocations.map((a) => [a.id, a.hostSchoolId]));
      const reach = await readableMoney(ctx());
      const readable = rows.filter(
        (row) =>
          row.position !== null &&
          canRead(reach, { workshopId: row.workshopId, hostSchoolId: schoolOf.get(row.allocationId) ?? '' }),
      );
      return alignToKeys(ids, readable, (row) => row.id);
    }),
    /** Keyed by page; pages asking the same status and size share one windowed query. */
    deliveries: new DataLoader<DeliveryPage, WebhookDeliveryEntity[], string>(
      async (pages) => {
        const manager = await tx.manager();
        const byShape = new Map<string, DeliveryPage[]>();
        for (const page of pages) {
          const shape = `${page.status ?? ''}|${page.first}`;
          byShape.set(shape, [...(byShape.get(shape) ?? []), page]);
        }
        const found = new Map<string, WebhookDeliveryEntity[]>();
        for (const [shape, group] of byShape) {
          const { status, first } = group[0]!;
          const ids = group.map((page) => page.endpointId);
          const rows = await manager
            .getRepository(WebhookDeliveryEntity)
            .createQueryBuilder('d')
            .where(
              `d.id IN (SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY endpoint_id ORDER BY created_at DESC, position DESC) AS n
                 FROM finance.webhook_delivery WHERE endpoint_id = ANY (:ids) AND (:status::varchar IS NULL OR status = :status)) ranked
               WHERE n <= :first)`,
              { ids, status, first },
            )
            .orderBy('d.created_at', 'DESC')
            .addOrderBy('d.position', 'DESC')
            .getMany();
          groupToKeys(ids, rows, (row) => row.endpointId).forEach((list, i) =>
            found.set(`${ids[i]}|${shape}`, list),
          );
        }
        return pages.map((page) => found.get(deliveryPageKey(page)) ?? []);
      },
      { cacheKeyFn: deliveryPageKey },
    ),
    attempts: new DataLoader<string, WebhookAttemptEntity[]>(async (deliveryIds) => {
      const rows = await (
        await tx.manager()
      )
        .getRepository(WebhookAttemptEntity)
        .find({ where: { deliveryId: In([...deliveryIds]) }, order: { id: 'ASC' } });
      return groupToKeys(deliveryIds, rows, (row) => row.deliveryId);
    }),
  };
}

function deliveryPageKey(page: DeliveryPage): string {
  return `${page.endpointId}|${page.status ?? ''}|${page.first}`;
}
