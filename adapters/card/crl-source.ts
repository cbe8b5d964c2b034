import type { X509Certificate } from '@peculiar/x509';
import type { CrlLoader } from './crl-loader.ts';
import type { CrlScope } from './parse-crl.ts';
import type { CrlLog, CrlSourceStatus } from './crl-registry.ts';
import type { RevokedSerials } from './revoked-serials.ts';
import { timerAt, type Timer } from './timer-at.ts';

/** A CRL read, verified and in use. */
export interface LoadedCrl {
  readonly issuer: X509Certificate;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date;
  readonly scope: CrlScope;
  readonly entries: number;
  readonly bytes: number;
  readonly revoked: RevokedSerials;
  readonly etag?: string;
  readonly lastModified?: string;
}

export interface CrlSourceContext {
  readonly fetchTimeoutMs: number;
  readonly maxBytes: number;
  readonly refreshMarginSeconds: number;
  readonly retrySeconds: number;
  readonly minRefreshSeconds: number;
  readonly issuers: readonly X509Certificate[];
  readonly loader: CrlLoader;
  readonly log: CrlLog;
  /** Called once, after the first attempt ends either way. */
  readonly onTried: () => void;
}

/** The CRL itself is wrong (signature, issuer, format, dates): worth an error even while an older one serves. */
class CrlRejected extends Error {}

/**
 * One distribution point: its CRL in use and the timer that fetches the next. A new CRL
 * replaces the old only once read and verified; until then, and through failed fetches,
 * the old one answers until its own nextUpdate.
 */
