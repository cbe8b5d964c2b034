import { expect } from 'chai';
import * as oidc from 'openid-client';
import type { RunningSandboxCardPeers } from '../../adapters/card/sandbox/start-sandbox-card-peers.ts';
import type { CardFailureCode } from '../../adapters/card/card-failures.ts';
import { translate } from '../../src/i18n/catalog.ts';
import { failureMessage } from '../../src/views/pages/method-result-page.ts';
import type { TestSystem } from '../support/start-test-system.ts';
import { TestBrowser } from '../support/test-browser.ts';
import { authorizationRequest, eserviceClient, redeem } from '../support/eservice-client.ts';
import { LOA3, handOffToCard, loginWithCard, presentCard, startCardTestSystem } from '../support/card-test-system.ts';

const SCOPES = { scope: 'openid profile personal_identity_code satu' };
const escaped = (text: string) => text.replace(/'/g, '&#39;');

describe('e2e: citizen certificate (ID card) login over mutual TLS', () => {
  let system: TestSystem;
  let peers: RunningSandboxCardPeers;
  const credential = (id: keyof RunningSandboxCardPeers['cards']) => ({ pfx: peers.cards[id].pfx, passphrase: peers.password });

  before(async () => { ({ system, peers } = await startCardTestSystem()); });
  after(async () => { if (process.env.DUMP_LOGS) console.log(system?.logs); await system?.close(); });

  for (const id of ['valid-rsa', 'valid-ecdsa'] as const) {
    it(`logs a citizen in with the ${id} card: loa3, amr card, hetu from the register, satu`, async () => {
      const config = await eserviceClient(system, 'eservice-a');
      const request = await authorizationRequest(config, { ...SCOPES, acr_values: LOA3 });
      const { outcome } = await loginWithCard(new TestBrowser(), request, peers, credential(id));
      if (!(outcome instanceof URL)) throw new Error(`expected the e-service callback, got ${outcome.status}: ${(await outcome.text()).slice(0, 800)}`);
      const tokens = await redeem(config, outcome, request);
      const claims = tokens.claims()!;
      const card = peers.cards[id];
      expect(claims.acr).to.equal(LOA3);
      expect(claims.amr).to.deep.equal(['card', 'sc', 'pin']);
      expect(claims).to.include({ personal_identity_code: card.hetu, satu: card.satu, family_name: card.surname });
      const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
      expect(userinfo).to.include({ satu: card.satu, personal_identity_code: card.hetu });
      const audit = (await system.broker.storage.audit.list({ type: 'identification.succeeded' })).at(-1)!;
      expect(audit.data).to.include({ method: 'card', subMethod: 'card', acr: LOA3, sub: claims.sub });
    });
  }

  it('offers the card method only at the high level and shows it on the method choice', async () => {
    const config = await eserviceClient(system, 'eservice-a');
    const request = await authorizationRequest(config, { acr_values: LOA3 });
    const { handoffUrl } = await handOffToCard(new TestBrowser(), request);
    expect(handoffUrl.origin).to.equal(system.config.card.enabled ? system.config.card.publicUrl : '');
    expect(handoffUrl.pathname).to.equal('/card/identify');
    expect(handoffUrl.searchParams.get('handoff')).to.match(/^[A-Za-z0-9_-]{43}$/);
  });

  const REFUSALS: readonly { readonly card: keyof RunningSandboxCardPeers['cards'] | 'none'; readonly code: CardFailureCode }[] = [
    { card: 'none', code: 'ERR_CARD_NO_CERTIFICATE' },
    { card: 'expired', code: 'ERR_CARD_CERT_EXPIRED' },
    { card: 'revoked', code: 'ERR_CARD_CERT_REVOKED' },
    { card: 'wrong-key-usage', code: 'ERR_CARD_CERT_KEY_USAGE' },
    { card: 'unknown-ca', code: 'ERR_CARD_CERT_UNTRUSTED' },
    { card: 'unknown-satu', code: 'ERR_CARD_PERSON_UNKNOWN' },
    { card: 'revoked-ca', code: 'ERR_CARD_CA_REVOKED' },
  ];
  for (const { card, code } of REFUSALS) {
    it(`refuses ${card === 'none' ? 'a browser without a certificate' : `the ${card} card`} with its own page (${code}), no login, audited`, async () => {
      const browser = new TestBrowser();
      const request = await authorizationRequest(await eserviceClient(system, 'eservice-a'));
      const { uid, outcome } = await loginWithCard(browser, request, peers, card === 'none' ? undefined : credential(card));
      if (outcome instanceof URL) throw new Error(`expected a refusal page, was sent to ${outcome.href}`);
      expect(outcome.status).to.equal(400);
      const html = await outcome.text();
      expect(failureMessage('card', code), 'a message of its own').to.equal(`card.failure.${code}`);
      expect(html).to.contain(escaped(translate('fi', failureMessage('card', code))));
      expect(html, 'try again starts a new hand-off').to.contain(`action="/interaction/${uid}/method"`).and.contain('value="card"');
      expect(html, 'another method').to.contain(`href="/interaction/${uid}"`);
      const audit = (await system.broker.storage.audit.list({ type: 'identification.failed' })).at(-1)!;
      expect(audit.data).to.include({ method: 'card', code });
      // The login is still alive: the citizen can choose again.
      const choice = await browser.navigate(new URL(`/interaction/${uid}`, system.issuer), request.redirectOrigin);
      expect((choice as Response).status).to.equal(200);
    });
  }

  it('keeps the refusal page at its own address: a reload shows it again, the language can be switched, nothing is audited twice', async () => {
    const browser = new TestBrowser();
    const request = await authorizationRequest(await eserviceClient(system, 'eservice-a'));
    const { uid, outcome } = await loginWithCard(browser, request, peers, credential('revoked'));
    const page = outcome as Response;
    expect(new URL(page.url).pathname).to.equal(`/interaction/${uid}/card/result`);
    const first = await page.text();
    const reference = /class="reference">([^<]+)</.exec(first)![1]!;
    const audited = (await system.broker.storage.audit.list({ type: 'identification.failed' })).length;

    const reloaded = await browser.navigate(page.url, request.redirectOrigin) as Response;
    expect(reloaded.status).to.equal(400);
    const again = await reloaded.text();
    expect(again).to.contain(reference);
    expect(again).to.contain(escaped(translate('fi', 'card.failure.ERR_CARD_CERT_REVOKED')));
    const swedish = await browser.navigate(new URL(`/interaction/${uid}/card/result?lang=sv`, system.issuer), request.redirectOrigin) as Response;
    expect(await swedish.text()).to.contain(escaped(translate('sv', 'card.failure.ERR_CARD_CERT_REVOKED')));
    expect((await system.broker.storage.audit.list({ type: 'identification.failed' })).length).to.equal(audited);
  });

  it('leads with "choose another method" when the same card cannot succeed, and with "try again" when it can', async () => {
    const firstAction = async (card: 'expired' | 'none') => {
      const request = await authorizationRequest(await eserviceClient(system, 'eservice-a'));
      const { outcome } = await loginWithCard(new TestBrowser(), request, peers, card === 'none' ? undefined : credential(card));
      const actions = /<div class="actions">([\s\S]*?)<\/div>/.exec(await (outcome as Response).text())![1]!;
      return /class="button"[^>]*>([^<]+)</.exec(actions)![1];
    };
    expect(await firstAction('expired')).to.equal(translate('fi', 'method.another'));
    expect(await firstAction('none')).to.equal(translate('fi', 'method.retry'));
  });

  it('refuses a valid card while the population register cannot answer (a 502 page), and logs in once it can', async () => {
    peers.setRegisterAvailable(false);
    try {
      const request = await authorizationRequest(await eserviceClient(system, 'eservice-a'));
      const { outcome } = await loginWithCard(new TestBrowser(), request, peers, credential('valid-rsa'));
      if (outcome instanceof URL) throw new Error(`logged in without the register: ${outcome.href}`);
      expect(outcome.status).to.equal(502);
      expect(await outcome.text()).to.contain(escaped(translate('fi', 'card.failure.ERR_CARD_REGISTER_UNAVAILABLE')));
      expect(system.logs.some((line) => line.code === 'ERR_CARD_REGISTER_UNAVAILABLE' && line.level === 'warn'), 'logged for the operator').to.equal(true);
    } finally {
      peers.setRegisterAvailable(true);
    }
    const request = await authorizationRequest(await eserviceClient(system, 'eservice-a'));
    expect((await loginWithCard(new TestBrowser(), request, peers, credential('valid-rsa'))).outcome).to.be.instanceOf(URL);
  });

  it('shows the refusal in the citizen\'s language', async () => {
    const request = await authorizationRequest(await eserviceClient(system, 'eservice-a'), { ui_locales: 'sv' });
    const { outcome } = await loginWithCard(new TestBrowser(), request, peers, credential('expired'));
    expect(await (outcome as Response).text()).to.contain(escaped(translate('sv', 'card.failure.ERR_CARD_CERT_EXPIRED')));
  });

  it('refuses a hand-off presented twice, and a hand-off link used again after the login', async () => {
    const browser = new TestBrowser();
    const config = await eserviceClient(system, 'eservice-a');
    const request = await authorizationRequest(config);
    const { handoffUrl } = await handOffToCard(browser, request);
    const first = await presentCard(handoffUrl, peers.serverTls.caPem, credential('valid-rsa'));
    const second = await presentCard(handoffUrl, peers.serverTls.caPem, credential('valid-ecdsa'));
    expect(new URL(second.location!).searchParams.get('error')).to.equal('handoff_used');
    const landed = await browser.navigate(first.location!, request.redirectOrigin);
    expect(landed, 'the first presentation logs in').to.be.instanceOf(URL);
    expect((landed as URL).searchParams.get('code')).to.be.a('string');

    const again = await presentCard(handoffUrl, peers.serverTls.caPem, credential('valid-rsa'));
    const replay = await browser.navigate(again.location!, request.redirectOrigin);
    if (replay instanceof URL) throw new Error(`a used hand-off led to ${replay.href}`);
    expect(replay.status).to.equal(400);
  });

  it('does not let a certificate presented in one browser finish another browser\'s login', async () => {
    const config = await eserviceClient(system, 'eservice-a');
    const attacker = new TestBrowser();
    const attackerRequest = await authorizationRequest(config);
    const { handoffUrl } = await handOffToCard(attacker, attackerRequest);

    // The victim opens the attacker's hand-off link and presents their card.
    const victim = new TestBrowser();
    const presented = await presentCard(handoffUrl, peers.serverTls.caPem, credential('valid-rsa'));
    const victimLanding = await victim.navigate(presented.location!, attackerRequest.redirectOrigin);
    if (victimLanding instanceof URL) throw new Error(`the victim's browser finished the attacker's login: ${victimLanding.href}`);
    expect(victimLanding.status, 'no interaction cookie in the victim\'s browser').to.equal(400);

    // The attacker, who has the interaction cookie but not the one-time code, cannot finish either.
    const state = handoffUrl.searchParams.get('handoff')!;
    const forged = await attacker.navigate(new URL(`/interaction/callback/card?state=${state}&code=${'A'.repeat(43)}`, system.issuer), attackerRequest.redirectOrigin);
    if (forged instanceof URL) throw new Error(`the attacker finished the login: ${forged.href}`);
    expect(forged.status).to.equal(400);
    expect(await forged.text()).to.contain(escaped(translate('fi', 'card.failure.ERR_CARD_HANDOFF_INVALID')));
  });

  it('never answers a malformed or unknown hand-off with a 5xx', async () => {
    const base = system.config.card.enabled ? system.config.card.publicUrl : '';
    for (const query of ['', '?handoff=', '?handoff=short', `?handoff=${'x'.repeat(5000)}`, `?handoff=${'B'.repeat(43)}`]) {
      const answer = await presentCard(new URL(`/card/identify${query}`, base), peers.serverTls.caPem, credential('valid-rsa'));
      expect(answer.status, query.slice(0, 30)).to.equal(303);
      const landing = await new TestBrowser().navigate(answer.location!, 'http://nowhere.test');
      expect((landing as Response).status, query.slice(0, 30)).to.equal(400);
    }
    const notFound = await presentCard(new URL('/other', base), peers.serverTls.caPem, undefined);
    expect(notFound.status).to.equal(404);
  });

  it('releases satu only to an e-service allowed it', async () => {
    const config = await eserviceClient(system, 'eservice-b');
    const request = await authorizationRequest(config, { scope: 'openid satu' });
    const landed = await new TestBrowser().navigate(request.url, request.redirectOrigin);
    expect((landed as URL).searchParams.get('error')).to.equal('invalid_scope');
  });
});
