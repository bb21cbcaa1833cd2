import { decodeJwt } from 'jose';
import { LRUCache } from 'lru-cache';
import { IDENTITY_LIFETIME_SECONDS, signIdentity, type Principal, type TokenVerifier } from '@mingshi/auth';

/** A caller the gateway has verified, with the identity it signs onward for them. */
export interface VerifiedCaller {
  principal: Principal;
  signedIdentity: string;
}

/**
 * Remembers, for a short while, the callers whose tokens the gateway has verified. A front end
 * sends the same token with every request of a session, and verifying an RS256 signature and
 * signing the onward identity were about a tenth of the gateway's CPU per request.
 *
 * Safe because the entry is keyed by the exact token string and lives no longer than the token
 * itself, nor than half the signed identity's lifetime (so an identity reused near the end of an
 * entry still outlives the request's budget). Refused tokens are not remembered: each is checked
 * afresh, as before. Tokens signed by a key the identity provider has since withdrawn stay valid
 * for at most the entry's life.
 */
export class VerifiedCallers {
  private readonly entries: LRUCache<string, VerifiedCaller>;
  private readonly lifetimeMs = (IDENTITY_LIFETIME_SECONDS * 1000) / 2;

  constructor(
    private readonly verifyToken: TokenVerifier,
    private readonly identitySecret: string,
    /** Distinct sessions remembered at once; the least recently seen are forgotten first. */
    maxCallers = 10_000,
  ) {
    this.entries = new LRUCache({ max: maxCallers });
  }

  /** The token's caller; rejects with the verifier's TokenRejectedError for a token it refuses. */
  async resolve(token: string): Promise<VerifiedCaller> {
    const known = this.entries.get(token);
    if (known) return known;
    const principal = await this.verifyToken(token);
    const caller = { principal, signedIdentity: await signIdentity(principal, this.identitySecret) };
    const ttl = Math.min(this.lifetimeMs, this.msUntilExpiry(token));
    if (ttl > 0) this.entries.set(token, caller, { ttl });
    return caller;
  }

  /** The verifier accepted the token, so its `exp` (if any) is trustworthy. */
  private msUntilExpiry(token: string): number {
    const { exp } = decodeJwt(token);
    return exp === undefined ? Number.POSITIVE_INFINITY : exp * 1000 - Date.now();
  }
}
