import { request as httpRequest } from 'node:http';
import { expect } from 'chai';
import type { RunningSandboxCardPeers } from '../../adapters/card/sandbox/start-sandbox-card-peers.ts';
import { translate } from '../../src/i18n/catalog.ts';
import type { TestSystem } from '../support/start-test-system.ts';
import { TestBrowser } from '../support/test-browser.ts';
import { authorizationRequest, eserviceClient, redeem } from '../support/eservice-client.ts';
import { handOffToCard, loginWithCard, startCardTestSystem } from '../support/card-test-system.ts';

const escaped = (text: string) => text.replace(/'/g, '&#39;');

/** A TLS-terminating proxy's request to the card endpoint, sent from `localAddress`. */
function viaProxy(url: URL, localAddress: string, headers: Record<string, string>): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'GET', localAddress, agent: false, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, location: response.headers.location }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('e2e: card endpoint behind a TLS-terminating proxy', () => {
  const TRUSTED_PROXY = '127.0.0.2';
  let system: TestSystem;
  let peers: RunningSandboxCardPeers;
  before(async () => {
    ({ system, peers } = await startCardTestSystem({}, { proxy: { trustedProxies: [TRUSTED_PROXY] } }));
  });
  after(async () => { await system?.close(); });

  const login = async (from: string, header: string) => {
    const browser = new TestBrowser();
    const config = await eserviceClient(system, 'eservice-a');
    const request = await authorizationRequest(config, { scope: 'openid satu' });
    const { handoffUrl } = await handOffToCard(browser, request);
    const presented = await viaProxy(handoffUrl, from, { 'x-ssl-client-cert': header });
    expect(presented.status).to.equal(303);
    return { config, request, outcome: await browser.navigate(presented.location!, request.redirectOrigin) };
  };

  it('logs in with the certificate a trusted proxy forwards (nginx $ssl_client_escaped_cert form)', async () => {
    const card = peers.cards['valid-ecdsa'];
    const { config, request, outcome } = await login(TRUSTED_PROXY, encodeURIComponent(card.certificatePem));
    if (!(outcome instanceof URL)) throw new Error(`expected a login, got ${outcome.status}: ${(await outcome.text()).slice(0, 600)}`);
    expect((await redeem(config, outcome, request)).claims()!.satu).to.equal(card.satu);
  });

  it('reads the PEM-with-spaces form other proxies send', async () => {
    const pem = peers.cards['valid-rsa'].certificatePem.trim().replace(/\n/g, ' ');
    const { outcome } = await login(TRUSTED_PROXY, pem);
    expect(outcome).to.be.instanceOf(URL);
  });

  it('ignores the header from an address that is not a trusted proxy: no certificate, no login, logged', async () => {
    const { outcome } = await login('127.0.0.1', encodeURIComponent(peers.cards['valid-rsa'].certificatePem));
    if (outcome instanceof URL) throw new Error(`a forged header logged in: ${outcome.href}`);
    expect(outcome.status).to.equal(400);
    expect(await outcome.text()).to.contain(escaped(translate('fi', 'card.failure.ERR_CARD_NO_CERTIFICATE')));
    expect(system.logs.some((line) => String(line.msg).includes('not a trusted proxy') && line.remoteAddress === '127.0.0.1')).to.equal(true);
  });

  it('refuses garbage in the header as a malformed certificate, never a 5xx', async () => {
    const { outcome } = await login(TRUSTED_PROXY, '-----BEGIN CERTIFICATE----- bm90IGEgY2VydA== -----END CERTIFICATE-----');
    expect((outcome as Response).status).to.equal(400);
    expect(await (outcome as Response).text()).to.contain(escaped(translate('fi', 'card.failure.ERR_CARD_CERT_MALFORMED')));
  });
});

describe('e2e: card revocation fails closed', () => {
  let system: TestSystem;
  let peers: RunningSandboxCardPeers;
  before(async () => {
    ({ system, peers } = await startCardTestSystem({}, { crlAvailable: false }));
  });
  after(async () => { await system?.close(); });

  it('refuses a valid card while no CRL can be fetched, tells the operator, and logs in once the CRL is back', async () => {
    const request = await authorizationRequest(await eserviceClient(system, 'eservice-a'));
    const { outcome } = await loginWithCard(new TestBrowser(), request, peers, { pfx: peers.cards['valid-rsa'].pfx, passphrase: peers.password });
    if (outcome instanceof URL) throw new Error(`logged in without a CRL: ${outcome.href}`);
    expect(outcome.status).to.equal(502);
    expect(await outcome.text()).to.contain(escaped(translate('fi', 'card.failure.ERR_CARD_CRL_UNAVAILABLE')));
    const audit = (await system.broker.storage.audit.list({ type: 'identification.failed' })).at(-1)!;
    expect(audit.data).to.include({ method: 'card', code: 'ERR_CARD_CRL_UNAVAILABLE' });
    expect(system.logs.some((line) => line.component === 'card-crl' && (line.level === 'warn' || line.level === 'error')), 'CRL failure logged').to.equal(true);
    expect(system.logs.some((line) => line.code === 'ERR_CARD_CRL_UNAVAILABLE' && line.level === 'warn'), 'refusal logged').to.equal(true);

    peers.setCrlAvailable(true);
    // The background fetch retries every second in tests; a login succeeds once it has the CRLs.
    let landed: Response | URL | undefined;
    for (let attempt = 0; attempt < 40 && !(landed instanceof URL); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const retry = await authorizationRequest(await eserviceClient(system, 'eservice-a'));
      landed = (await loginWithCard(new TestBrowser(), retry, peers, { pfx: peers.cards['valid-rsa'].pfx, passphrase: peers.password })).outcome;
    }
    expect(landed).to.be.instanceOf(URL);
  });
});
