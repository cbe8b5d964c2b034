import { randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';
import type { JWK } from 'jose';
import { createFtnParamValidators } from './ftn-request-checks.ts';
import { createSandboxMemoryAdapter } from './sandbox-memory-adapter.ts';
import type { LoginSubjects } from './login-subjects.ts';
import { claimsByScope } from './person-claims.ts';
import type { SandboxBankOptions } from './sandbox-bank-options.ts';

export const SANDBOX_SCOPES = ['openid', 'profile', 'personal_identity_code'] as const;

/** An oidc-provider configured the way an FTN bank enforces its OpenID Connect profile. */
export function createBankProvider(
  issuer: string,
  options: SandboxBankOptions,
  signingKeys: JWK[],
  subjects: LoginSubjects,
): Provider {
  const { alg, enc } = options.encryption;
  return new Provider(issuer, {
    adapter: createSandboxMemoryAdapter(),
    clients: [
      {
        client_id: options.client.clientId,
        redirect_uris: options.client.redirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'private_key_jwt',
        token_endpoint_auth_signing_alg: 'RS256',
        jwks_uri: options.client.jwksUri,
        require_signed_request_object: true,
        request_object_signing_alg: 'RS256',
        id_token_signed_response_alg: 'RS256',
        id_token_encrypted_response_alg: alg,
        id_token_encrypted_response_enc: enc,
        userinfo_signed_response_alg: 'RS256',
        userinfo_encrypted_response_alg: alg,
        userinfo_encrypted_response_enc: enc,
      },
    ],
    jwks: { keys: signingKeys },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    responseTypes: ['code'],
    allowOmittingSingleRegisteredRedirectUri: false,
    clientAuthMethods: ['private_key_jwt'],
    scopes: [...SANDBOX_SCOPES],
    claims: claimsByScope(options.claimStyle),
    // The FTN banks put the person claims in the ID token, not only in userinfo.
    conformIdTokenClaims: false,
    acrValues: options.acrValues,
    extraParams: createFtnParamValidators(options),
    pkce: { required: () => false },
    // Short lives: a bank login takes minutes, and the sandbox keeps everything in memory.
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 600,
      IdToken: 600,
      Interaction: 600,
      Grant: 600,
      Session: 600,
    },
    findAccount: subjects.findAccount,
    // Portti's jwks_uri is on localhost in development, which oidc-provider's SSRF guard
    // (a custom undici dispatcher) refuses; a sandbox has nothing behind it to protect.
    fetch: (url, init) => globalThis.fetch(url, { ...init, dispatcher: undefined } as RequestInit),
    discovery: { ui_locales_supported: ['fi', 'sv', 'en'] },
    features: {
      devInteractions: { enabled: false },
      dPoP: { enabled: false },
      encryption: { enabled: true },
      requestObjects: { enabled: true, requireSignedRequestObject: true },
      userinfo: { enabled: true },
      jwtUserinfo: { enabled: true },
      pushedAuthorizationRequests: { enabled: false },
      rpInitiatedLogout: { enabled: false },
    },
    enabledJWA: {
      clientAuthSigningAlgValues: ['RS256'],
      requestObjectSigningAlgValues: ['RS256'],
      idTokenSigningAlgValues: ['RS256'],
      userinfoSigningAlgValues: ['RS256'],
      idTokenEncryptionAlgValues: [alg],
      idTokenEncryptionEncValues: [enc],
      userinfoEncryptionAlgValues: [alg],
      userinfoEncryptionEncValues: [enc],
    },
  });
}
