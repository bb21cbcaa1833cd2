import { SignJWT, createRemoteJWKSet, importSPKI, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { principalFromClaims } from './identity';
import { Role, TEACHER_ROLES, type Principal } from './roles';
import { TokenRejectedError, explainTokenFailure } from './token-rejection';

/**
 * How the gateway checks callers' JWTs: a shared secret in development, a JWKS URL or a PEM public
 * key in production.
 */
export type TokenVerification =
  | { kind: 'secret'; secret: string }
  | { kind: 'jwks'; url: string }
  | { kind: 'publicKey'; pem: string; algorithm: string };

export interface TokenCheck {
  issuer?: string;
  audience?: string;
}

/** Resolves the caller, or rejects with a TokenRejectedError whose message the caller may read. */
export type TokenVerifier = (token: string) => Promise<Principal>;

export async function createTokenVerifier(
  verification: TokenVerification,
  check: TokenCheck = {},
): Promise<TokenVerifier> {
  let key: Uint8Array | Awaited<ReturnType<typeof importSPKI>> | JWTVerifyGetKey;
  let algorithms: string[] | undefined;
  switch (verification.kind) {
    case 'secret':
      key = new TextEncoder().encode(verification.secret);
      algorithms = ['HS256'];
      break;
    case 'jwks':
      key = createRemoteJWKSet(new URL(verification.url));
      break;
    case 'publicKey':
      key = await importSPKI(verification.pem, verification.algorithm);
      algorithms = [verification.algorithm];
      break;
  }
  return async (token) => {
    const options = { issuer: check.issuer, audience: check.audience, algorithms };
    let payload;
    try {
      ({ payload } =
        typeof key === 'function'
          ? await jwtVerify(token, key, options)
          : await jwtVerify(token, key, options));
    } catch (error) {
      throw explainTokenFailure(error);
    }
    return callerPrincipal(payload);
  };
}

/** The principal a verified token names, if it is one callers may be. */
function callerPrincipal(claims: Record<string, unknown>): Principal {
  let principal: Principal;
  try {
    principal = principalFromClaims(claims);
  } catch (error) {
    throw new TokenRejectedError(`The token was refused: ${(error as Error).message}`);
  }
  if (principal.roles.includes(Role.SYSTEM)) throw new TokenRejectedError('SYSTEM is not a caller role');
  if (principal.roles.some((r) => TEACHER_ROLES.includes(r)) && !principal.teacherId) {
    throw new TokenRejectedError('HOST and TEACHER tokens must name the teacher they act as');
  }
  if (principal.roles.includes(Role.SCHOOL_ADMIN) && !principal.schoolId) {
    throw new TokenRejectedError('SCHOOL_ADMIN tokens must name their school');
  }
  return principal;
}

/** Mints a development token (HS256). Production tokens come from the identity provider. */
export async function mintDevToken(
  principal: Principal,
  secret: string,
  options: { expiresIn?: string; issuer?: string; audience?: string } = {},
): Promise<string> {
  let jwt = new SignJWT({
    roles: principal.roles,
    region: principal.regionCode,
    ...(principal.teacherId ? { teacherId: principal.teacherId } : {}),
    ...(principal.schoolId ? { schoolId: principal.schoolId } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(principal.userId)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '12h');
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
