import type { FailureReason, IdentificationFailure } from '../../src/identity/identification-method.ts';

/**
 * Every way a citizen-certificate identification can end without an identity. Each code
 * has its own message to the citizen (`card.failure.<code>` in the catalogs), because
 * "your card has expired" and "your card is not from a CA we trust" call for different
 * actions. `retry: false` marks the ones the same card can never get past: their page
 * leads with "choose another method".
 */
export const CARD_FAILURES = {
  /** The browser sent no client certificate: no reader, no card, or the dialog was closed. */
  ERR_CARD_NO_CERTIFICATE: { reason: 'rejected' },
  /** What the browser (or proxy) sent is not a parseable X.509 certificate. */
  ERR_CARD_CERT_MALFORMED: { reason: 'rejected' },
  /** No path to a configured citizen CA: a foreign or unknown CA. */
  ERR_CARD_CERT_UNTRUSTED: { reason: 'rejected' },
  /** The card certificate, or a CA certificate on its path, is outside its validity. */
  ERR_CARD_CERT_EXPIRED: { reason: 'rejected', retry: false },
  /** The card certificate lacks the digitalSignature key usage (not an authentication certificate). */
  ERR_CARD_CERT_KEY_USAGE: { reason: 'rejected' },
  /** The card certificate is on its CA's revocation list. */
  ERR_CARD_CERT_REVOKED: { reason: 'rejected', retry: false },
  /** The issuing CA's certificate is on the root's revocation list. */
  ERR_CARD_CA_REVOKED: { reason: 'rejected', retry: false },
  /** No current CRL for a certificate on the path: refused (fail closed) until one is fetched. */
  ERR_CARD_CRL_UNAVAILABLE: { reason: 'upstream_error' },
  /** The subject has no serialNumber, or it is not a valid SATU. */
  ERR_CARD_SATU_INVALID: { reason: 'rejected', retry: false },
  /** The population register knows no person by this SATU. */
  ERR_CARD_PERSON_UNKNOWN: { reason: 'rejected', retry: false },
  /** The population register says the person has died: a card in someone else's hands. */
  ERR_CARD_PERSON_DECEASED: { reason: 'rejected', retry: false },
  /** The register answered a hetu that fails validation. */
  ERR_CARD_HETU_INVALID: { reason: 'rejected', retry: false },
  /** The population register could not be asked (down, timeout, malformed answer). */
  ERR_CARD_REGISTER_UNAVAILABLE: { reason: 'upstream_error' },
  /** The hand-off link was already used, or its one-time code does not match. */
  ERR_CARD_HANDOFF_INVALID: { reason: 'rejected' },
} as const satisfies Record<string, { readonly reason: FailureReason; readonly retry?: false }>;

export type CardFailureCode = keyof typeof CARD_FAILURES;
export const CARD_FAILURE_CODES = Object.keys(CARD_FAILURES) as CardFailureCode[];

export function cardFailure(code: CardFailureCode, detail: string, cause?: unknown): IdentificationFailure {
  const entry: { readonly reason: FailureReason; readonly retry?: false } = CARD_FAILURES[code];
  return { reason: entry.reason, code, detail, ...(entry.retry === false ? { retryable: false } : {}), ...(cause === undefined ? {} : { cause }) };
}

