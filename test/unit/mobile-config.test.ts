import { expect } from 'chai';
import { loadConfig } from '../../src/config/load-config.ts';
import { PRODUCTION_ENV, configErrorKey } from '../support/config-fixtures.ts';
import { createSandboxCa } from '../../adapters/mobile/sandbox/sandbox-ca.ts';

const PRODUCTION = PRODUCTION_ENV;
const keyOf = configErrorKey;

describe('configuration: mobile certificate', () => {
  let pem: string;
  before(async () => { pem = (await createSandboxCa('Config Test CA', 'http://127.0.0.1:9/crl')).pem; });
  const production = (mobile: Record<string, unknown>) => ({
    env: PRODUCTION,
    overrides: { mobile: { enabled: true, mssp: { url: 'https://mssp.example.fi/mss' }, trustAnchors: [pem], polling: { firstDelayMs: 15_000, intervalMs: 5_000 }, ...mobile } },
  });

  it('is off by default; the development sandbox turns it on', () => {
    expect(loadConfig({ env: {} }).mobile.enabled).to.equal(false);
    expect(loadConfig({ env: {} }).sandbox.mobile.enabled).to.equal(true);
  });

  it('stops start-up when enabled without trust anchors, or with one that is no certificate', () => {
    expect(keyOf(() => loadConfig({ overrides: { mobile: { enabled: true } } }))).to.equal('mobile.trustAnchors');
    expect(keyOf(() => loadConfig({ overrides: { mobile: { enabled: true, trustAnchors: ['/no/such/file.pem'] } } }))).to.equal('mobile.trustAnchors.0');
    expect(keyOf(() => loadConfig({ overrides: { mobile: { enabled: true, trustAnchors: ['-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'] } } }))).to.equal('mobile.trustAnchors.0');
    expect(loadConfig({ overrides: { mobile: { enabled: true, trustAnchors: [pem] } } }).mobile.trustAnchors).to.deep.equal([pem]);
  });

  it('production requires an https MSSP and the FiCom polling schedule', () => {
    expect(loadConfig(production({})).mobile.enabled).to.equal(true);
    expect(keyOf(() => loadConfig(production({ mssp: { url: 'http://mssp.example.fi/mss' } })))).to.equal('mobile.mssp.url');
    expect(keyOf(() => loadConfig(production({ polling: { firstDelayMs: 5_000, intervalMs: 5_000 } })))).to.equal('mobile.polling.firstDelayMs');
    expect(keyOf(() => loadConfig(production({ polling: { firstDelayMs: 15_000, intervalMs: 1_000 } })))).to.equal('mobile.polling.intervalMs');
  });
});
