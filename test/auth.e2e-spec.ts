import { generateKeyPair, SignJWT } from 'jose';
import { startTestApp, TestApp } from './support/test-app';

/** Base64url JSON, for hand-built tokens the issuer would never sign. */
const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('Authentication (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const getOrders = (authorization?: string) => {
    const req = t.http().get('/v1/orders');
    return authorization ? req.set('Authorization', authorization) : req;
  };

  const expect401 = async (authorization: string | undefined, message: RegExp) => {
    const res = await getOrders(authorization);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', requestId: expect.any(String) });
    expect(res.body.message).toMatch(message);
  };

  it('accepts a valid id token', async () => {
    expect((await getOrders(`Bearer ${await t.token()}`)).status).toBe(200);
  });

  it('rejects a missing token or another scheme', async () => {
    await expect401(undefined, /Missing bearer token/);
    await expect401(`Basic ${Buffer.from('a:b').toString('base64')}`, /Missing bearer token/);
  });

  it('rejects an expired token', async () => {
    await expect401(`Bearer ${await t.token({ expiresInSeconds: -120 })}`, /expired/);
  });

  it('rejects a token whose signature was tampered with', async () => {
    const [header, payload, signature] = (await t.token()).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = `${header}.${part({ ...claims, 'custom:tenant_id': 'victim' })}.${signature}`;
    await expect401(`Bearer ${forged}`, /signature/);
  });

  it('rejects a token signed by a key the issuer never published', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const jwks = t.issuer.jwks();
    const token = await new SignJWT({ token_use: 'id', 'custom:tenant_id': 't1' })
      .setProtectedHeader({ alg: 'RS256', kid: jwks.keys[0].kid })
      .setIssuer(t.issuer.issuer)
      .setAudience(t.issuer.audience)
      .setSubject('u1')
      .setExpirationTime('1h')
      .sign(privateKey);
    await expect401(`Bearer ${token}`, /signature/);
  });

  it('rejects alg: none', async () => {
    const claims = JSON.parse(Buffer.from((await t.token()).split('.')[1], 'base64url').toString());
    await expect401(`Bearer ${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`, /algorithm|malformed/);
  });

  it('rejects an HS256 token signed with the public key (key confusion)', async () => {
    const claims = JSON.parse(Buffer.from((await t.token()).split('.')[1], 'base64url').toString());
    const secret = new TextEncoder().encode(JSON.stringify(t.issuer.jwks().keys[0]));
    const token = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(secret);
    await expect401(`Bearer ${token}`, /algorithm/);
  });

  it('rejects a wrong issuer and a wrong audience', async () => {
    const wrongIssuer = await mintWith(t, { iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_other' });
    await expect401(`Bearer ${wrongIssuer}`, /"iss"/);
    const wrongAudience = await mintWith(t, { aud: 'some-other-client' });
    await expect401(`Bearer ${wrongAudience}`, /another client/);
  });

  it('rejects an access token where an id token is required', async () => {
    await expect401(`Bearer ${await t.token({ tokenUse: 'access' })}`, /id token/);
  });

  it('rejects a token without a tenant', async () => {
    await expect401(`Bearer ${await mintWith(t, { 'custom:tenant_id': undefined })}`, /tenant_id/);
  });

  it('keeps health, metrics and the JWKS public', async () => {
    expect((await t.http().get('/health')).status).toBe(200);
    expect((await t.http().get('/metrics')).status).toBe(200);
    const jwks = await t.http().get('/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    expect(jwks.body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.body.keys[0].d).toBeUndefined();
  });
});

/** Signs arbitrary claims with the dev issuer's real key, to isolate one claim check at a time. */
async function mintWith(t: TestApp, overrides: Record<string, unknown>): Promise<string> {
  const token = await t.token();
  const claims = { ...JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()), ...overrides };
  for (const key of Object.keys(claims)) if (claims[key] === undefined) delete claims[key];
  return t.issuer.sign(claims);
}
