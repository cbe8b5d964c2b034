import type { Config } from './config/schema.ts';
import type { KeySet } from './keys/key-set.ts';
import type { Logger } from './log/logger.ts';
import type { IdentificationMethod } from './identity/identification-method.ts';
import { createBankMethod } from '../adapters/bank/bank-method.ts';

/** The one place where `src` meets concrete adapters: config decides which are enabled. */
export function createIdentificationMethods(config: Readonly<Config>, keys: KeySet, logger: Logger): IdentificationMethod[] {
  const methods: IdentificationMethod[] = [];
  if (config.bank.enabled && config.bank.upstreams.length > 0) {
    methods.push(createBankMethod({
      bank: config.bank,
      redirectUri: `${config.issuer}/interaction/callback/bank`,
      keys: { signing: keys.rpSigning, decryption: keys.rpDecryption },
      logger: logger.child({ component: 'bank' }),
    }));
  }
  return methods;
}
