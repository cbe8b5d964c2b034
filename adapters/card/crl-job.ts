import { fetchCrl } from './fetch-crl.ts';
import { readCrl, type CrlIssuerKey, type ReadCrlResult } from './read-crl.ts';

/** One download of one distribution point, as handed to a CRL worker. */
export interface CrlJob {
  readonly url: string;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly etag?: string;
  readonly lastModified?: string;
  readonly issuers: readonly CrlIssuerKey[];
}

export type CrlJobOutcome =
  | {
      readonly kind: 'loaded';
      readonly crl: Extract<ReadCrlResult, { ok: true }>;
      readonly bytes: number;
      readonly etag?: string;
      readonly lastModified?: string;
    }
  /** The server says the copy in use (by its validators) is still the current one. */
  | { readonly kind: 'not-modified' }
  /** No body: network, HTTP status, timeout, size. */
  | { readonly kind: 'fetch-failed'; readonly reason: string }
  /** A body, but not a CRL Portti may use (format, issuer, signature). */
  | { readonly kind: 'rejected'; readonly reason: string };

/**
 * Download and read, both inside the worker: on a busy host even copying a 45 MB body
 * together takes the better part of 100 ms, which the event loop should not spend.
 */
export async function runCrlJob(job: CrlJob): Promise<CrlJobOutcome> {
  let fetched;
  try {
    fetched = await fetchCrl(job.url, {
      timeoutMs: job.timeoutMs,
      maxBytes: job.maxBytes,
      ...(job.etag ? { etag: job.etag } : {}),
      ...(job.lastModified ? { lastModified: job.lastModified } : {}),
    });
  } catch (error) {
    return { kind: 'fetch-failed', reason: error instanceof Error ? error.message : String(error) };
  }
  if (!fetched.changed) return { kind: 'not-modified' };
  const crl = readCrl(fetched.body, job.issuers);
  if (!crl.ok) return { kind: 'rejected', reason: crl.reason };
  return {
    kind: 'loaded',
    crl,
    bytes: fetched.body.byteLength,
    ...(fetched.etag ? { etag: fetched.etag } : {}),
    ...(fetched.lastModified ? { lastModified: fetched.lastModified } : {}),
  };
}
