import { SignJWT, jwtVerify, errors } from 'jose';

/**
 * Download links are bearer capabilities: a short-lived token naming the report and the user it
 * was issued to, signed with a secret only the reports service holds. A browser follows a link
 * without sending the caller's bearer token, so the link itself must carry the authorisation —
 * and expire soon, since anyone holding it may use it until then. The audit records who it was
 * issued to.
 */
const AUDIENCE = 'mingshi-report-download';
const ISSUER = 'mingshi-reports';

export const DEFAULT_LINK_SECONDS = 300;
export const MAX_LINK_SECONDS = 3600;

export interface DownloadGrant {
  reportId: string;
  userId: string;
}

export class DownloadLinks {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    /**
     * The public base the links start with (the gateway), e.g. https://graph.example.cn — asked
     * for each link, since in tests the gateway starts after this service.
     */
    private readonly baseUrl: () => string,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(
    grant: DownloadGrant,
    seconds: number,
    now = new Date(),
  ): Promise<{ url: string; expiresAt: Date }> {
    const issued = Math.floor(now.getTime() / 1000);
    const token = await new SignJWT({ rid: grant.reportId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(grant.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issued)
      .setExpirationTime(issued + seconds)
      .sign(this.key);
    return {
      url: `${this.baseUrl().replace(/\/$/, '')}/reports/downloads/${token}`,
      expiresAt: new Date((issued + seconds) * 1000),
    };
  }

  /** The grant a token carries, or why it is refused (expired, or not signed by us). */
  async verify(token: string): Promise<DownloadGrant | { refused: 'expired' | 'invalid' }> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      if (typeof payload.rid !== 'string' || typeof payload.sub !== 'string') return { refused: 'invalid' };
      return { reportId: payload.rid, userId: payload.sub };
    } catch (error) {
      return { refused: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
    }
  }
}
