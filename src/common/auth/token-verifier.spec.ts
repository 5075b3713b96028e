import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DevIssuer } from './dev-issuer';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

/** Cognito mode: keys come from the pool's JWKS URL, fetched over HTTP and cached. */
describe('TokenVerifier with a remote JWKS', () => {
  const issuerUrl = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TEST';
  let server: Server;
  let issuer: DevIssuer;
  let jwksUrl: string;
  let fetches = 0;

  beforeAll(async () => {
    issuer = await DevIssuer.open(mkdtempSync(join(tmpdir(), 'jwks-')), issuerUrl, 'client-123');
    server = createServer((_req, res) => {
      fetches++;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(issuer.jwks()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('verifies id tokens and maps Cognito claims to a principal, fetching the JWKS once', async () => {
    const verifier = TokenVerifier.remote(jwksUrl, { issuer: issuerUrl, audience: 'client-123', tokenUse: 'id' });
    const token = await issuer.mint({ tenantId: 'acme', sub: 'user-1', groups: ['admin', 'ops'], email: 'u@acme.test' });
    await expect(verifier.verify(token)).resolves.toEqual({ sub: 'user-1', tenantId: 'acme', groups: ['admin', 'ops'], email: 'u@acme.test' });
    await verifier.verify(token);
    expect(fetches).toBe(1);
  });

  it('can be configured for access tokens, checking client_id instead of aud', async () => {
    const verifier = TokenVerifier.remote(jwksUrl, { issuer: issuerUrl, audience: 'client-123', tokenUse: 'access' });
    await expect(verifier.verify(await issuer.mint({ tenantId: 'acme', sub: 'u', tokenUse: 'access' }))).resolves.toMatchObject({ tenantId: 'acme' });
    await expect(verifier.verify(await issuer.mint({ tenantId: 'acme', sub: 'u', tokenUse: 'id' }))).rejects.toThrow(InvalidTokenError);
  });
});

describe('TokenVerifier cache', () => {
  it('serves a verified token from memory but never past its expiry', async () => {
    const issuer = await DevIssuer.open(mkdtempSync(join(tmpdir(), 'cache-')), 'urn:test', 'client');
    const verifier = TokenVerifier.local(issuer.jwks(), { issuer: 'urn:test', audience: 'client', tokenUse: 'id' });
    const token = await issuer.mint({ tenantId: 't', sub: 'u', expiresInSeconds: 60 });
    await expect(verifier.verify(token)).resolves.toMatchObject({ tenantId: 't' });
    await expect(verifier.verify(token)).resolves.toMatchObject({ tenantId: 't' });
    // Only the clock moves (exp has whole seconds: a real 1 s token can expire at once on a busy machine).
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'clearImmediate', 'queueMicrotask', 'hrtime', 'performance'] });
    try {
      jest.setSystemTime(Date.now() + 120_000);
      await expect(verifier.verify(token)).rejects.toThrow('Token has expired');
    } finally {
      jest.useRealTimers();
    }
  });
});
