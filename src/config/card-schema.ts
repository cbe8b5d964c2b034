import { z } from 'zod';
import { createPrivateKey } from 'node:crypto';
import { resolve } from 'node:path';
import { httpUrl, localizedText, pemCertificate, port, readPemInput } from './schema-parts.ts';

/**
 * The production defaults: DVV's citizen CA certificates shipped in config/trust/card
 * (provenance and fingerprints in its README; check them against DVV before use).
 */
const TRUST_DIR = resolve(import.meta.dirname, '../../config/trust/card');
const DVV_ROOTS = ['dvv-gov-root-ca-g3-rsa.pem', 'dvv-gov-root-ca-g3-ecc.pem', 'vrk-gov-root-ca-g2.pem'].map((f) => resolve(TRUST_DIR, f));
const DVV_CITIZEN_CAS = ['dvv-citizen-certificates-g4r.pem', 'dvv-citizen-certificates-g4e.pem', 'vrk-gov-ca-for-citizen-certificates-g3.pem'].map((f) => resolve(TRUST_DIR, f));
const DVV_CRLS = [
  // The citizen CAs' own CRLs, for card certificates (G3's is about 45 MB).
  'http://proxy.fineid.fi/crl/dvvcqc4rc.crl',
  'http://proxy.fineid.fi/crl/dvvcqc4ec.crl',
  'http://proxy.fineid.fi/crl/vrkcqc3c.crl',
  // The roots' CRLs, for the citizen CA certificates themselves (named in those certificates).
  'http://proxy.fineid.fi/crl/dvvroot3rc.crl',
  'http://proxy.fineid.fi/crl/dvvroot3ec.crl',
  'http://proxy.fineid.fi/arl/vrkroot2a.crl',
];

/** A PEM private key given inline, or the path of a PEM file; the result is the PEM text. */
const pemPrivateKey = z.string().min(1).transform((value, ctx) => {
  const text = readPemInput(value, ctx, 'key');
  if (text === undefined) return z.NEVER;
  try {
    createPrivateKey(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not a PEM private key' });
    return z.NEVER;
  }
  return text;
});

/**
 * Where the card endpoint gets the citizen's certificate: from its own TLS handshake, or
 * from a TLS-terminating proxy in front of it, which forwards the certificate in a header.
 * That header is believed only from `trustedProxies`: from anyone else it is ignored.
 */
const cardEndpoint = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('tls'),
    host: z.string().min(1),
    port,
    /** The endpoint's server certificate chain (PEM text or file path). */
    certificate: pemCertificate,
    privateKey: pemPrivateKey,
  }),
  z.strictObject({
    mode: z.literal('proxy'),
    host: z.string().min(1),
    port,
    /** nginx: `$ssl_client_escaped_cert`; URL-encoded PEM, plain PEM and base64 DER are all read. */
    certificateHeader: z.string().regex(/^[a-z0-9-]{1,64}$/).default('x-ssl-client-cert'),
    trustedProxies: z.array(z.union([z.ipv4(), z.ipv6()])).min(1),
  }),
]);

const enabledCard = z.strictObject({
  enabled: z.literal(true),
  label: localizedText.default({ fi: 'Varmennekortti (henkilökortti)', sv: 'Certifikatkort (identitetskort)', en: 'Citizen certificate (ID card)' }),
  /**
   * The card endpoint's public origin. It is its own origin because it asks every visitor
   * for a client certificate, which the login pages must never do.
   */
  publicUrl: httpUrl.refine((u) => !u.endsWith('/'), 'must not end with a slash'),
  endpoint: cardEndpoint,
  /** Roots the citizen CAs chain to (PEM text or file paths). */
  trustAnchors: z.array(pemCertificate).min(1, 'the card method needs at least one trust anchor').prefault(DVV_ROOTS),
  /**
   * The citizen issuing CAs: a card certificate must be issued by one of these. The roots
   * also sign organisation and server CAs, so a path to a root alone proves no citizen card.
   */
  issuingCas: z.array(pemCertificate).min(1, 'the card method needs at least one citizen issuing CA').prefault(DVV_CITIZEN_CAS),
  crl: z.strictObject({
    /** CRLs fetched at start-up; distribution points seen in certificates are added as they appear. */
    sources: z.array(httpUrl).default(DVV_CRLS),
    fetchTimeoutMs: z.number().int().min(1000).max(600_000).default(120_000),
    maxBytes: z.number().int().min(1024).max(1024 * 1024 * 1024).default(256 * 1024 * 1024),
    /** A CRL is fetched again this long before its nextUpdate. */
    refreshMarginSeconds: z.number().int().min(1).max(86_400).default(3_600),
    retrySeconds: z.number().int().min(1).max(3_600).default(60),
  }).prefault({}),
  populationRegister: z.strictObject({
    url: httpUrl.refine((u) => !u.endsWith('/'), 'must not end with a slash'),
    basicAuth: z.strictObject({ username: z.string().min(1), password: z.string().min(1) }).optional(),
    requestTimeoutMs: z.number().int().min(500).max(60_000).default(5_000),
  }),
  /** How long the one-time hand-off link to the card endpoint lives. */
  handoffSeconds: z.number().int().min(10).max(600).default(120),
});

/** Off, or on with everything it needs: an enabled card method without trust anchors cannot be written down. */
export const card = z.discriminatedUnion('enabled', [
  z.looseObject({ enabled: z.literal(false) }),
  enabledCard,
]);

export const sandboxCard = z.strictObject({
  enabled: z.boolean(),
  /** The sandbox citizen CA's CRLs, the population register and the test-card page. */
  port,
  /** Portti's card endpoint in development (https, with the sandbox server certificate). */
  endpointPort: port,
  /** Where the test cards are written as PKCS#12 files. */
  outputDir: z.string().min(1),
  /** The PKCS#12 password of every test card (documented in the README). */
  password: z.string().min(1),
});

export type EnabledCardConfig = z.output<typeof enabledCard>;
export type CardEndpointConfig = EnabledCardConfig['endpoint'];
