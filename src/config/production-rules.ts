import type { Config } from './schema.ts';
import { ConfigError } from './config-error.ts';

/**
 * Rules that only production enforces. Development defaults (sandbox, http, generated
 * secrets) are what make `npm start` work on a fresh machine; each is unsafe in production.
 */
export function checkProductionRules(config: Config): void {
  if (config.mode !== 'production') return;
  if (config.sandbox.enabled) {
    throw new ConfigError('sandbox.enabled', 'must be false in production: sandbox peers accept test identities');
  }
  if (!config.issuer.startsWith('https://')) {
    throw new ConfigError('issuer', 'must be an https URL in production');
  }
  if (config.secrets.pairwise === null) {
    throw new ConfigError('secrets.pairwise', 'must be set in production (at least 32 characters, kept across deployments: changing it changes every citizen\'s sub)');
  }
  if (config.store.kind === 'sqlite' && config.store.sqlitePath === ':memory:') {
    throw new ConfigError('store.sqlitePath', 'must be a file in production: an in-memory store loses sessions and keys');
  }
  config.bank.upstreams.forEach((upstream, index) => {
    if (!upstream.issuer.startsWith('https://')) {
      throw new ConfigError(`bank.upstreams.${index}.issuer`, 'must be an https URL in production');
    }
  });
  if (config.mobile.enabled) {
    if (!config.mobile.mssp.url.startsWith('https://')) {
      throw new ConfigError('mobile.mssp.url', 'must be an https URL in production');
    }
    // FiCom Implementation Guideline: first status poll after 10-20 s, then at most every 5 s.
    const { firstDelayMs, intervalMs } = config.mobile.polling;
    if (firstDelayMs < 10_000 || firstDelayMs > 20_000) {
      throw new ConfigError('mobile.polling.firstDelayMs', 'must be 10000-20000 in production (FiCom: first poll after 10-20 s)');
    }
    if (intervalMs < 5_000) {
      throw new ConfigError('mobile.polling.intervalMs', 'must be at least 5000 in production (FiCom: poll at most every 5 s)');
    }
  }
  if (config.card.enabled) {
    if (!config.card.publicUrl.startsWith('https://')) {
      throw new ConfigError('card.publicUrl', 'must be an https URL in production: the browser sends the card certificate only over TLS');
    }
    if (!config.card.populationRegister.url.startsWith('https://')) {
      throw new ConfigError('card.populationRegister.url', 'must be an https URL in production: the register answers with the hetu');
    }
  }
  if (config.payments.enabled && !config.payments.paytrail.apiUrl.startsWith('https://')) {
    throw new ConfigError('payments.paytrail.apiUrl', 'must be an https URL in production');
  }
  if (config.payments.enabled && config.payments.paytrail.account === '375917') {
    throw new ConfigError('payments.paytrail.account', 'is Paytrail\'s public test merchant: set your own merchant account and secret in production');
  }
  config.eservices.forEach((eservice, index) => {
    eservice.redirectUris.forEach((uri, uriIndex) => {
      if (!uri.startsWith('https://')) {
        throw new ConfigError(`eservices.${index}.redirectUris.${uriIndex}`, 'must be an https URL in production');
      }
    });
  });
}
