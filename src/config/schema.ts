import { z } from 'zod';
import { httpUrl, level, localizedText, pemCertificate, port } from './schema-parts.ts';
import { card, sandboxCard } from './card-schema.ts';

/**
 * The one schema for Portti's configuration. Every value is checked here once at
 * start-up; the rest of the code receives the frozen result and never re-validates.
 */

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

const mobile = z.strictObject({
  enabled: z.boolean(),
  label: localizedText.default({ fi: 'Mobiilivarmenne', sv: 'Mobilcertifikat', en: 'Mobile certificate' }),
  /** The MSSP Portti is an application provider (AP) of, in the ETSI TS 102 204 JSON binding. */
  mssp: z.strictObject({
    url: httpUrl,
    /** AP_ID: the URI the MSSP knows Portti by. */
    apId: z.string().min(1),
    /** AP_PWD: mandatory in FiCom requests. */
    apPwd: z.string().min(1),
    basicAuth: z.strictObject({ username: z.string().min(1), password: z.string().min(1) }).optional(),
    requestTimeoutMs: z.number().int().min(500).max(60_000).default(10_000),
  }),
  /** MSS `TimeOut`: how long the citizen has to answer on the phone (FiCom default 5 min). */
  timeoutSeconds: z.number().int().min(10).max(600).default(300),
  /** Status polling of the MSSP: FiCom wants the first poll after 10-20 s, then at most every 5 s. */
  polling: z.strictObject({
    firstDelayMs: z.number().int().min(0).max(60_000),
    intervalMs: z.number().int().min(0).max(60_000),
    /** How often the waiting page asks Portti; polling Portti costs the MSSP nothing. */
    browserIntervalMs: z.number().int().min(100).max(30_000).default(2_000),
  }),
  /**
   * Signature requests within the window: per phone number (each one pushes a prompt to a
   * phone), and per client address, so that nobody can keep other people's phones busy by
   * trying number after number.
   */
  attempts: z.strictObject({
    max: z.number().int().min(1).max(100).default(3),
    perAddressMax: z.number().int().min(1).max(100_000).default(10),
    windowSeconds: z.number().int().min(1).max(86_400).default(600),
  }).prefault({}),
  /** CA certificates a citizen's mobile certificate must chain to (PEM text or file paths). */
  trustAnchors: z.array(pemCertificate),
  crl: z.strictObject({
    fetchTimeoutMs: z.number().int().min(100).max(60_000).default(5_000),
    maxAgeSeconds: z.number().int().min(1).max(86_400).default(3_600),
  }).default({ fetchTimeoutMs: 5_000, maxAgeSeconds: 3_600 }),
  /** MSSP_ID URI of the answering operator's MSSP -> the id that goes in `amr`. */
  operators: z.record(z.string(), z.string().regex(/^[a-z0-9-]{2,32}$/)).default({}),
}).superRefine((value, ctx) => {
  if (value.enabled && value.trustAnchors.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['trustAnchors'], message: 'the mobile certificate method needs at least one trust anchor' });
  }
});

const sandboxMobile = z.strictObject({
  enabled: z.boolean(),
  port,
  /** How long a scripted test phone takes to answer (development: a few seconds; tests: less). */
  answerDelayMs: z.number().int().min(0).max(120_000),
  apId: z.string().min(1),
  apPwd: z.string().min(1),
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
  /**
   * Where a payment's return and cancel URLs may point: URL prefixes (same origin, path
   * under the prefix's path). Defaults to the origins of `redirectUris`.
   */
  paymentReturnUris: z.array(httpUrl).optional(),
  /** Where a payment's webhook URL may point, as prefixes; defaults to `paymentReturnUris`. */
  paymentWebhookUris: z.array(httpUrl).optional(),
  /**
   * Keys that sign webhooks to this e-service (HMAC-SHA256). Every key signs, each under its
   * `kid`, so a new key can be added before the old one is removed.
   */
  webhookSecrets: z.array(z.strictObject({
    kid: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
    secret: z.string().min(32),
  })).default([]),
});

const paytrail = z.strictObject({
  /** https://services.paytrail.com for Paytrail itself, or the sandbox PSP. */
  apiUrl: httpUrl.refine((u) => !u.endsWith('/'), 'must not end with a slash'),
  account: z.string().regex(/^\d{1,12}$/),
  secret: z.string().min(8),
  algorithm: z.enum(['sha256', 'sha512']).default('sha256'),
  timeoutSeconds: z.number().int().min(1).max(60).default(10),
  /** Paytrail requires a customer e-mail; Portti does not know the citizen's, so this stands in. */
  customerEmail: z.email().default('maksut@example.fi'),
});

const payments = z.strictObject({
  enabled: z.boolean(),
  /** An unfinished payment expires this long after it was created (90 min by default). */
  expireAfterSeconds: z.number().int().min(1).max(7 * 86400).default(5400),
  /** How often the expiry sweeper, the reconciliation job and the webhook sender run. */
  jobIntervalSeconds: z.number().min(0.05).max(3600).default(30),
  /** A `started` payment untouched for this long is asked about at the provider. */
  reconcileAfterSeconds: z.number().min(0).max(86400).default(300),
  /** Expired payments with a provider payment are asked about this long after expiry (late successes), hourly. */
  lateSuccessWindowSeconds: z.number().int().min(0).max(30 * 86400).default(2 * 86400),
  webhooks: z.strictObject({
    /** Waits before the 2nd, 3rd, ... attempt; after the last, the event is given up (and stays in the log). */
    retrySeconds: z.array(z.number().min(0)).min(1).default([60, 300, 3600, 86400, 172800]),
    timeoutSeconds: z.number().min(0.1).max(60).default(10),
    /** A sender that crashed mid-delivery leaves the event leased this long. */
    leaseSeconds: z.number().min(0.1).max(3600).default(60),
  }).prefault({}),
  paytrail,
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
  mobile,
  card,
  eservices: z.array(eservice).min(1),
  payments,
  sandbox: z.strictObject({
    enabled: z.boolean(),
    host: z.string().min(1),
    banks: z.array(sandboxBank),
    demo: z.strictObject({ port, clientId: z.string().min(1), publicUrl: httpUrl }),
    /** The Paytrail-compatible sandbox payment provider; `payments.paytrail.apiUrl` points at it. */
    paytrail: z.strictObject({
      port,
      /** A pending card payment settles (callback `ok`) this long after it was paid. */
      pendingSettleSeconds: z.number().min(0).max(3600).default(20),
    }).optional(),
    card: sandboxCard.default({ enabled: false, port: 3031, endpointPort: 3030, outputDir: './data/sandbox-cards', password: 'portti-sandbox' }),
    mobile: sandboxMobile.default({ enabled: false, port: 3021, answerDelayMs: 3_000, apId: 'http://portti.localhost/ap', apPwd: 'sandbox-ap-password' }),
  }),
});

export type Config = z.output<typeof configSchema>;
export type EserviceConfig = Config['eservices'][number];
export type BankUpstreamConfig = Config['bank']['upstreams'][number];
export type SandboxBankConfig = Config['sandbox']['banks'][number];
export type PaymentsConfig = Config['payments'];
export type PaytrailConfig = Config['payments']['paytrail'];
export type MobileConfig = Config['mobile'];
export type CardConfig = Config['card'];
