import type { CardId } from '../../../adapters/card/sandbox/start-sandbox-card-peers.ts';
import type { DemoSystem } from '../../support/start-demo-system.ts';

/**
 * What a browser brings to Portti's card endpoint: the endpoint's origin, and the test card
 * whose certificate it presents there (none: the browser sends no certificate, as one
 * without a card reader, or with the reader empty, does).
 */
export interface CardReader {
  readonly origin: string;
  readonly card?: { readonly pfx: Buffer; readonly passphrase: string };
}

/** A card reader with the sandbox test card `card` in it, or an empty one. */
export function cardReader(site: DemoSystem, card?: CardId): CardReader {
  if (!site.card) throw new Error('start the demo system with { card: true } to reach the card endpoint');
  const { peers, origin } = site.card;
  return card ? { origin, card: { pfx: peers.cards[card].pfx, passphrase: peers.password } } : { origin };
}
