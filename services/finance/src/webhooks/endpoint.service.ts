import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { rangeWithin, regionCodeProblem, regionRange, scopeOf } from '@mingshi/auth';
import { ConflictError, ForbiddenError, InputCheck, NotFoundError, isUuid } from '@mingshi/graphql';
import type { FinanceContext } from '../context';
import { FundEventEntity, WebhookDeliveryEntity, WebhookEndpointEntity } from '../entities';
import type {
  FundEventType,
  RedeliverFundEventInput,
  RegisterWebhookEndpointInput,
  ReplayFundEventsInput,
  WebhookEndpointInput,
} from '../generated/resolvers-types';
import { canManageWebhooks } from '../rules/permissions';
import { positionProblem } from '../services/fund-event-feed';
import { idempotently, readIdempotencyKey } from '../services/idempotency';
import { WEBHOOK_DELIVERIES_CHANNEL } from './delivery-dispatcher';
import { webhookUrlProblem } from './url-safety';

/** How long the old secret keeps signing after a rotation, so receivers can switch without a gap. */
export const ROTATION_OVERLAP_HOURS = 24;
const MAX_DESCRIPTION = 500;
const EVENT_TYPE_COUNT = 9;

export interface EndpointWithSecret {
  endpoint: WebhookEndpointEntity;
  secret: string;
}

/** A new signing secret: `whsec_` and the base64 of 24 random bytes (192 bits). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** Webhook endpoints belong to finance systems (and the system itself); everyone else is refused. */
function assertManagesWebhooks(ctx: FinanceContext): void {
  if (!canManageWebhooks(ctx.principal)) {
    throw new ForbiddenError('Only a finance system manages webhook endpoints');
  }
}

/** The caller's own endpoint; another's (or one outside the caller's scope) is NOT_FOUND. */
export async function findOwnEndpoint(
  ctx: FinanceContext,
  id: string,
  field?: string,
  manager?: EntityManager,
): Promise<WebhookEndpointEntity> {
  assertManagesWebhooks(ctx);
  const m = manager ?? (await ctx.tx.manager());
  const endpoint = isUuid(id)
    ? await m.getRepository(WebhookEndpointEntity).findOne({
        where: { id, ownerId: ctx.principal.userId },
        ...(manager ? { lock: { mode: 'pessimistic_write' as const } } : {}),
      })
    : null;
  if (!endpoint) throw new NotFoundError('Webhook endpoint', id, field);
  return endpoint;
}

export async function listOwnEndpoints(ctx: FinanceContext): Promise<WebhookEndpointEntity[]> {
  assertManagesWebhooks(ctx);
  return (await ctx.tx.manager())
    .getRepository(WebhookEndpointEntity)
    .find({ where: { ownerId: ctx.principal.userId }, order: { createdAt: 'ASC', id: 'ASC' } });
}

/**
 * A finance system registers an endpoint for the events of a region in its scope (its own by
 * default). It is sent events from now on: its cursor starts at the log's current end.
 */
export async function registerWebhookEndpoint(
  ctx: FinanceContext,
  input: RegisterWebhookEndpointInput,
): Promise<EndpointWithSecret> {
  const check = new InputCheck('input');
  const url = check.text(input.url, 'url', 2000);
  if (!check.failed('url')) check.expect('url', await webhookUrlProblem(url, ctx.settings.webhookUrls));
  const eventTypes = check.list(input.eventTypes ?? [], 'eventTypes', { max: EVENT_TYPE_COUNT });
  const regionCode = input.regionCode ?? ctx.principal.regionCode;
  check.expect('regionCode', regionCodeProblem(regionCode));
  const description = check.optionalText(input.description, 'description', MAX_DESCRIPTION);
  const key = readIdempotencyKey(check, input.idempotencyKey);
  check.done();

  assertManagesWebhooks(ctx);
  if (!rangeWithin(regionRange(regionCode), scopeOf(ctx.principal))) {
    throw new ForbiddenError(`Region ${regionCode} is outside your scope`, 'input.regionCode');
  }
  return idempotently(ctx, {
    operation: 'registerWebhookEndpoint',
    key,
    input,
    work: async (manager) => {
      const [top] = (await manager.query(
        `SELECT coalesce(max(position), 0)::text AS position FROM finance.fund_event`,
      )) as { position: string }[];
      const secret = newWebhookSecret();
      const endpoint = await manager.getRepository(WebhookEndpointEntity).save({
        ownerId: ctx.principal.userId,
        regionCode,
        url,
        eventTypes: eventTypes as FundEventType[],
        description,
        secret,
        deliveredThrough: top!.position,
      });
      return { id: endpoint.id, result: { endpoint: await reload(manager, endpoint.id), secret } };
    },
    replay: (id) => withSecret(ctx, id),
  });
}

