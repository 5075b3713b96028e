import { exportJWK, generateKeyPair, importJWK, JWK, KeyLike, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GROUPS_CLAIM, TENANT_CLAIM } from './principal';

export interface MintOptions {
  tenantId: string;
  sub: string;
  groups?: string[];
  email?: string;
  tokenUse?: 'id' | 'access';
  expiresInSeconds?: number;
}

const ALG = 'RS256';

/**
 * A local stand-in for a Cognito user pool: one RSA key pair kept under the data dir,
 * published as a JWKS, minting tokens shaped like Cognito's id and access tokens.
 */
export class DevIssuer {
  private constructor(
    private readonly privateKey: KeyLike,
    private readonly publicJwk: JWK,
    readonly issuer: string,
    readonly audience: string,
  ) {}

  static async open(dataDir: string, issuer: string, audience: string): Promise<DevIssuer> {
    const dir = join(dataDir, 'dev-issuer');
    const file = join(dir, 'signing-key.json');
    let privateJwk: JWK;
    try {
      privateJwk = JSON.parse(await readFile(file, 'utf8')) as JWK;
    } catch {
      privateJwk = await DevIssuer.createKey(dir, file);
    }
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
    const privateKey = (await importJWK(privateJwk, ALG)) as KeyLike;
    return new DevIssuer(privateKey, { ...publicJwk, use: 'sig', alg: ALG }, issuer, audience);
  }

  private static async createKey(dir: string, file: string): Promise<JWK> {
    await mkdir(dir, { recursive: true });
    const { privateKey } = await generateKeyPair(ALG, { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: randomUUID() };
    // Write-then-rename so a concurrent `npm run token` never reads half a key.
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(jwk), { mode: 0o600 });
    await rename(tmp, file);
    return JSON.parse(await readFile(file, 'utf8')) as JWK;
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  /** Signs exactly the given claims; `mint` is the normal way to get a well-formed token. */
  sign(claims: Record<string, unknown>): Promise<string> {
    return new SignJWT(claims).setProtectedHeader({ alg: ALG, kid: this.publicJwk.kid, typ: 'JWT' }).sign(this.privateKey);
  }

  mint(options: MintOptions): Promise<string> {
    const tokenUse = options.tokenUse ?? 'id';
    // Cognito puts custom attributes only in id tokens unless a pre-token-generation
    // trigger adds them to access tokens; the dev issuer behaves as if that trigger exists.
    const claims: Record<string, unknown> = {
      token_use: tokenUse,
      [TENANT_CLAIM]: options.tenantId,
      [GROUPS_CLAIM]: options.groups ?? [],
    };
    if (tokenUse === 'id') {
      if (options.email) claims.email = options.email;
    } else {
      claims.client_id = this.audience;
      claims.scope = 'aws.cognito.signin.user.admin';
    }
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: ALG, kid: this.publicJwk.kid, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setSubject(options.sub)
      .setIssuedAt()
      .setJti(randomUUID())
      .setExpirationTime(Math.floor(Date.now() / 1000) + (options.expiresInSeconds ?? 3600));
    if (tokenUse === 'id') jwt.setAudience(this.audience);
    return jwt.sign(this.privateKey);
  }
}
