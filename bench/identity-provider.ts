import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Principal } from '@mingshi/auth';

/**
 * Plays the identity provider for one run. The gateway runs as in production, where it refuses the
 * shared development secret (gateway/src/config.ts), so `mintDevToken` cannot serve: callers'
 * tokens are RS256 with a key pair of this run, whose public key is the gateway's JWT_PUBLIC_KEY.
 * The claims are those `mintDevToken` writes and the gateway reads (principalFromClaims).
 */
export class BenchIdentityProvider {
  readonly publicKeyPem: string;
  private readonly privateKey: KeyObject;

  constructor() {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.privateKey = privateKey;
  }

  token(principal: Principal): Promise<string> {
    return new SignJWT({
      roles: principal.roles,
      region: principal.regionCode,
      ...(principal.teacherId ? { teacherId: principal.teacherId } : {}),
      ...(principal.schoolId ? { schoolId: principal.schoolId } : {}),
    })
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject(principal.userId)
      .setIssuedAt()
      .setExpirationTime('12h')
      .sign(this.privateKey);
  }
}
