import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../src/config/load-config.ts';
import { PRODUCTION_ENV, configErrorKey } from '../support/config-fixtures.ts';

const TRUST_DIR = resolve(import.meta.dirname, '../../config/trust/card');
const tlsEndpoint = { mode: 'tls', host: '0.0.0.0', port: 8443, certificate: resolve(TRUST_DIR, 'dvv-citizen-certificates-g4e.pem') };

describe('configuration: citizen certificate (ID card)', () => {
  const production = (card: Record<string, unknown>) => ({
    env: PRODUCTION_ENV,
    overrides: {
      card: {
        enabled: true,
        publicUrl: 'https://kortti.portti.example.fi',
        endpoint: { mode: 'proxy', host: '10.0.0.5', port: 8080, trustedProxies: ['10.0.0.1', 'fd00::1'] },
        populationRegister: { url: 'https://vtj-gateway.example.fi/v1' },
        ...card,
      },
    },
  });

  it('is off by default; the development sandbox turns it on', () => {
    expect(loadConfig({ env: {} }).card.enabled).to.equal(false);
    expect(loadConfig({ env: {} }).sandbox.card.enabled).to.equal(true);
  });

  it('ships DVV\'s citizen CAs and their CRLs as the production default', () => {
    const config = loadConfig(production({}));
    if (!config.card.enabled) throw new Error('expected the card method on');
    const subjects = (pems: readonly string[]) => pems.map((pem) => new X509Certificate(pem).subject.split('\n').find((l) => l.startsWith('CN='))!);
    expect(subjects(config.card.trustAnchors)).to.deep.equal(['CN=DVV Gov. Root CA - G3 RSA', 'CN=DVV Gov. Root CA - G3 ECC', 'CN=VRK Gov. Root CA - G2']);
    expect(subjects(config.card.issuingCas)).to.deep.equal(['CN=DVV Citizen Certificates - G4R', 'CN=DVV Citizen Certificates - G4E', 'CN=VRK Gov. CA for Citizen Certificates - G3']);
    expect(config.card.crl.sources).to.include('http://proxy.fineid.fi/crl/dvvcqc4ec.crl');
    // Every shipped CA certificate is what its README says it is (fingerprints from config/trust/card/README.md).
    const fingerprint = (file: string) => new X509Certificate(readFileSync(resolve(TRUST_DIR, file))).fingerprint256.replace(/:/g, '');
    expect(fingerprint('dvv-gov-root-ca-g3-rsa.pem')).to.equal('D3ED3FC40AD26B52E001E1E18F4B9449529DEB75A81D5EB680D7B62DB23BA96D');
    expect(fingerprint('dvv-citizen-certificates-g4e.pem')).to.equal('AAD1BEAC4696102A88BF9D518D64F8B014F78F9B152579C959998313197924D7');
  });

  it('stops start-up when enabled without what it needs, naming the key', () => {
    expect(keyOf(() => loadConfig({ overrides: { card: { enabled: true } } }))).to.match(/^card\./);
    const base = { enabled: true, publicUrl: 'https://localhost:3030', populationRegister: { url: 'http://127.0.0.1:3031/register' } };
    expect(keyOf(() => loadConfig({ overrides: { card: { ...base, endpoint: { ...tlsEndpoint, privateKey: '/no/such/key.pem' } } } }))).to.equal('card.endpoint.privateKey');
    expect(keyOf(() => loadConfig({ overrides: { card: { ...base, endpoint: { mode: 'proxy', host: '127.0.0.1', port: 1, trustedProxies: ['not-an-ip'] } } } }))).to.equal('card.endpoint.trustedProxies.0');
    expect(keyOf(() => loadConfig({ overrides: { card: { ...base, endpoint: { mode: 'proxy', host: '127.0.0.1', port: 1, trustedProxies: [] } } } }))).to.equal('card.endpoint.trustedProxies');
    expect(keyOf(() => loadConfig({ overrides: { card: { ...base, endpoint: { mode: 'proxy', host: '127.0.0.1', port: 1, trustedProxies: ['127.0.0.1'] }, issuingCas: [] } } }))).to.equal('card.issuingCas');
  });

  it('production requires https for the card endpoint and the population register', () => {
    expect(loadConfig(production({})).card.enabled).to.equal(true);
    expect(keyOf(() => loadConfig(production({ publicUrl: 'http://kortti.portti.example.fi' })))).to.equal('card.publicUrl');
    expect(keyOf(() => loadConfig(production({ populationRegister: { url: 'http://vtj.example.fi' } })))).to.equal('card.populationRegister.url');
  });
});

const keyOf = configErrorKey;
