import { CRLDistributionPointsExtension, X509Crl, type X509Certificate } from '@peculiar/x509';
import { describe } from './certificate-chain.ts';

export type RevocationCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: 'ERR_MOBILE_CERT_REVOKED' | 'ERR_MOBILE_CRL_UNAVAILABLE'; readonly detail: string; readonly cause?: unknown };

export interface CrlCacheOptions {
  readonly fetchTimeoutMs: number;
  /** A CRL is fetched again after this long even if its nextUpdate is later. */
  readonly maxAgeSeconds: number;
  readonly maxBytes?: number;
}

interface Cached {
  readonly crl: X509Crl;
  readonly refreshAfter: number;
}

/**
 * Revocation by CRL, fetched from the certificate's own distribution point and cached
 * until its nextUpdate (or `maxAgeSeconds`). Only a CRL signed by the certificate's issuer
 * counts; a certificate whose CRL cannot be had is refused (fail closed). The URL comes
 * from a certificate that has already been chained to a trust anchor.
 */
export function createCrlCache(options: CrlCacheOptions) {
  const cache = new Map<string, Cached>();
  const inFlight = new Map<string, Promise<X509Crl>>();
  const maxBytes = options.maxBytes ?? 50 * 1024 * 1024;

  async function download(url: string): Promise<X509Crl> {
    const response = await fetch(url, { signal: AbortSignal.timeout(options.fetchTimeoutMs) });
    if (!response.ok) throw new Error(`CRL ${url} answered HTTP ${response.status}`);
    const body = Buffer.from(await response.arrayBuffer());
    if (body.length > maxBytes) throw new Error(`CRL ${url} is larger than ${maxBytes} bytes`);
    const text = body.subarray(0, 11).toString('latin1');
    return new X509Crl(text.startsWith('-----BEGIN') ? body.toString('latin1') : body);
  }

  async function crlFor(url: string, issuer: X509Certificate, now: number): Promise<X509Crl> {
    const cached = cache.get(url);
    if (cached && now < cached.refreshAfter) return cached.crl;
    let pending = inFlight.get(url);
    if (!pending) {
      pending = download(url).finally(() => inFlight.delete(url));
      inFlight.set(url, pending);
    }
    try {
      const crl = await pending;
      if (crl.issuer !== issuer.subject || !(await crl.verify({ publicKey: issuer.publicKey }))) {
        throw new Error(`CRL ${url} is not signed by ${issuer.subject}`);
      }
      const nextUpdate = crl.nextUpdate?.getTime() ?? now;
      if (nextUpdate <= now) throw new Error(`CRL ${url} is stale (nextUpdate ${crl.nextUpdate?.toISOString()})`);
      cache.set(url, { crl, refreshAfter: Math.min(nextUpdate, now + options.maxAgeSeconds * 1000) });
      return crl;
    } catch (error) {
      // A CRL that is still within its nextUpdate stays good while its distribution point is down.
      const stillValid = cached && (cached.crl.nextUpdate?.getTime() ?? 0) > now;
      if (stillValid) return cached.crl;
      throw error;
    }
  }

  return {
    async check(cert: X509Certificate, issuer: X509Certificate, now: Date): Promise<RevocationCheck> {
      const urls = distributionPoints(cert);
      if (urls.length === 0) {
        return { ok: false, code: 'ERR_MOBILE_CRL_UNAVAILABLE', detail: `${describe(cert)} names no http CRL distribution point` };
      }
      let lastError: unknown;
      for (const url of urls) {
        try {
          const crl = await crlFor(url, issuer, now.getTime());
          const entry = crl.findRevoked(cert);
          if (entry && entry.revocationDate <= now) {
            return { ok: false, code: 'ERR_MOBILE_CERT_REVOKED', detail: `${describe(cert)} was revoked ${entry.revocationDate.toISOString()}` };
          }
          return { ok: true };
        } catch (error) {
          lastError = error;
        }
      }
      return { ok: false, code: 'ERR_MOBILE_CRL_UNAVAILABLE', detail: `no usable CRL for ${describe(cert)}: ${(lastError as Error).message}`, cause: lastError };
    },
  };
}

export type CrlCache = ReturnType<typeof createCrlCache>;

function distributionPoints(cert: X509Certificate): string[] {
  const extension = cert.getExtension(CRLDistributionPointsExtension);
  return (extension?.distributionPoints ?? [])
    .flatMap((point) => point.distributionPoint?.fullName ?? [])
    .flatMap((name) => (name.uniformResourceIdentifier ? [name.uniformResourceIdentifier] : []))
    .filter((url) => /^https?:\/\//i.test(url));
}
