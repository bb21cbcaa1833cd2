import { SignJWT, exportSPKI, generateKeyPair } from 'jose';
import { createTokenVerifier, mintDevToken } from './tokens';
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
