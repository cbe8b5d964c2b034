import { expect } from 'chai';
import { ConfigError } from '../../src/config/config-error.ts';

/** Environment of a production deployment that passes every production rule. */
export const PRODUCTION_ENV = {
  PORTTI__MODE: 'production',
  PORTTI__ISSUER: 'https://portti.example.fi',
  PORTTI__SANDBOX__ENABLED: 'false',
  PORTTI__SECRETS__PAIRWISE: 'a-long-random-production-secret-0123456789',
  PORTTI__BANK__UPSTREAMS: '[]',
  PORTTI__PAYMENTS__ENABLED: 'false',
  PORTTI__ESERVICES: JSON.stringify([{
    clientId: 'prod-service', name: { fi: 'P', sv: 'P', en: 'P' }, redirectUris: ['https://service.example.fi/cb'],
    auth: { method: 'client_secret_basic', secret: 'x'.repeat(40) },
  }]),
};

/** The key a configuration error names; fails the test when nothing was thrown. */
export function configErrorKey(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return (error as ConfigError).key;
  }
  throw new Error('expected a ConfigError');
}
