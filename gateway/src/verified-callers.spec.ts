import { setTimeout as sleep } from 'node:timers/promises';
import {
  Role,
  TokenRejectedError,
  createTokenVerifier,
  mintDevToken,
  verifyIdentity,
  type TokenVerifier,
} from '@mingshi/auth';
import { VerifiedCallers } from './verified-callers';

const TOKEN_SECRET = 't'.repeat(40);
const IDENTITY_SECRET = 'i'.repeat(40);
const county = { userId: 'county-user', roles: [Role.COUNTY_OFFICE], regionCode: '510403' };
const city = { userId: 'city-user', roles: [Role.CITY_OFFICE], regionCode: '510400' };

/** The real verifier, counting how often it is asked. */
async function countingVerifier(): Promise<{ verify: TokenVerifier; calls: () => number }> {
  const real = await createTokenVerifier({ kind: 'secret', secret: TOKEN_SECRET });
  let calls = 0;
  return {
    verify: (token) => {
      calls += 1;
      return real(token);
    },
    calls: () => calls,
  };
}

describe('verified callers', () => {
  it('verifies a session token once and signs the identity subgraphs accept for its caller', async () => {
    const { verify, calls } = await countingVerifier();
    const callers = new VerifiedCallers(verify, IDENTITY_SECRET);
    const token = await mintDevToken(county, TOKEN_SECRET);
    const first = await callers.resolve(token);
    const again = await callers.resolve(token);
    expect(calls()).toBe(1);
    expect(again).toBe(first);
    expect(first.principal).toEqual(county);
    await expect(verifyIdentity(first.signedIdentity, IDENTITY_SECRET)).resolves.toEqual(county);
  });

  it('keeps each token to its own caller', async () => {
    const { verify, calls } = await countingVerifier();
    const callers = new VerifiedCallers(verify, IDENTITY_SECRET);
    const [a, b] = [await mintDevToken(county, TOKEN_SECRET), await mintDevToken(city, TOKEN_SECRET)];
    expect((await callers.resolve(a)).principal).toEqual(county);
    expect((await callers.resolve(b)).principal).toEqual(city);
    expect((await callers.resolve(a)).principal).toEqual(county);
    expect(calls()).toBe(2);
  });

  it('checks a refused token afresh every time', async () => {
    const { verify, calls } = await countingVerifier();
    const callers = new VerifiedCallers(verify, IDENTITY_SECRET);
    const forged = await mintDevToken(county, 'f'.repeat(40));
    await expect(callers.resolve(forged)).rejects.toBeInstanceOf(TokenRejectedError);
    await expect(callers.resolve(forged)).rejects.toBeInstanceOf(TokenRejectedError);
    expect(calls()).toBe(2);
  });

  it('forgets a caller when the token expires, so an expired token is refused', async () => {
    const { verify } = await countingVerifier();
    const callers = new VerifiedCallers(verify, IDENTITY_SECRET);
    const token = await mintDevToken(county, TOKEN_SECRET, { expiresIn: '2s' });
    await expect(callers.resolve(token)).resolves.toMatchObject({ principal: county });
    await sleep(2_100);
    await expect(callers.resolve(token)).rejects.toThrow(/expired/);
  });

  it('forgets the least recently seen caller beyond its capacity', async () => {
    const { verify, calls } = await countingVerifier();
    const callers = new VerifiedCallers(verify, IDENTITY_SECRET, 2);
    const tokens = await Promise.all(
      ['a', 'b', 'c'].map((id) => mintDevToken({ ...county, userId: id }, TOKEN_SECRET)),
    );
    for (const token of tokens) await callers.resolve(token);
    await callers.resolve(tokens[0]!);
    expect(calls()).toBe(4);
  });
});
