import { DateScalar, DateTimeScalar, MoneyScalar } from '@mingshi/graphql';
import type { Resolvers } from '../generated/resolvers-types';
import { fundEventResolvers } from './fund-events';
import { fundResolvers } from './funds';

/** Funds (allocations, expenses, policies) and the fund-event log (feed, webhooks) are two slices. */
export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Money: MoneyScalar,
  ...fundResolvers,
  ...fundEventResolvers,
  Query: { ...fundResolvers.Query, ...fundEventResolvers.Query },
  Mutation: { ...fundResolvers.Mutation, ...fundEventResolvers.Mutation },
};
