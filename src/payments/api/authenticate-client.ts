import type { Context, Next } from 'koa';
import type Provider from 'oidc-provider';
import type { EserviceConfig } from '../../config/schema.ts';
import { PAYMENTS_SCOPE } from '../../oidc/scopes-and-claims.ts';
import { PaymentError } from '../payment-errors.ts';

const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * Bearer tokens from Portti's own provider: client-credentials tokens (opaque, looked up in
 * the store) issued for the payments resource with scope `payments`. The e-service the
 * token belongs to is the only client whose payments the request can see.
 */
export function authenticateClient(provider: Provider, eservices: ReadonlyMap<string, EserviceConfig>, resource: string) {
  return async function authenticate(ctx: Context, next: Next): Promise<void> {
    const header = ctx.get('authorization');
    if (header === '') {
      ctx.set('WWW-Authenticate', 'Bearer realm="payments"');
      throw new PaymentError('ERR_PAYMENT_TOKEN_MISSING', 'an access token is required: Authorization: Bearer <token> (client credentials, scope payments)');
    }
    const value = BEARER.exec(header)?.[1];
    const token = value ? await provider.ClientCredentials.find(value).catch(() => undefined) : undefined;
    if (!token) {
      ctx.set('WWW-Authenticate', 'Bearer realm="payments", error="invalid_token"');
      throw new PaymentError('ERR_PAYMENT_TOKEN_INVALID', 'the access token is not valid or has expired');
    }
    const eservice = eservices.get(token.clientId ?? '');
    if (!token.scopes.has(PAYMENTS_SCOPE) || token.aud !== resource || !eservice) {
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