/** A new secret; the old one keeps signing beside it for ROTATION_OVERLAP_HOURS. */
export async function rotateWebhookSecret(
  ctx: FinanceContext,
  input: WebhookEndpointInput,
): Promise<EndpointWithSecret> {
  const key = readEndpointInput(input);
  return idempotently(ctx, {
    operation: 'rotateWebhookSecret',
    key,
    input,
    work: async (manager) => {
      const endpoint = await findOwnEndpoint(ctx, input.endpointId, 'input.endpointId', manager);
      const secret = newWebhookSecret();
      await manager.query(
        `UPDATE finance.webhook_endpoint
         SET previous_secret = secret, secret = $2,
             previous_secret_expires_at = now() + make_interval(hours => $3), updated_at = now()
         WHERE id = $1`,
        [endpoint.id, secret, ROTATION_OVERLAP_HOURS],
      );
      return { id: endpoint.id, result: { endpoint: await reload(manager, endpoint.id), secret } };
    },
    replay: (id) => withSecret(ctx, id),
  });
}

/** Stops deliveries; the cursor stays, so resume sends what came meanwhile. */
export async function pauseWebhookEndpoint(
  ctx: FinanceContext,
  input: WebhookEndpointInput,
): Promise<WebhookEndpointEntity> {
  const key = readEndpointInput(input);
  return idempotently(ctx, {
    operation: 'pauseWebhookEndpoint',
    key,
    input,
    work: async (manager) => {
      const endpoint = await findOwnEndpoint(ctx, input.endpointId, 'input.endpointId', manager);
      if (endpoint.status === 'DISABLED') {
        throw new ConflictError('The endpoint is disabled; resume it to have events sent again');
      }
      await manager.query(
        `UPDATE finance.webhook_endpoint SET status = 'PAUSED', updated_at = now() WHERE id = $1`,
        [endpoint.id],
      );
      return { id: endpoint.id, result: await reload(manager, endpoint.id) };
    },
    replay: (id) => findOwnEndpoint(ctx, id),
  });
}

/** Sends events again to a paused or disabled endpoint, from where it stopped. */
export async function resumeWebhookEndpoint(
  ctx: FinanceContext,
  input: WebhookEndpointInput,
): Promise<WebhookEndpointEntity> {
  const key = readEndpointInput(input);
  return idempotently(ctx, {
    operation: 'resumeWebhookEndpoint',
    key,
    input,
    work: async (manager) => {
      const endpoint = await findOwnEndpoint(ctx, input.endpointId, 'input.endpointId', manager);
      await manager.query(
        `UPDATE finance.webhook_endpoint
         SET status = 'ACTIVE', disabled_reason = NULL, failing_since = NULL, updated_at = now()
         WHERE id = $1`,
        [endpoint.id],
      );
      await wakeFanOut(manager);
      return { id: endpoint.id, result: await reload(manager, endpoint.id) };
    },
    replay: (id) => findOwnEndpoint(ctx, id),
  });
}