export function createCrlSource(url: string, configured: boolean, context: CrlSourceContext) {
  let crl: LoadedCrl | undefined;
  let lastError: string | undefined;
  let lastAttemptAt: Date | undefined;
  let nextFetchAt: Date | undefined;
  let fetching = false;
  let tried = false;
  let stopped = false;
  let refresh: Timer | undefined;
  let staleAlarm: Timer | undefined;
  const { log } = context;

  function fetchAt(at: number): Date {
    refresh?.cancel();
    refresh = timerAt(at, () => void load());
    nextFetchAt = new Date(at);
    return nextFetchAt;
  }

  /**
   * `nextUpdate - margin`, the margin at most a quarter of the CRL's lifetime (an hour-long
   * CRL with the default one-hour margin would otherwise be fetched again at once, forever),
   * not sooner than the minimum; a list that did not change waits a retry period.
   */
  function scheduleRefresh(current: LoadedCrl, changed: boolean): Date {
    const now = Date.now();
    const lifetime = current.nextUpdate.getTime() - current.thisUpdate.getTime();
    const planned = current.nextUpdate.getTime() - Math.min(context.refreshMarginSeconds * 1000, Math.max(0, lifetime / 4));
    const earliest = now + context.minRefreshSeconds * 1000;
    return fetchAt(planned >= earliest ? planned : now + (changed ? context.minRefreshSeconds : Math.max(context.minRefreshSeconds, context.retrySeconds)) * 1000);
  }

  function install(next: LoadedCrl): void {
    crl = next;
    staleAlarm?.cancel();
    staleAlarm = timerAt(next.nextUpdate.getTime(), () => {
      if (crl === next) log('error', 'CRL is past its nextUpdate: certificates it covers are refused until a newer one loads', { url, issuer: next.issuer.subject, nextUpdate: next.nextUpdate.toISOString(), lastError });
    });
  }

  async function load(): Promise<void> {
    if (fetching || stopped) return;
    fetching = true;
    refresh?.cancel();
    nextFetchAt = undefined;
    const started = Date.now();
    lastAttemptAt = new Date(started);
    try {
      const outcome = await context.loader.load({
        url, timeoutMs: context.fetchTimeoutMs, maxBytes: context.maxBytes,
        ...(crl?.etag ? { etag: crl.etag } : {}), ...(crl?.lastModified ? { lastModified: crl.lastModified } : {}),
      });
      if (stopped) return;
      if (outcome.kind === 'fetch-failed') throw new Error(outcome.reason);
      if (outcome.kind === 'rejected') throw new CrlRejected(outcome.reason);
      if (outcome.kind === 'not-modified') {
        if (!crl) throw new Error('HTTP 304 with no CRL in use');
        lastError = undefined;
        const nextFetch = scheduleRefresh(crl, false);
        log('info', 'CRL not modified', { url, issuer: crl.issuer.subject, nextUpdate: crl.nextUpdate.toISOString(), ms: Date.now() - started, nextFetchAt: nextFetch.toISOString() });
        return;
      }
      const result = outcome.crl;
      if (result.nextUpdate === undefined) throw new CrlRejected('the CRL has no nextUpdate');
      if (result.nextUpdate <= Date.now()) throw new CrlRejected(`the CRL is already past its nextUpdate ${new Date(result.nextUpdate).toISOString()}`);
      if (crl && result.thisUpdate < crl.thisUpdate.getTime()) throw new CrlRejected(`the CRL is older than the one in use (thisUpdate ${new Date(result.thisUpdate).toISOString()})`);
      const changed = !crl || result.thisUpdate !== crl.thisUpdate.getTime();
      const next: LoadedCrl = {
        issuer: context.issuers[result.issuerIndex]!,
        thisUpdate: new Date(result.thisUpdate),
        nextUpdate: new Date(result.nextUpdate),
        scope: result.scope,
        entries: result.entries,
        bytes: outcome.bytes,
        revoked: result.revoked,
        ...(outcome.etag ? { etag: outcome.etag } : {}),
        ...(outcome.lastModified ? { lastModified: outcome.lastModified } : {}),
      };
      install(next);
      lastError = undefined;
      const nextFetch = scheduleRefresh(next, changed);
      log('info', 'CRL loaded', {
        url, issuer: next.issuer.subject, entries: next.entries, bytes: next.bytes, thisUpdate: next.thisUpdate.toISOString(),
        nextUpdate: next.nextUpdate.toISOString(), ms: Date.now() - started, nextFetchAt: nextFetch.toISOString(),
      });
    } catch (error) {
      if (stopped) return;
      lastError = error instanceof Error ? error.message : String(error);
      const retryAt = fetchAt(Date.now() + context.retrySeconds * 1000);
      const serving = crl !== undefined && crl.nextUpdate.getTime() > Date.now();
      log(error instanceof CrlRejected || !serving ? 'error' : 'warn', serving ? 'CRL refresh failed; the CRL in use serves until its nextUpdate' : 'CRL unavailable; certificates it covers are refused', {
        url, reason: lastError, retryAt: retryAt.toISOString(), ...(crl ? { inUseUntil: crl.nextUpdate.toISOString() } : {}),
      });
    } finally {
      fetching = false;
      if (!tried && !stopped) {
        tried = true;
        context.onTried();
      }
    }
  }

  return {
    url,
    configured,
    get tried(): boolean { return tried; },
    crl: (): LoadedCrl | undefined => crl,
    lastError: (): string | undefined => lastError,
    fetchNow(): void { void load(); },
    stop(): void {
      stopped = true;
      refresh?.cancel();
      staleAlarm?.cancel();
    },
    status(now: Date): CrlSourceStatus {
      const state = crl ? (crl.nextUpdate > now ? 'current' : 'stale') : lastError ? 'failed' : 'pending';
      return {
        url, configured, state,
        ...(crl ? { issuer: crl.issuer.subject, entries: crl.entries, bytes: crl.bytes, thisUpdate: crl.thisUpdate, nextUpdate: crl.nextUpdate } : {}),
        ...(lastError ? { lastError } : {}),
        ...(lastAttemptAt ? { lastAttemptAt } : {}),
        ...(nextFetchAt ? { nextFetchAt } : {}),
      };
    },
  };
}

export type CrlSource = ReturnType<typeof createCrlSource>;
