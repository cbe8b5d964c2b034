import type { ClientMetadata } from 'oidc-provider';
import type { EserviceConfig } from '../config/schema.ts';
import { PAYMENTS_SCOPE, scopesAllowedFor } from './scopes-and-claims.ts';

/** An e-service registration from config/ as oidc-provider client metadata. */
export function toClientMetadata(eservice: EserviceConfig): ClientMetadata {
  const scopes = scopesAllowedFor(eservice);
  return {
    client_id: eservice.clientId,
    client_name: eservice.name.fi,
    ...authMetadata(eservice.auth),
    redirect_uris: [...eservice.redirectUris],
    post_logout_redirect_uris: [...eservice.postLogoutRedirectUris],
    ...(eservice.backchannelLogoutUri
      ? { backchannel_logout_uri: eservice.backchannelLogoutUri, backchannel_logout_session_required: true }
      : {}),
    response_types: ['code'],
    grant_types: scopes.includes(PAYMENTS_SCOPE) ? ['authorization_code', 'client_credentials'] : ['authorization_code'],
    // Only OIDC scopes: `payments` belongs to the payments resource server, which checks it.
    scope: scopes.filter((s) => s !== PAYMENTS_SCOPE).join(' '),
    subject_type: 'pairwise',
    id_token_signed_response_alg: eservice.idTokenSigningAlg,
    require_pushed_authorization_requests: eservice.strict,
    require_signed_request_object: eservice.strict,
  };
}

function authMetadata(auth: EserviceConfig['auth']): Partial<ClientMetadata> {
  switch (auth.method) {
    case 'client_secret_basic':
      return { token_endpoint_auth_method: 'client_secret_basic', client_secret: auth.secret };
    case 'private_key_jwt':
      return {
        token_endpoint_auth_method: 'private_key_jwt',
        ...(auth.jwks ? { jwks: { keys: auth.jwks.keys as unknown as NonNullable<ClientMetadata['jwks']>['keys'] } } : {}),
        ...(auth.jwksUri ? { jwks_uri: auth.jwksUri } : {}),
      };
  }
}
