import type { Config } from './config/schema.ts';
import type { KeySet } from './keys/key-set.ts';
import type { Logger } from './log/logger.ts';
import type { AnyIdentificationMethod } from './identity/identification-method.ts';
import { createBankMethod } from '../adapters/bank/bank-method.ts';
import { createMobileMethod } from '../adapters/mobile/mobile-method.ts';
import { createJsonTransport } from '../adapters/mobile/json-transport.ts';

/** The one place where `src` meets concrete adapters: config decides which are enabled. */
export function createIdentificationMethods(config: Readonly<Config>, keys: KeySet, logger: Logger): AnyIdentificationMethod[] {
  const methods: AnyIdentificationMethod[] = [];
  if (config.bank.enabled && config.bank.upstreams.length > 0) {
    methods.push(createBankMethod({
      bank: config.bank,
      redirectUri: `${config.issuer}/interaction/callback/bank`,
      keys: { signing: keys.rpSigning, decryption: keys.rpDecryption },
      logger: logger.child({ component: 'bank' }),
    }));
  }
  if (config.mobile.enabled) {
    const { mssp } = config.mobile;
    methods.push(createMobileMethod({
      mobile: config.mobile,
      transport: createJsonTransport({ url: mssp.url, basicAuth: mssp.basicAuth, requestTimeoutMs: mssp.requestTimeoutMs }),
      logger: logger.child({ component: 'mobile' }),
    }));
  }
  return methods;
}
