import { errors } from 'jose';

/**
 * A caller's token the gateway refuses, with the reason worded for the caller: "expired at …" is
 * something a person can act on, jose's `"exp" claim timestamp check failed` is not.
 */
export class TokenRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenRejectedError';
  }
}

/**
 * Words jose's verification failures for the caller. Failures that are not the token's fault
 * (the identity provider's key set cannot be fetched) are returned unchanged: telling every
 * caller their token is bad during an outage would send them to sign in again for nothing.
 */
export function explainTokenFailure(error: unknown): unknown {
  if (error instanceof errors.JWTExpired) {
    return new TokenRejectedError(`The token expired at ${instant(error.payload.exp)}`);
  }
  if (error instanceof errors.JWTClaimValidationFailed) return new TokenRejectedError(claimFailure(error));
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new TokenRejectedError(
      'The token signature is not valid: it was not signed by the issuer this graph trusts',
    );
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new TokenRejectedError('The token is signed with an algorithm this graph does not accept');
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return new TokenRejectedError('The token was signed with a key the identity provider does not publish');
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return new TokenRejectedError('The token is malformed: expected a signed JWT (three base64url parts)');
  }
  return error;
}

function claimFailure(error: InstanceType<typeof errors.JWTClaimValidationFailed>): string {
  const { claim, payload } = error;
  switch (claim) {
    case 'iss':
      return `The token was issued by ${quoted(payload.iss)}, not by the issuer this graph trusts`;
    case 'aud':
      return `The token is meant for ${quoted(payload.aud)}, not for this graph`;
    case 'nbf':
      return `The token is not valid before ${instant(payload.nbf)}`;
    case 'iat':
      return 'The token claims to have been issued in the future';
    default:
      return `The token's "${claim}" claim is not valid: ${error.reason}`;
  }
}

function instant(seconds: number | undefined): string {
  return typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : 'an unknown time';
}

function quoted(value: unknown): string {
  return value === undefined ? 'nobody' : JSON.stringify(value);
}
