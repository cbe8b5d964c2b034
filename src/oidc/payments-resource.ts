import { errors, type KoaContextWithOIDC, type Client, type ResourceServer } from 'oidc-provider';
import type { EserviceConfig } from '../config/schema.ts';
import { PAYMENTS_SCOPE } from './scopes-and-claims.ts';

/**
 * The payments API as an OAuth resource server: e-services get its access tokens by
 * client credentials with scope `payments`, without having to know the resource indicator.
 */
export function createPaymentsResource(issuer: string, eservices: readonly EserviceConfig[], ttlSeconds: number) {
  const indicator = `${issuer}/payments`;
  const allowed = new Set(eservices.filter((e) => e.permissions.payments).map((e) => e.clientId));
  return {
    indicator,
    async defaultResource(ctx: KoaContextWithOIDC, _client: Client, oneOf?: readonly string[]): Promise<string | readonly string[] | undefined> {
      if (oneOf) return oneOf;
      const scope = String(ctx.oidc.params?.scope ?? '');
      return ctx.oidc.route === 'token' && scope.split(' ').includes(PAYMENTS_SCOPE) ? indicator : undefined;
    },
    async getResourceServerInfo(_ctx: KoaContextWithOIDC, resource: string, client: Client): Promise<ResourceServer> {
      if (resource !== indicator || !allowed.has(client.clientId)) throw new errors.InvalidTarget();
      return { scope: PAYMENTS_SCOPE, audience: indicator, accessTokenTTL: ttlSeconds, accessTokenFormat: 'opaque' };
    },
  };
}
