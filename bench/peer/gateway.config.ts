import { defineConfig } from '@graphql-hive/gateway';

/** The header the subgraphs authenticate callers by (IDENTITY_HEADER of @mingshi/auth), from the bench. */
const identityHeader = process.env.PEER_IDENTITY_HEADER ?? 'x-mingshi-identity';

/**
 * Hive Gateway as the bench runs it beside ours (bench/peer-gateway.ts): its defaults but for the
 * two settings below. Hive's loader imports this file itself, so it imports nothing of ours.
 */
export const gatewayConfig = defineConfig({
  // The bench signs the caller's identity itself (the peer does not verify our JWTs), so the
  // subgraphs must get the header the caller sent.
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ [identityHeader]: request.headers.get(identityHeader) }),
  },
  // Hive merges identical subgraph requests in flight at once (deduplicateInflightRequests of its
  // HTTP executor, on by default). The bench's concurrent requests are identical, identity and all;
  // real callers' are not, so the peer must do each one's work as ours does. (Deduplicating the
  // gateway's own incoming requests, inboundInflightRequestDeduplication, is off by default.)
  transportEntries: {
    '*.http': { options: { deduplicateInflightRequests: false } },
  },
});
