/**
 * The one-time hand-off between a login and the card endpoint, as the card adapter needs
 * it. The interaction layer implements it on the store, so that any broker worker can
 * take a hand-off another worker issued.
 *
 * 1. `issue`: the login sends the browser to the card endpoint with a fresh random hand-off
 *    id, valid for a short time.
 * 2. `present`: the card endpoint records the certificate the browser presented, once per
 *    hand-off, and gets a one-time code that goes back only to that browser.
 * 3. `take`: the login completes with the hand-off id and that code. Someone who started a
 *    login and lured another person to the hand-off link lacks the code, and the person
 *    lured has the code but not the login's interaction cookie: neither can finish.
 */
export interface CardPresentation {
  /** The certificates the browser (or the trusted proxy) sent, leaf first, base64 DER. */
  readonly certificates: readonly string[];
  readonly via: 'tls' | 'proxy';
  /** Epoch milliseconds. */
  readonly presentedAt: number;
}

export type PresentOutcome =
  | { readonly ok: true; readonly code: string }
  | { readonly ok: false; readonly reason: 'unknown' | 'used' };

export type TakeOutcome =
  | { readonly ok: true; readonly presentation: CardPresentation }
  | { readonly ok: false; readonly reason: 'missing' | 'mismatch' };

export interface CardHandoffs {
  issue(handoff: string, expiresInSeconds: number): Promise<void>;
  present(handoff: string, presentation: CardPresentation): Promise<PresentOutcome>;
  /** At most one call per hand-off gets the presentation, whatever the code. */
  take(handoff: string, code: string): Promise<TakeOutcome>;
}

/** 256 bits, base64url: the shape of every hand-off id and code. */
export const HANDOFF_PATTERN = /^[A-Za-z0-9_-]{43}$/;
