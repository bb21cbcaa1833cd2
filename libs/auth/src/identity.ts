import { SignJWT, jwtVerify } from 'jose';
import { ALL_ROLES, type Principal, type Role } from './roles';

/**
 * Gateway-signed identity. The gateway verifies the caller's JWT, then forwards the principal to
 * subgraphs in this header, signed with a secret only the gateway and subgraphs share. Subgraphs
 * refuse any request without a valid one, so `_entities` or any field cannot be reached by going
 * around the gateway.
 */
export const IDENTITY_HEADER = 'x-mingshi-identity';

const AUDIENCE = 'mingshi-subgraphs';
const ISSUER = 'mingshi-gateway';
/**
 * Short, because the header is never stored: the gateway signs it for a caller and reuses it for at
 * most half this lifetime (gateway/src/verified-callers.ts).
 */
export const IDENTITY_LIFETIME_SECONDS = 60;

export async function signIdentity(principal: Principal, secret: string): Promise<string> {
  return new SignJWT({
    roles: principal.roles,
    region: principal.regionCode,
    ...(principal.teacherId ? { teacherId: principal.teacherId } : {}),
    ...(principal.schoolId ? { schoolId: principal.schoolId } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(principal.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${IDENTITY_LIFETIME_SECONDS}s`)
    .sign(new TextEncoder().encode(secret));
}

/** Returns the principal, or throws if the header is not a valid, unexpired gateway signature. */
export async function verifyIdentity(token: string, secret: string): Promise<Principal> {
  const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ['HS256'],
  });
  return principalFromClaims(payload);
}

/** Reads a principal from JWT claims, refusing anything malformed rather than guessing. */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const { sub, roles, region, teacherId, schoolId } = claims;
  if (typeof sub !== 'string' || sub === '') throw new Error('token has no subject');
  if (!Array.isArray(roles) || roles.length === 0) throw new Error('token has no roles');
  for (const role of roles) {
    if (!ALL_ROLES.includes(role as Role)) throw new Error(`token has unknown role ${String(role)}`);
  }
  if (typeof region !== 'string' || !/^\d{6}$/.test(region)) {
    throw new Error('token has no valid region');
  }
  return {
    userId: sub,
    roles: roles as Role[],
    regionCode: region,
    ...(typeof teacherId === 'string' ? { teacherId } : {}),
    ...(typeof schoolId === 'string' ? { schoolId } : {}),
  };
}
