import { z } from 'zod';

/**
 * The one schema for Portti's configuration. Every value is checked here once at
 * start-up; the rest of the code receives the frozen result and never re-validates.
 */

const localizedText = z.strictObject({
  fi: z.string().min(1),
  sv: z.string().min(1),
  en: z.string().min(1),
});

const httpUrl = z.url({ protocol: /^https?$/ });
const port = z.number().int().min(0).max(65535);
const level = z.enum(['substantial', 'high']);

const bankChoice = z.strictObject({
  /** Stable id, used in forms, amr and audit. */
  id: z.string().regex(/^[a-z0-9-]{2,32}$/),
  label: localizedText,
  /** `acr_values` sent in the request object: a level URI, or a broker's method value (`oidc.nordea.1`). */
  acrValues: z.string().min(1),
  /** OP-style bank selection through a broker upstream (`fi-nordea`). */
  ftnIdpId: z.string().min(1).optional(),
});

const bankUpstream = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{2,32}$/),
  issuer: httpUrl,
  clientId: z.string().min(1),
  scope: z.string().default('openid profile personal_identity_code'),
  /** Claim names in this upstream's ID token; they differ between banks and brokers. */
  claims: z.strictObject({
    hetu: z.string().min(1),
    givenName: z.string().min(1),
    familyName: z.string().min(1),
    birthdate: z.string().min(1).optional(),
  }),
  /** Upstream `acr` -> our level; an acr not listed here is refused. */
  acrMap: z.record(z.string(), level).refine((m) => Object.keys(m).length > 0, 'at least one acr must be mapped'),
  /** Error codes that mean the citizen cancelled at the bank (OP `cancel`, Telia `access_denied`). */
  cancelErrors: z.array(z.string()).default(['cancel', 'access_denied']),
  banks: z.array(bankChoice).min(1),
});

const eserviceAuth = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('client_secret_basic'), secret: z.string().min(32) }),
  z.strictObject({
    method: z.literal('private_key_jwt'),
    jwks: z.strictObject({ keys: z.array(z.record(z.string(), z.unknown())).min(1) }).optional(),
    jwksUri: httpUrl.optional(),
  }).refine((a) => Boolean(a.jwks) !== Boolean(a.jwksUri), 'give exactly one of jwks and jwksUri'),
]);

const eservice = z.strictObject({
  clientId: z.string().regex(/^[A-Za-z0-9._-]{3,64}$/),
  name: localizedText,
  redirectUris: z.array(httpUrl).min(1),
  postLogoutRedirectUris: z.array(httpUrl).default([]),
  backchannelLogoutUri: httpUrl.optional(),
  auth: eserviceAuth,
  /** Pairwise `sub` sector; e-services of one organisation may share one. Defaults to clientId. */
  sector: z.string().min(1).optional(),
  /** Requires PAR and signed request objects. */
  strict: z.boolean().default(false),
  idTokenSigningAlg: z.enum(['RS256', 'PS256', 'ES256']).default('RS256'),
  permissions: z.strictObject({
    personalIdentityCode: z.boolean().default(false),
    satu: z.boolean().default(false),
    payments: z.boolean().default(false),
  }).default({ personalIdentityCode: false, satu: false, payments: false }),
});

const sandboxBank = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{2,32}$/),
  name: z.string().min(1),
  port,
  claimStyle: z.enum(['ftn', 'oid', 'nin']),
  cancelError: z.enum(['cancel', 'access_denied']),
  encryption: z.strictObject({
    alg: z.enum(['RSA-OAEP', 'RSA-OAEP-256']),
    enc: z.enum(['A128CBC-HS256', 'A256GCM']),
  }),
  acrValues: z.array(z.string()).min(1),
  idps: z.array(z.strictObject({ id: z.string(), name: z.string(), ftnIdpId: z.string() })).optional(),
});

export const configSchema = z.strictObject({
  mode: z.enum(['development', 'production']),
  /** Portti's public URL; the OIDC issuer. */
  issuer: httpUrl.refine((u) => !u.endsWith('/'), 'must not end with a slash'),
  http: z.strictObject({
    host: z.string().min(1),
    port,
    /** Honour X-Forwarded-* (only behind a proxy that sets them). */
    trustProxy: z.boolean(),
    maxBodyBytes: z.number().int().min(1024).max(1024 * 1024),
  }),
  store: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('sqlite'), sqlitePath: z.string().min(1) }),
    z.strictObject({ kind: z.literal('mongo'), mongoUri: z.string().regex(/^mongodb(\+srv)?:\/\//) }),
  ]),
  sweepIntervalSeconds: z.number().int().min(1).max(3600),
  secrets: z.strictObject({
    /** HMAC key for pairwise subjects; generated and kept in the store when null (development). */
    pairwise: z.string().min(32).nullable(),
  }),
  ttl: z.strictObject({
    authorizationCode: z.number().int().min(5).max(60),
    accessToken: z.number().int().min(60).max(3600),
    idToken: z.number().int().min(60).max(3600),
    clientCredentials: z.number().int().min(60).max(3600),
    interaction: z.number().int().min(60).max(3600),
    session: z.number().int().min(300).max(86400),
    grant: z.number().int().min(300).max(86400 * 14),
  }),
  log: z.strictObject({ level: z.enum(['debug', 'info', 'warn', 'error', 'silent']) }),
  bank: z.strictObject({
    enabled: z.boolean(),
    /** JWE algorithms accepted for ID tokens and userinfo from banks; anything else is refused. */
    decryption: z.strictObject({
      alg: z.array(z.enum(['RSA-OAEP', 'RSA-OAEP-256'])).min(1),
      enc: z.array(z.enum(['A128CBC-HS256', 'A256CBC-HS512', 'A128GCM', 'A256GCM'])).min(1),
    }),
    upstreams: z.array(bankUpstream),
  }),
  eservices: z.array(eservice).min(1),
  sandbox: z.strictObject({
    enabled: z.boolean(),
    host: z.string().min(1),
    banks: z.array(sandboxBank),
    demo: z.strictObject({ port, clientId: z.string().min(1), publicUrl: httpUrl }),
  }),
});

export type Config = z.output<typeof configSchema>;
export type EserviceConfig = Config['eservices'][number];
export type BankUpstreamConfig = Config['bank']['upstreams'][number];
export type SandboxBankConfig = Config['sandbox']['banks'][number];
