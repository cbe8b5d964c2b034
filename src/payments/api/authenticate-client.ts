import type { Context, Next } from 'koa';
import type Provider from 'oidc-provider';
import type { EserviceConfig } from '../../config/schema.ts';
import { PAYMENTS_SCOPE } from '../../oidc/scopes-and-claims.ts';
import { PaymentError } from '../payment-errors.ts';

const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;
/** How long a verified token is trusted without looking it up again (a revocation takes this long to bite). */
const CACHE_MS = 10_000;
const CACHE_SIZE = 10_000;

interface VerifiedToken {
  readonly clientId: string | undefined;
  readonly hasScope: boolean;
  readonly audience: unknown;
  readonly until: number;
}

/**
 * Bearer tokens from Portti's own provider: client-credentials tokens (opaque, looked up in
 * the store) issued for the payments resource with scope `payments`. The e-service the
 * token belongs to is the only client whose payments the request can see.
 */
export function authenticateClient(provider: Provider, eservices: ReadonlyMap<string, EserviceConfig>, resource: string) {
  const cache = new Map<string, VerifiedToken>();

  /** The store lookup oidc-provider does for an opaque token, remembered briefly: every API call needs it. */
  async function verify(value: string): Promise<VerifiedToken | undefined> {
    const now = Date.now();
    const cached = cache.get(value);
    if (cached && cached.until > now) return cached;
    cache.delete(value);
    const token = await provider.ClientCredentials.find(value).catch(() => undefined);
    if (!token) return undefined;
    const verified: VerifiedToken = {
      clientId: token.clientId,
      hasScope: token.scopes.has(PAYMENTS_SCOPE),
      audience: token.aud,
      until: Math.min(now + CACHE_MS, (token.exp ?? 0) * 1000),
    };
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(value, verified);
    return verified;
  }

  return async function authenticate(ctx: Context, next: Next): Promise<void> {
    const header = ctx.get('authorization');
    if (header === '') {
      ctx.set('WWW-Authenticate', 'Bearer realm="payments"');
      throw new PaymentError('ERR_PAYMENT_TOKEN_MISSING', 'an access token is required: Authorization: Bearer <token> (client credentials, scope payments)');
    }
    const value = BEARER.exec(header)?.[1];
    const token = value ? await verify(value) : undefined;
    if (!token) {
      ctx.set('WWW-Authenticate', 'Bearer realm="payments", error="invalid_token"');
      throw new PaymentError('ERR_PAYMENT_TOKEN_INVALID', 'the access token is not valid or has expired');
    }
    const eservice = eservices.get(token.clientId ?? '');
    if (!token.hasScope || token.audience !== resource || !eservice) {
      ctx.set('WWW-Authenticate', `Bearer realm="payments", error="insufficient_scope", scope="${PAYMENTS_SCOPE}"`);
      throw new PaymentError('ERR_PAYMENT_INSUFFICIENT_SCOPE', `the access token does not carry scope ${PAYMENTS_SCOPE}`);
    }
    ctx.state.eservice = eservice;
    await next();
  };
}

export function eserviceOf(ctx: Context): EserviceConfig {
  return ctx.state.eservice as EserviceConfig;
}
