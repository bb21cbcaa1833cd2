import type { Resolvers } from '../generated/resolvers-types';

/** The fund-event feed and webhook endpoints (placeholder until the events work lands). */
export const fundEventResolvers: Resolvers = { Query: {}, Mutation: {} };
