import { expect } from 'chai';
import * as client from 'openid-client';
import type { SandboxBankOptions } from './sandbox-bank-options.ts';
import {
  buildLoginUrl, identifyAt, startBankFor, startTestRelyingParty, type TestRelyingParty,
} from './sandbox-test-support.ts';
import { TestBrowser, readLoginPage } from '../../../test/support/test-browser.ts';

const LOATEST2 = 'http://ftn.ficora.fi/2017/loatest2';
const OP_LIKE: Omit<SandboxBankOptions, 'client' | 'host' | 'port'> = {
  id: 'aurinko',
  name: 'Aurinkopankki (sandbox)',
  claimStyle: 'ftn',
  cancelError: 'cancel',
  encryption: { alg: 'RSA-OAEP', enc: 'A128CBC-HS256' },
  acrValues: [LOATEST2],
};

describe('sandbox bank (FTN OpenID Connect profile)', () => {
  const closers: Array<() => Promise<void>> = [];
  after(async () => {
    for (const close of closers.reverse()) await close();
  });

  async function setUp(settings: Partial<typeof OP_LIKE> = {}) {
    const merged = { ...OP_LIKE, ...settings };
    const rp = await startTestRelyingParty(merged.encryption.alg);
    closers.push(rp.close);
    const { bank, config } = await startBankFor(rp, merged);
    closers.push(bank.close);
    return { rp, bank, config };
  }

  async function logIn(
    rp: TestRelyingParty,
    config: client.Configuration,
    person = 'juha-korhonen',
    browser = new TestBrowser(),
  ) {
    const { url, state, nonce } = await buildLoginUrl(config, rp);
    const callback = await identifyAt(browser, url, rp, { person });
    return client.authorizationCodeGrant(config, callback, { expectedState: state, expectedNonce: nonce });
  }

  const expectations = {
    ftn: { personal_identity_code: '010594Y9032', name: 'Juha Korhonen', given_name: 'Juha', family_name: 'Korhonen', birthdate: '1994-05-01' },
    oid: { 'urn:oid:1.2.246.21': '010594Y9032', 'urn:oid:2.5.4.3': 'Juha Korhonen', 'urn:oid:2.5.4.42': 'Juha', 'urn:oid:2.5.4.4': 'Korhonen', 'urn:oid:1.3.6.1.5.5.7.9.1': '1994-05-01' },
    nin: { nin: '010594Y9032', name: 'Juha Korhonen', given_name: 'Juha', family_name: 'Korhonen', birthdate: '1994-05-01' },
  } as const;
  for (const [claimStyle, expected] of Object.entries(expectations)) {
    it(`issues an encrypted ID token with '${claimStyle}' claim names, acr and encrypted userinfo`, async () => {
      const { rp, config } = await setUp({
        claimStyle: claimStyle as keyof typeof expectations,
        encryption: claimStyle === 'nin' ? { alg: 'RSA-OAEP-256', enc: 'A256GCM' } : OP_LIKE.encryption,
      });
      const tokens = await logIn(rp, config);
      expect(tokens.id_token?.split('.')).to.have.length(5);
      const claims = tokens.claims()!;
      expect(claims).to.include({ ...expected, acr: LOATEST2 });
      const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      expect(userinfo).to.include(expected);
    });
  }

  it('asks again and gives a different sub on every login of the same person in one browser', async () => {
    const { rp, config } = await setUp();
    const browser = new TestBrowser();
    const first = (await logIn(rp, config, 'juha-korhonen', browser)).claims()!;
    const second = (await logIn(rp, config, 'juha-korhonen', browser)).claims()!;
    expect(first.personal_identity_code).to.equal(second.personal_identity_code);
    expect(first.sub).to.not.equal(second.sub);
  });

  it('returns the deliberately invalid hetu unchanged', async () => {
    const { rp, config } = await setUp();
    expect((await logIn(rp, config, 'invalid-hetu')).claims()).to.include({ personal_identity_code: '010101-123X' });
  });

  it('refuses an authorization request without a signed request object', async () => {
    const { rp, bank } = await setUp();
    const url = new URL('/auth', bank.issuer);
    for (const [name, value] of Object.entries({
      client_id: rp.clientId, response_type: 'code', scope: 'openid', redirect_uri: rp.redirectUri,
      state: 'st', nonce: 'n'.repeat(22), acr_values: LOATEST2, ftn_spname: 'Palvelu',
    })) url.searchParams.set(name, value);
    const answer = await new TestBrowser().navigate(url, new URL(rp.redirectUri).origin);
    const error = answer instanceof URL ? answer.searchParams.get('error') : (await answer.text());
    expect(error).to.contain('invalid_request');
  });

  for (const [label, extra, description] of [
    ['without acr_values', { acr_values: undefined }, 'acr_values is mandatory'],
    ['with an acr value the bank does not offer', { acr_values: 'http://ftn.ficora.fi/2017/loa3' }, 'does not offer'],
    ['without ftn_spname', { ftn_spname: undefined }, 'ftn_spname is mandatory'],
    ['without nonce', { nonce: undefined }, 'nonce is mandatory'],
  ] as const) {
    it(`refuses a request object ${label} at the redirect URI`, async () => {
      const { rp, config } = await setUp();
      const { url, state } = await buildLoginUrl(config, rp, extra);
      const back = await new TestBrowser().navigate(url, new URL(rp.redirectUri).origin);
      expect(back).to.be.instanceOf(URL);
      const params = (back as URL).searchParams;
      expect(params.get('error')).to.equal('invalid_request');
      expect(params.get('error_description')).to.contain(description);
      expect(params.get('state')).to.equal(state);
    });
  }

  for (const [cancelError, acr] of [['cancel', LOATEST2], ['access_denied', 'oidc.saaristo.1']] as const) {
    it(`answers a cancel with error=${cancelError} and the state, and logs it`, async () => {
      const events: Record<string, unknown>[] = [];
      const { rp, config } = await setUp({ cancelError, acrValues: [acr], logger: (event) => events.push(event) });
      const { url, state } = await buildLoginUrl(config, rp, { acr_values: acr });
      const back = await identifyAt(new TestBrowser(), url, rp, 'cancel');
      expect(back.searchParams.get('error')).to.equal(cancelError);
      expect(back.searchParams.get('state')).to.equal(state);
      expect(events).to.have.length(1);
      expect(events[0]).to.include({ event: 'cancel', bank: 'aurinko', clientId: rp.clientId });
    });
  }

  it('refuses form posts without the right CSRF token, expired interactions and huge forms', async () => {
    const { rp, bank, config } = await setUp();
    const browser = new TestBrowser();
    const page = await browser.navigate((await buildLoginUrl(config, rp, { ui_locales: 'sv en' })).url, 'none:');
    const html = await (page as Response).text();
    expect(html).to.contain('Du identifierar dig till tjänsten').and.contain('Kaupungin asiointipalvelu');
    expect((page as Response).headers.get('cache-control')).to.equal('no-store');
    const form = readLoginPage(html, new URL((page as Response).url));
    expect((await browser.postForm(form.loginUrl, { person: 'juha-korhonen' })).status).to.equal(403);
    expect((await browser.postForm(form.abortUrl, { csrf: 'forged' })).status).to.equal(403);
    expect((await browser.postForm(form.loginUrl, { csrf: form.csrf, filler: 'x'.repeat(9000) })).status).to.equal(413);
    expect((await new TestBrowser().request(form.loginUrl.href.replace('/login', ''))).status).to.equal(400);
    expect((await browser.request(new URL('/interaction/unknown', bank.issuer))).status).to.equal(400);
  });

  it('as a broker, requires ftn_idp_id to name one of its banks and shows the chosen one', async () => {
    const idps = [
      { id: 'nordea', name: 'Nordea (sandbox)', ftnIdpId: 'fi-nordea' },
      { id: 'saaristo', name: 'Saaristopankki (sandbox)', ftnIdpId: 'fi-saaristo' },
    ];
    const { rp, config } = await setUp({ name: 'Välittäjä (sandbox)', idps });
    const refused = await new TestBrowser().navigate((await buildLoginUrl(config, rp)).url, new URL(rp.redirectUri).origin);
    expect((refused as URL).searchParams.get('error')).to.equal('invalid_request');
    const chosen = await buildLoginUrl(config, rp, { ftn_idp_id: 'fi-saaristo' });
    const page = await new TestBrowser().navigate(chosen.url, 'none:');
    expect(await (page as Response).text()).to.contain('Pankki: <strong class="idp">Saaristopankki (sandbox)</strong>');
    const events: Record<string, unknown>[] = [];
    const broker = await setUp({ idps, logger: (event) => events.push(event) });
    const login = await buildLoginUrl(broker.config, broker.rp, { ftn_idp_id: 'fi-nordea' });
    const callback = await identifyAt(new TestBrowser(), login.url, broker.rp, { person: 'hilma-lehtonen' });
    const tokens = await client.authorizationCodeGrant(broker.config, callback, {
      expectedState: login.state, expectedNonce: login.nonce,
    });
    expect(tokens.claims()).to.include({ personal_identity_code: '150898+958A', birthdate: '1898-08-15' });
    expect(events[0]).to.include({ event: 'login', idp: 'nordea', person: 'hilma-lehtonen', acr: LOATEST2 });
  });
});
