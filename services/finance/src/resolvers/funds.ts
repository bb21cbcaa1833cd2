import type { Resolvers } from '../generated/resolvers-types';

/** Allocations, expenses, policies, funding (placeholder until the funds work lands). */
export const fundResolvers: Resolvers = { Query: {}, Mutation: {} };
