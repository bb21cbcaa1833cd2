import { SignJWT, exportSPKI, generateKeyPair } from 'jose';
import { TokenRejectedError } from './token-rejection';
import { createTokenVerifier, mintDevToken, type TokenVerifier } from './tokens';
import { Role } from './roles';

const principal = { userId: 'u1', roles: [Role.COUNTY_OFFICE], regionCode: '510403' };

describe('token verification', () => {
  it('accepts a development token signed with the shared secret', async () => {
    const secret = 's'.repeat(40);
    const verify = await createTokenVerifier({ kind: 'secret', secret });
    await expect(verify(await mintDevToken(principal, secret))).resolves.toEqual(principal);
  });

  it('verifies production tokens with the identity provider public key and checks issuer and audience', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const verify = await createTokenVerifier(
      { kind: 'publicKey', pem: await exportSPKI(publicKey), algorithm: 'RS256' },
      { issuer: 'https://idp.example', audience: 'mingshi' },
    );
    const sign = (issuer: string) =>
      new SignJWT({ roles: ['CITY_OFFICE'], region: '530800' })
        .setProtectedHeader({ alg: 'RS256' })
        .setSubject('city-user')
        .setIssuer(issuer)
        .setAudience('mingshi')
        .setExpirationTime('5m')
        .sign(privateKey);
    await expect(verify(await sign('https://idp.example'))).resolves.toMatchObject({
      userId: 'city-user',
      regionCode: '530800',
    });
    await expect(verify(await sign('https://other.example'))).rejects.toThrow();
  });

  it('refuses a token whose algorithm does not match the configured key', async () => {
    const { publicKey } = await generateKeyPair('RS256');
    const verify = await createTokenVerifier({
      kind: 'publicKey',
      pem: await exportSPKI(publicKey),
      algorithm: 'RS256',
    });
    await expect(verify(await mintDevToken(principal, 's'.repeat(40)))).rejects.toThrow();
  });

  it('refuses unknown roles, bad regions and missing teacher or school ids', async () => {
    const secret = 's'.repeat(40);
    const verify = await createTokenVerifier({ kind: 'secret', secret });
    const forge = (claims: Record<string, unknown>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('x')
        .sign(new TextEncoder().encode(secret));
    await expect(verify(await forge({ roles: ['KING'], region: '510403' }))).rejects.toThrow(/unknown role/);
    await expect(verify(await forge({ roles: ['COUNTY_OFFICE'], region: '5104' }))).rejects.toThrow(/region/);
    await expect(verify(await forge({ roles: ['HOST'], region: '510403' }))).rejects.toThrow(/teacher/);
    await expect(verify(await forge({ roles: ['SCHOOL_ADMIN'], region: '510403' }))).rejects.toThrow(
      /school/,
    );
  });
});

describe('why a token is refused, in words', () => {
  const secret = 's'.repeat(40);
  const key = new TextEncoder().encode(secret);
  const claims = { roles: ['COUNTY_OFFICE'], region: '510403' };
  const sign = (build: (jwt: SignJWT) => SignJWT = (jwt) => jwt, signingKey: Uint8Array = key) =>
    build(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('u1')).sign(signingKey);

  async function refusal(verify: TokenVerifier, token: string): Promise<Error> {
    const error = await verify(token).then(
      () => null,
      (e: unknown) => e as Error,
    );
    if (!error) throw new Error('the token was accepted');
    expect(error).toBeInstanceOf(TokenRejectedError);
    return error;
  }

  it('says when an expired token expired', async () => {
    const verify = await createTokenVerifier({ kind: 'secret', secret });
    const token = await sign((jwt) => jwt.setExpirationTime(1_700_000_000));
    expect((await refusal(verify, token)).message).toBe('The token expired at 2023-11-14T22:13:20.000Z');
  });

  it('says the signature is not valid for a token signed with another key', async () => {
    const verify = await createTokenVerifier({ kind: 'secret', secret });
    const token = await sign(undefined, new TextEncoder().encode('o'.repeat(40)));
    expect((await refusal(verify, token)).message).toMatch(/signature is not valid/);
  });

  it('names the issuer or audience a token was wrongly made for', async () => {
    const verify = await createTokenVerifier(
      { kind: 'secret', secret },
      { issuer: 'https://idp.example', audience: 'mingshi' },
    );
    const otherIssuer = await sign((jwt) => jwt.setIssuer('https://other.example').setAudience('mingshi'));
    expect((await refusal(verify, otherIssuer)).message).toMatch(/issued by "https:\/\/other.example"/);
    const otherAudience = await sign((jwt) => jwt.setIssuer('https://idp.example').setAudience('payroll'));
    expect((await refusal(verify, otherAudience)).message).toMatch(/meant for "payroll", not for this graph/);
  });

  it('says when a token is not yet valid', async () => {
    const verify = await createTokenVerifier({ kind: 'secret', secret });
    const token = await sign((jwt) => jwt.setNotBefore(4_102_444_800));
    expect((await refusal(verify, token)).message).toBe(
      'The token is not valid before 2100-01-01T00:00:00.000Z',
    );
  });

  it('says a malformed token is malformed', async () => {
    const verify = await createTokenVerifier({ kind: 'secret', secret });
    for (const token of ['not-a-token', 'a.b.c', 'bm90IGpzb24.e30.c2ln']) {
      expect((await refusal(verify, token)).message).toMatch(/malformed/);
    }
  });

  it('says when a token is signed with an algorithm the key does not take', async () => {
    const { publicKey } = await generateKeyPair('RS256');
    const verify = await createTokenVerifier({
      kind: 'publicKey',
      pem: await exportSPKI(publicKey),
      algorithm: 'RS256',
    });
    expect((await refusal(verify, await sign())).message).toMatch(/algorithm this graph does not accept/);
  });
});
