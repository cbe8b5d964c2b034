import { isDeepStrictEqual } from 'node:util';
import * as x509 from '@peculiar/x509';
import { testCardAsJson } from './saved-citizen-ca.ts';
import type { SandboxState } from './sandbox-state.ts';
import type { TestCard } from './test-cards.ts';

/*
 * A person who imported a card should not find it expired mid-session; a month ahead, the
 * sandbox makes new material at the next start instead.
 */
const MIN_REMAINING_MS = 30 * 86_400_000;

/**
 * Why saved material must not be restored, or undefined when it may: made for another CRL
 * base URL (its certificates name CRLs nobody serves), for other test cards, or holding a
 * certificate that expires within 30 days. The `expired` card is expired by design.
 */
export function staleReason(state: SandboxState, crlBaseUrl: string, cards: readonly TestCard[], now = Date.now()): string | undefined {
  if (state.crlBaseUrl !== crlBaseUrl) return `made for CRLs at ${state.crlBaseUrl}, not ${crlBaseUrl}`;
  const saved = state.citizenCa.cards;
  const unchanged = saved.length === cards.length && cards.every((card) => isDeepStrictEqual(saved.find((s) => s.card.id === card.id)?.card, testCardAsJson(card)));
  if (!unchanged) return 'the test cards have changed';
  const certificates = [
    ...Object.values(state.citizenCa.authorities).map((authority) => authority.certificate),
    state.tls.certificate,
    state.tls.caPem,
    ...saved.filter((s) => s.card.expired !== true).map((s) => s.certificate),
  ].map((pem) => new x509.X509Certificate(pem));
  const expiring = certificates.find((certificate) => certificate.notAfter.getTime() - now < MIN_REMAINING_MS);
  return expiring ? `"${expiring.subject}" expires on ${expiring.notAfter.toISOString()}` : undefined;
}
