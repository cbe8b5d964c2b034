import type { X509Certificate } from '@peculiar/x509';
import { describeCertificate, isCertificateAuthority } from '../../src/x509/certificate-path.ts';
import { crlDistributionPointUrls } from '../../src/x509/crl-distribution-points.ts';
import { createCrlLoader } from './crl-loader.ts';
import { createCrlSource, type CrlSource, type LoadedCrl } from './crl-source.ts';
import { findRevoked } from './revoked-serials.ts';

/** What the CRLs say of one certificate; `unavailable` must be treated as a refusal. */
export type RevocationStatus =
  | { readonly status: 'good' }
  | { readonly status: 'revoked'; readonly revokedAt: Date }
  | { readonly status: 'unavailable'; readonly detail: string };

/** One distribution point as an operator's status page or health check sees it. */
export interface CrlSourceStatus {
  readonly url: string;
  /** False for a distribution point first seen in a certificate. */
  readonly configured: boolean;
  /** `current`: in use; `stale`: past its nextUpdate, so refused; `failed`: never loaded. */
  readonly state: 'pending' | 'current' | 'stale' | 'failed';
  readonly issuer?: string;
  readonly entries?: number;
  readonly bytes?: number;
  readonly thisUpdate?: Date;
  readonly nextUpdate?: Date;
  readonly lastError?: string;
  readonly lastAttemptAt?: Date;
  readonly nextFetchAt?: Date;
}

/** Operator log: `info` per load, `warn` while an older CRL still serves, `error` when certificates are refused. */
export type CrlLog = (level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>) => void;

export interface CrlRegistryOptions {
  /** Fetched at `start()`; distribution points seen in certificates are added as they appear. */
  readonly sources: readonly string[];
  /** Every CA whose CRLs count (roots and issuing CAs); a CRL signed by anyone else is refused. */
  readonly issuers: readonly X509Certificate[];
  readonly fetchTimeoutMs: number;
  readonly maxBytes: number;
  /** A CRL is fetched again this long before its nextUpdate. */
  readonly refreshMarginSeconds: number;
  /** After a failed fetch; the CRL in use stays until its own nextUpdate. */
  readonly retrySeconds: number;
  /** The earliest a refresh is scheduled after a load (default 10 s); tests shorten it. */
  readonly minRefreshSeconds?: number;
  readonly log: CrlLog;
}

export interface CrlRegistry {
  /** Starts fetching every source in the background. */
  start(): void;
  /** Resolves once every configured source has been tried once, loaded or not. */
  ready(): Promise<void>;
  /** Synchronous and without I/O: answers from the CRLs already loaded. */
  check(cert: X509Certificate, issuer: X509Certificate, now: Date): RevocationStatus;
  /** Stops timers, downloads and workers. */
  close(): Promise<void>;
  status(): readonly CrlSourceStatus[];
}

/** Distribution points taken from certificates: enough for every CA generation, few enough that no one can grow it. */
const MAX_DISCOVERED = 32;

/**
 * Revocation for citizen certificates without a download on the login path. Citizen CRLs
 * are tens of megabytes (G3 is about 45 MB with a million entries), so every CRL is
 * fetched in the background, read in a worker thread and kept as a hash table until a
 * newer one replaces it; `check` only looks up. Fail closed: a certificate whose CRL is
 * not loaded, not current or not signed by its issuer is `unavailable`. Call `check` only
 * for certificates already chained to a trust anchor: their distribution points are the
 * ones added to the fetch set.
 */
export function createCrlRegistry(options: CrlRegistryOptions): CrlRegistry {
  const loader = createCrlLoader(options.issuers);
  const sources = new Map<string, CrlSource>();
  let started = false;
  let closed = false;
  let markReady!: () => void;
  const whenReady = new Promise<void>((resolve) => { markReady = resolve; });
  const settleReady = (): void => {
    if (started && [...sources.values()].every((source) => !source.configured || source.tried)) markReady();
  };

  function addSource(url: string, configured: boolean): CrlSource {
    const source = createCrlSource(url, configured, {
      fetchTimeoutMs: options.fetchTimeoutMs,
      maxBytes: options.maxBytes,
      refreshMarginSeconds: options.refreshMarginSeconds,
      retrySeconds: options.retrySeconds,
      minRefreshSeconds: options.minRefreshSeconds ?? 10,
      issuers: options.issuers,
      loader,
      log: options.log,
      onTried: settleReady,
    });
    sources.set(url, source);
    if (started && !closed) source.fetchNow();
    return source;
  }
  for (const url of options.sources) if (!sources.has(url)) addSource(url, true);

  /** The source's CRL if it can answer for `cert`, otherwise why not. */
  function usableCrl(url: string, source: CrlSource, cert: X509Certificate, issuer: X509Certificate, now: Date): LoadedCrl | string {
    const crl = source.crl();
    if (!crl) return `${url}: ${source.lastError() ?? 'not loaded yet'}`;
    if (!sameKey(crl.issuer, issuer)) return `${url}: its CRL is signed by ${crl.issuer.subject}, not by ${issuer.subject}`;
    if (crl.nextUpdate <= now) {
      const failing = source.lastError();
      return `${url}: its CRL is past its nextUpdate ${crl.nextUpdate.toISOString()}${failing ? ` (${failing})` : ''}`;
    }
    if (crl.scope !== 'all' && (crl.scope === 'ca') !== isCertificateAuthority(cert)) return `${url}: its CRL covers only ${crl.scope} certificates`;
    return crl;
  }

  return {
    start() {
      if (started || closed) return;
      started = true;
      for (const source of sources.values()) source.fetchNow();
      settleReady();
    },
    ready: () => whenReady,
    check(cert, issuer, now) {
      const urls = crlDistributionPointUrls(cert);
      if (urls.length === 0) return { status: 'unavailable', detail: `${describeCertificate(cert)} names no http CRL distribution point` };
      const problems: string[] = [];
      for (const url of urls) {
        let source = sources.get(url);
        if (!source) {
          if ([...sources.values()].filter((known) => !known.configured).length >= MAX_DISCOVERED) {
            problems.push(`${url}: not a configured source, and ${MAX_DISCOVERED} distribution points are already followed`);
            continue;
          }
          options.log('info', 'CRL distribution point added', { url, seenIn: describeCertificate(cert) });
          source = addSource(url, false);
        }
        const crl = usableCrl(url, source, cert, issuer, now);
        if (typeof crl === 'string') {
          problems.push(crl);
          continue;
        }
        const revokedAt = findRevoked(crl.revoked, cert.serialNumber);
        return revokedAt === undefined ? { status: 'good' } : { status: 'revoked', revokedAt: new Date(revokedAt) };
      }
      return { status: 'unavailable', detail: `no current CRL for ${describeCertificate(cert)}: ${problems.join('; ')}` };
    },
    async close() {
      closed = true;
      for (const source of sources.values()) source.stop();
      markReady();
      await loader.close();
    },
    status: () => [...sources.values()].map((source) => source.status(new Date())),
  };
}

const issuerKeys = new WeakMap<X509Certificate, string>();

/** Same CA: the same name and the same key (the one that verified the CRL). */
function sameKey(a: X509Certificate, b: X509Certificate): boolean {
  return a === b || keyOf(a) === keyOf(b);
}

function keyOf(cert: X509Certificate): string {
  let key = issuerKeys.get(cert);
  if (key === undefined) {
    key = `${cert.subject}\n${Buffer.from(cert.publicKey.rawData).toString('hex')}`;
    issuerKeys.set(cert, key);
  }
  return key;
}
