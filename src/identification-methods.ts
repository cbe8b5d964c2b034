import type { Config } from './config/schema.ts';
import type { KeySet } from './keys/key-set.ts';
import type { Logger } from './log/logger.ts';
import type { AnyIdentificationMethod } from './identity/identification-method.ts';
import type { CardHandoffs } from '../adapters/card/card-handoffs.ts';
import { createBankMethod } from '../adapters/bank/bank-method.ts';
import { createMobileMethod } from '../adapters/mobile/mobile-method.ts';
import { createJsonTransport } from '../adapters/mobile/json-transport.ts';
import { createCardIdentification, type CardIdentification } from '../adapters/card/card-identification.ts';

export interface IdentificationMethods {
  /** In the order the method choice shows them. */
  readonly list: readonly AnyIdentificationMethod[];
  /** The card method's endpoint and CRL downloads, when the card method is on. */
  readonly card: CardIdentification | undefined;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** The one place where `src` meets concrete adapters: config decides which are enabled. */
export function createIdentificationMethods(
  config: Readonly<Config>,
  keys: KeySet,
  logger: Logger,
  services: { readonly cardHandoffs: CardHandoffs },
): IdentificationMethods {
  const list: AnyIdentificationMethod[] = [];
  if (config.bank.enabled && config.bank.upstreams.length > 0) {
    list.push(createBankMethod({
      bank: config.bank,
      redirectUri: `${config.issuer}/interaction/callback/bank`,
      keys: { signing: keys.rpSigning, decryption: keys.rpDecryption },
      logger: logger.child({ component: 'bank' }),
    }));
  }
  if (config.mobile.enabled) {
    const { mssp } = config.mobile;
    list.push(createMobileMethod({
      mobile: config.mobile,
      transport: createJsonTransport({ url: mssp.url, basicAuth: mssp.basicAuth, requestTimeoutMs: mssp.requestTimeoutMs }),
      logger: logger.child({ component: 'mobile' }),
    }));
  }
  const card = config.card.enabled
    ? createCardIdentification({
      card: config.card,
      returnUrl: `${config.issuer}/interaction/callback/card`,
      handoffs: services.cardHandoffs,
      logger: logger.child({ component: 'card' }),
    })
    : undefined;
  if (card) list.push(card.method);
  return {
    list,
    card,
    start: async () => card?.start(),
    close: async () => card?.close(),
  };
}
