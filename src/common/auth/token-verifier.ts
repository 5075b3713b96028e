import { createLocalJWKSet, createRemoteJWKSet, errors, JWTPayload, jwtVerify } from 'jose';
import { GROUPS_CLAIM, Principal, TENANT_CLAIM } from './principal';

export class InvalidTokenError extends Error {}

type KeySet = ReturnType<typeof createLocalJWKSet> | ReturnType<typeof createRemoteJWKSet>;

export interface TokenVerifierOptions {
  issuer: string;
  /** The Cognito app client id: `aud` of id tokens, `client_id` of access tokens. */
  audience: string;
  tokenUse: 'id' | 'access';
}

/**
 * Verifies Cognito-style JWTs. Only RS256 is accepted, so `alg: none` and HMAC
 * key-confusion tokens fail before any claim is read.
 */
const CACHE_LIMIT = 10_000;

export class TokenVerifier {
  /** Verified tokens until they expire: an RS256 check costs ~0.1 ms, paid once per token, not per request. */
  private readonly verified = new Map<string, { principal: Principal; expiresAt: number }>();

  constructor(
    private readonly keys: KeySet,
    private readonly options: TokenVerifierOptions,
  ) {}

  static remote(jwksUrl: string, options: TokenVerifierOptions): TokenVerifier {
    return new TokenVerifier(createRemoteJWKSet(new URL(jwksUrl), { cacheMaxAge: 10 * 60_000 }), options);
  }

  static local(jwks: Parameters<typeof createLocalJWKSet>[0], options: TokenVerifierOptions): TokenVerifier {
    return new TokenVerifier(createLocalJWKSet(jwks), options);
  }

  async verify(token: string): Promise<Principal> {
    const hit = this.verified.get(token);
    if (hit && hit.expiresAt > Date.now()) return hit.principal;
    this.verified.delete(token);
    const { principal, expiresAt } = await this.verifyUncached(token);
    if (this.verified.size >= CACHE_LIMIT) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { principal, expiresAt });
    return principal;
  }

  private async verifyUncached(token: string): Promise<{ principal: Principal; expiresAt: number }> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.options.issuer,
        algorithms: ['RS256'],
        requiredClaims: ['exp', 'sub', 'token_use'],
      }));
    } catch (error) {
      throw new InvalidTokenError(describe(error));
    }
    if (payload.token_use !== this.options.tokenUse) {
      throw new InvalidTokenError(`Expected a Cognito ${this.options.tokenUse} token, got token_use=${String(payload.token_use)}`);
    }
    const audience = this.options.tokenUse === 'id' ? payload.aud : payload.client_id;
    const audiences = Array.isArray(audience) ? audience : [audience];
    if (!audiences.includes(this.options.audience)) {
      throw new InvalidTokenError('Token was issued for another client');
    }
    const tenantId = payload[TENANT_CLAIM];
    if (typeof tenantId !== 'string' || tenantId.length === 0) {
      throw new InvalidTokenError(`Token has no ${TENANT_CLAIM} claim`);
    }
    const groups = payload[GROUPS_CLAIM];
    const principal: Principal = {
      sub: payload.sub as string,
      tenantId,
      groups: Array.isArray(groups) ? groups.map(String) : [],
      email: typeof payload.email === 'string' ? payload.email : undefined,
    };
    return { principal, expiresAt: (payload.exp as number) * 1000 };
  }
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'Token has expired';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'Token signature is invalid';
  if (error instanceof errors.JWTClaimValidationFailed) return `Token claim "${error.claim}" is invalid`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'Token algorithm is not allowed';
  if (error instanceof errors.JWKSNoMatchingKey) return 'Token was not signed by a known key';
  return 'Token is malformed';
}