/** One event sent again: a new delivery with the event's id as its webhook-id. */
export async function redeliverFundEvent(
  ctx: FinanceContext,
  input: RedeliverFundEventInput,
): Promise<WebhookDeliveryEntity> {
  const check = new InputCheck('input');
  const key = readIdempotencyKey(check, input.idempotencyKey);
  check.done();
  return idempotently(ctx, {
    operation: 'redeliverFundEvent',
    key,
    input,
    work: async (manager) => {
      const endpoint = await findOwnEndpoint(ctx, input.endpointId, 'input.endpointId', manager);
      const event = await findEventFor(ctx, manager, endpoint, input.eventId);
      const delivery = await manager.getRepository(WebhookDeliveryEntity).save({
        endpointId: endpoint.id,
        regionCode: endpoint.regionCode,
        eventId: event.id,
        position: event.position!,
      });
      await wakeFanOut(manager);
      const saved = await manager.getRepository(WebhookDeliveryEntity).findOneByOrFail({ id: delivery.id });
      return { id: delivery.id, result: saved };
    },
    replay: async (id) =>
      await (await ctx.tx.manager()).getRepository(WebhookDeliveryEntity).findOneByOrFail({ id }),
  });
}

/**
 * Moves the endpoint's cursor back to `after`: every matching event after it is sent again, in
 * order. The cursor only moves back; events past it are already on their way.
 */
export async function replayFundEvents(
  ctx: FinanceContext,
  input: ReplayFundEventsInput,
): Promise<WebhookEndpointEntity> {
  const check = new InputCheck('input');
  const after = input.after ?? '0';
  check.expect('after', positionProblem(after));
  const key = readIdempotencyKey(check, input.idempotencyKey);
  check.done();
  return idempotently(ctx, {
    operation: 'replayFundEvents',
    key,
    input,
    work: async (manager) => {
      const endpoint = await findOwnEndpoint(ctx, input.endpointId, 'input.endpointId', manager);
      if (BigInt(after) > BigInt(endpoint.deliveredThrough)) {
        throw new ConflictError(
          `The endpoint has been sent events through position ${endpoint.deliveredThrough}; a replay starts at or before it`,
        );
      }
      await manager.query(
        `UPDATE finance.webhook_endpoint SET delivered_through = $2, updated_at = now() WHERE id = $1`,
        [endpoint.id, after],
      );
      await wakeFanOut(manager);
      return { id: endpoint.id, result: await reload(manager, endpoint.id) };
    },
    replay: (id) => findOwnEndpoint(ctx, id),
  });
}

function readEndpointInput(input: WebhookEndpointInput): string | null {
  const check = new InputCheck('input');
  const key = readIdempotencyKey(check, input.idempotencyKey);
  check.done();
  return key;
}

/** A sequenced event the caller may read and the endpoint would be sent. */
async function findEventFor(
  ctx: FinanceContext,
  manager: EntityManager,
  endpoint: WebhookEndpointEntity,
  eventId: string,
): Promise<FundEventEntity> {
  const event = isUuid(eventId)
    ? await manager.getRepository(FundEventEntity).findOneBy({ id: eventId })
    : null;
  const { lo, hi } = regionRange(endpoint.regionCode);
  const inRegion = (code: string) => code >= lo && code <= hi;
  const readable = event ? await ctx.loaders.allocation.load(event.allocationId) : null;
  if (
    !event ||
    event.position === null ||
    !readable ||
    !(inRegion(event.regionCode) || inRegion(event.hostRegionCode))
  ) {
    throw new NotFoundError('Fund event', eventId, 'input.eventId');
  }
  return event;
}

/** The fan-out and dispatcher hear this at commit (the mutation's changes are visible by then). */
async function wakeFanOut(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_notify($1, '')`, [WEBHOOK_DELIVERIES_CHANNEL]);
}

async function reload(manager: EntityManager, id: string): Promise<WebhookEndpointEntity> {
  return manager.getRepository(WebhookEndpointEntity).findOneByOrFail({ id });
}

/** A repeated registration or rotation answers as the first did, secret included (same caller, same key). */
async function withSecret(ctx: FinanceContext, id: string): Promise<EndpointWithSecret> {
  const endpoint = await findOwnEndpoint(ctx, id);
  return { endpoint, secret: endpoint.secret };
}
