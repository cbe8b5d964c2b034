import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Config } from '../config/schema.ts';
import type { Storage } from '../storage/storage.ts';
import type { KeySet } from '../keys/key-set.ts';
import type { Logger } from '../log/logger.ts';
import { ACR_ORDER } from '../identity/identity.ts';
import { LOCALES } from '../i18n/locale.ts';
import { createOidcAdapterFactory } from '../storage/oidc-adapter.ts';
import type { Accounts } from './accounts.ts';
import type { SubjectKeys } from './subject-keys.ts';
import { CLAIMS_BY_SCOPE } from './scopes-and-claims.ts';
import { toClientMetadata } from './client-metadata.ts';
import { createInteractionPolicy } from './acr-login-check.ts';
import { createAutoConsent } from './auto-consent.ts';
import { createPaymentsResource } from './payments-resource.ts';
import { createProviderPages } from './provider-pages.ts';

export interface ProviderDependencies {
  readonly config: Readonly<Config>;
  readonly storage: Storage;
  readonly keys: KeySet;
  readonly accounts: Accounts;
  readonly subjects: SubjectKeys;
  readonly cookieKeys: readonly string[];
  readonly logger: Logger;
}

const SIGNING_ALGS = ['RS256', 'PS256', 'ES256'];

/**
 * Portti's OpenID provider. Everything permissive in oidc-provider's defaults is narrowed
 * here: code flow only, PKCE always, no refresh tokens, no dynamic registration.
 */
export function createProvider(deps: ProviderDependencies): Provider {
  const { config, logger } = deps;
  const sectors = new Map(config.eservices.map((e) => [e.clientId, e.sector ?? e.clientId]));
  const payments = createPaymentsResource(config.issuer, config.eservices, config.ttl.clientCredentials);
  const pages = createProviderPages(logger.child({ component: 'oidc' }));
  const cookie = { httpOnly: true, sameSite: 'lax' as const, signed: true };

  const configuration: Configuration = {
    adapter: createOidcAdapterFactory(deps.storage.oidc),
    clients: config.eservices.map(toClientMetadata),
    jwks: deps.keys.opJwks as Configuration['jwks'],
    findAccount: deps.accounts.findAccount,
    claims: { sid: null, ...mutable(CLAIMS_BY_SCOPE) },
    scopes: Object.keys(CLAIMS_BY_SCOPE),
    conformIdTokenClaims: false,
    acrValues: [...ACR_ORDER],
    subjectTypes: ['pairwise'],
    pairwiseIdentifier: async (_ctx, accountId, client) =>
      deps.subjects.pairwiseSub(accountId, sectors.get(client.clientId) ?? client.clientId),
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientAuthMethods: ['client_secret_basic', 'private_key_jwt'],
    enabledJWA: {
      clientAuthSigningAlgValues: SIGNING_ALGS,
      idTokenSigningAlgValues: SIGNING_ALGS,
      requestObjectSigningAlgValues: SIGNING_ALGS,
      userinfoSigningAlgValues: SIGNING_ALGS,
    } as Configuration['enabledJWA'],
    allowOmittingSingleRegisteredRedirectUri: false,
    issueRefreshToken: async () => false,
    loadExistingGrant: createAutoConsent(config.eservices),
    interactions: {
      policy: createInteractionPolicy(),
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    cookies: { keys: [...deps.cookieKeys], long: cookie, short: cookie },
    ttl: {
      AuthorizationCode: config.ttl.authorizationCode,
      AccessToken: config.ttl.accessToken,
      IdToken: config.ttl.idToken,
      ClientCredentials: config.ttl.clientCredentials,
      Interaction: config.ttl.interaction,
      Session: config.ttl.session,
      Grant: config.ttl.grant,
      PushedAuthorizationRequest: 60,
    },
    discovery: {
      ui_locales_supported: [...LOCALES],
      claims_locales_supported: [...LOCALES],
      service_documentation: `${config.issuer}/`,
    },
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: false },
      requestObjects: { enabled: true, requireSignedRequestObject: false },
      rpInitiatedLogout: { enabled: true, logoutSource: pages.logoutSource, postLogoutSuccessSource: pages.postLogoutSuccessSource },
      backchannelLogout: { enabled: true },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: payments.defaultResource,
        getResourceServerInfo: payments.getResourceServerInfo,
        useGrantedResource: async () => false,
      },
    },
    renderError: pages.renderError,
    // oidc-provider refuses to call loopback and private addresses (SSRF protection). The
    // sandbox's demo e-service lives on localhost, so development lifts that for
    // back-channel logout and jwks_uri fetches; production keeps the protection.
    ...(config.mode === 'development' ? { fetch: fetchAllowingLoopback } : {}),
  };

  const provider = new Provider(config.issuer, configuration);
  provider.proxy = config.http.trustProxy;
  provider.use(notFoundAsOAuthError);
  const log = (event: string, level: 'info' | 'error') => (ctx: KoaContextWithOIDC, error: Error) =>
    logger[level](`oidc ${event}`, { correlationId: ctx?.get?.('x-correlation-id'), error });
  provider.on('server_error', log('server_error', 'error'));
  provider.on('backchannel.error', (ctx, error) => log('backchannel.error', 'error')(ctx, error));
  provider.on('authorization.error', log('authorization.error', 'info'));
  provider.on('grant.error', log('grant.error', 'info'));
  return provider;
}

/** The provider answers unknown paths with Koa's plain "Not Found"; API callers get OAuth-style JSON. */
async function notFoundAsOAuthError(ctx: KoaContextWithOIDC, next: () => Promise<unknown>): Promise<void> {
  await next();
  if (ctx.status === 404 && (ctx.body === undefined || ctx.body === null || ctx.body === 'Not Found')) {
    ctx.status = 404;
    ctx.body = { error: 'not_found', error_description: `no such endpoint: ${ctx.method} ${ctx.path}` };
  }
}

function fetchAllowingLoopback(url: string | URL | Request, options?: RequestInit): Promise<Response> {
  const { dispatcher: _guard, ...rest } = (options ?? {}) as RequestInit & { dispatcher?: unknown };
  return globalThis.fetch(url, rest);
}

function mutable(claims: typeof CLAIMS_BY_SCOPE): Record<string, string[]> {
  return Object.fromEntries(Object.entries(claims).map(([scope, names]) => [scope, [...names]]));
}
