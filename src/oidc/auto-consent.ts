import type { KoaContextWithOIDC, Grant } from 'oidc-provider';
import type { EserviceConfig } from '../config/schema.ts';
import { claimsAllowedFor, scopesAllowedFor } from './scopes-and-claims.ts';

/**
 * Portti shows no consent screen: the e-service's registration is the consent the
 * administration has agreed to. The grant is made from what the request asks for,
 * cut down to what the registration allows, so a scope or `claims` request for the hetu
 * from an e-service without that permission simply yields no hetu.
 */
export function createAutoConsent(eservices: readonly EserviceConfig[]) {
  const byClient = new Map(eservices.map((e) => [e.clientId, e]));
  return async function loadExistingGrant(ctx: KoaContextWithOIDC): Promise<Grant | undefined> {
    const { oidc } = ctx;
    const client = oidc.client!;
    const eservice = byClient.get(client.clientId);
    const session = oidc.session!;
    if (!eservice || !session.accountId) return undefined;
    const grantId = oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
    const grant = (grantId ? await oidc.provider.Grant.find(grantId) : undefined)
      ?? new oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });

    const allowedScopes = new Set(scopesAllowedFor(eservice));
    const requestedScopes = String(oidc.params!.scope ?? '').split(' ').filter((s) => allowedScopes.has(s));
    grant.addOIDCScope(requestedScopes.join(' '));

    const allowedClaims = claimsAllowedFor(eservice);
    const requestedClaims = Object.keys({ ...oidc.claims?.id_token, ...oidc.claims?.userinfo });
    const granted = requestedClaims.filter((c) => allowedClaims.has(c));
    const refused = requestedClaims.filter((c) => !allowedClaims.has(c));
    if (granted.length > 0) grant.addOIDCClaims(granted);
    // Recorded as refused, not left open: an open request would send the citizen to a consent prompt.
    if (refused.length > 0) grant.rejectOIDCClaims(refused);

    await grant.save();
    return grant;
  };
}
