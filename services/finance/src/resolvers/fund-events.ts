import { DEFAULT_PAGE_SIZE, InputCheck, MAX_PAGE_SIZE } from '@mingshi/graphql';
import type { Resolvers } from '../generated/resolvers-types';
import { fundEventFeed } from '../services/fund-event-feed';
import {
  findOwnEndpoint,
  listOwnEndpoints,
  pauseWebhookEndpoint,
  redeliverFundEvent,
  registerWebhookEndpoint,
  replayFundEvents,
  resumeWebhookEndpoint,
  rotateWebhookSecret,
} from '../webhooks/endpoint.service';

/** The fund-event feed, the events themselves, and the finance systems' webhook endpoints. */
export const fundEventResolvers: Resolvers = {
  Query: {
    fundEvents: (_parent, args, ctx) => fundEventFeed(ctx, args),
    webhookEndpoint: (_parent, { id }, ctx) => findOwnEndpoint(ctx, id, 'id'),
    webhookEndpoints: (_parent, _args, ctx) => listOwnEndpoints(ctx),
  },
  Mutation: {
    registerWebhookEndpoint: (_parent, { input }, ctx) => registerWebhookEndpoint(ctx, input),
    rotateWebhookSecret: (_parent, { input }, ctx) => rotateWebhookSecret(ctx, input),
    pauseWebhookEndpoint: (_parent, { input }, ctx) => pauseWebhookEndpoint(ctx, input),
    resumeWebhookEndpoint: (_parent, { input }, ctx) => resumeWebhookEndpoint(ctx, input),
    redeliverFundEvent: (_parent, { input }, ctx) => redeliverFundEvent(ctx, input),
    replayFundEvents: (_parent, { input }, ctx) => replayFundEvents(ctx, input),
  },
  FundEvent: {
    position: (event) => event.position!,
    // The workshop subgraph resolves the studio, and the server nulls it when the studio is hidden.
    workshop: (event) => ({ id: event.workshopId }),
    region: (event) => ({ code: event.regionCode }),
    allocation: (event, _args, ctx) => ctx.loaders.allocation.load(event.allocationId),
    expense: (event, _args, ctx) => (event.expenseId ? ctx.loaders.expense.load(event.expenseId) : null),
  },
  WebhookEndpoint: {
    region: (endpoint) => ({ code: endpoint.regionCode }),
    deliveredThrough: (endpoint) => String(endpoint.deliveredThrough),
    deliveries: (endpoint, args, ctx) => {
      const check = new InputCheck();
      const first = check.wholeNumber(args.first ?? DEFAULT_PAGE_SIZE, 'first', 1, MAX_PAGE_SIZE);
      check.done();
      return ctx.loaders.deliveries.load({ endpointId: endpoint.id, status: args.status ?? null, first });
    },
  },
  WebhookDelivery: {
    event: async (delivery, _args, ctx) => {
      const event = await ctx.loaders.fundEvent.load(delivery.eventId);
      // Deliveries are read by the endpoint's owner, whose scope holds every event it is sent.
      if (!event) throw new Error(`The event of delivery ${delivery.id} is not readable`);
      return event;
    },
    attempts: (delivery, _args, ctx) => ctx.loaders.attempts.load(delivery.id),
  },
};
