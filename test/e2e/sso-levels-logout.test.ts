import { translate } from '../../src/i18n/catalog.ts';
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oidc from 'openid-client';
import { decodeJwt } from 'jose';
import { startTestSystem, type TestSystem } from '../support/start-test-system.ts';
import { createTestEservices } from '../support/test-eservices.ts';
import { TestBrowser } from '../support/test-browser.ts';
import { authorizationRequest, eserviceClient, loginAtBank, readMethodPage, redeem } from '../support/eservice-client.ts';

const LOA3 = 'http://ftn.ficora.fi/2017/loa3';

/** An e-service's back-channel logout endpoint: records every logout token it receives. */
async function startLogoutReceiver(): Promise<{ url: string; tokens: string[]; server: Server }> {
  const tokens: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      tokens.push(new URLSearchParams(body).get('logout_token') ?? '');
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/backchannel-logout`, tokens, server };
}

describe('e2e: SSO, levels of assurance and logout', () => {
  let system: TestSystem;
  let receiver: Awaited<ReturnType<typeof startLogoutReceiver>>;
  before(async () => {
    receiver = await startLogoutReceiver();
    const { registry } = await createTestEservices();
    const withBackchannel = registry.map((e) => (e.clientId === 'eservice-a' ? { ...e, backchannelLogoutUri: receiver.url } : e));
    system = await startTestSystem({ eservices: withBackchannel });
  });
  after(async () => {
    await system?.close();
    receiver?.server.close();
  });

  async function loggedInBrowser() {
    const browser = new TestBrowser();
    const a = await eserviceClient(system, 'eservice-a');
    const request = await authorizationRequest(a);
    const tokens = await redeem(a, await loginAtBank(browser, request, { option: 'bank:aurinko', person: 'pekka-salminen' }), request);
    return { browser, a, tokens };
  }

  it('SSO: a second e-service gets a login without the bank, with the same acr and amr', async () => {
    const { browser } = await loggedInBrowser();
    const b = await eserviceClient(system, 'eservice-b');
    const request = await authorizationRequest(b);
    const landed = await browser.navigate(request.url, request.redirectOrigin);
    expect(landed, 'no page shown: straight back to e-service B').to.be.instanceOf(URL);
    const claims = (await redeem(b, landed as URL, request)).claims()!;
    expect(claims.amr).to.deep.equal(['bank', 'aurinko']);
    expect(claims.acr).to.equal('http://ftn.ficora.fi/2017/loa2');
    expect(claims.given_name).to.equal('Pekka');
  });

  it('prompt=login forces a new identification despite the session', async () => {
    const { browser, a } = await loggedInBrowser();
    const request = await authorizationRequest(a, { prompt: 'login' });
    const page = await browser.navigate(request.url, request.redirectOrigin);
    expect(page).to.be.instanceOf(Response);
    expect(readMethodPage(await (page as Response).text()).options).to.include('bank:aurinko');
  });

  it('max_age forces a new identification once the session is older', async () => {
    const { browser, a } = await loggedInBrowser();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const request = await authorizationRequest(a, { max_age: '0' });
    const page = await browser.navigate(request.url, request.redirectOrigin);
    expect(page).to.be.instanceOf(Response);
    expect((page as Response).status).to.equal(200);
  });

  it('acr_values for loa3 hides the loa2 banks, also with an existing loa2 session', async () => {
    const fresh = await eserviceClient(system, 'eservice-a');
    const request = await authorizationRequest(fresh, { acr_values: LOA3 });
    const page = await new TestBrowser().navigate(request.url, request.redirectOrigin) as Response;
    const html = await page.text();
    expect(readMethodPage(html).options).to.deep.equal([]);
    expect(html).to.contain('Mikään tunnistustapa ei täytä');

    const { browser, a } = await loggedInBrowser();
    const high = await authorizationRequest(a, { acr_values: LOA3 });
    const again = await browser.navigate(high.url, high.redirectOrigin);
    expect(again, 'a loa2 session does not satisfy loa3').to.be.instanceOf(Response);
    expect(readMethodPage(await (again as Response).text()).options).to.deep.equal([]);
  });

  it('acr_values listing loa2 and loa3 offers the loa2 banks', async () => {
    const a = await eserviceClient(system, 'eservice-a');
    const request = await authorizationRequest(a, { acr_values: `http://ftn.ficora.fi/2017/loa2 ${LOA3}` });
    const page = await new TestBrowser().navigate(request.url, request.redirectOrigin) as Response;
    expect(readMethodPage(await page.text()).options).to.have.length(4);
  });

  it('RP-initiated logout ends the session and notifies e-services by back-channel', async () => {
    const { browser, a, tokens } = await loggedInBrowser();
    const before = receiver.tokens.length;
    const end = oidc.buildEndSessionUrl(a, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'http://a.example.test/', state: 'bye' });
    const confirm = await browser.navigate(end, 'http://a.example.test') as Response;
    const html = await confirm.text();
    expect(html).to.contain('Kirjaudu ulos');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1]!;
    const action = /id="op.logoutForm"[^>]*action="([^"]+)"|action="([^"]+)"[^>]*id="op.logoutForm"/.exec(html)!;
    const landed = await browser.submit(new URL(action[1] ?? action[2]!, confirm.url), { xsrf, logout: 'yes' }, 'http://a.example.test');
    expect(landed).to.be.instanceOf(URL);
    expect((landed as URL).searchParams.get('state')).to.equal('bye');

    const request = await authorizationRequest(a, { prompt: 'none' });
    const silent = await browser.navigate(request.url, request.redirectOrigin) as URL;
    expect(silent.searchParams.get('error')).to.equal('login_required');

    for (let i = 0; i < 50 && receiver.tokens.length === before; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(receiver.tokens.length).to.be.greaterThan(before);
    const logoutToken = decodeJwt(receiver.tokens.at(-1)!);
    expect(logoutToken.iss).to.equal(system.issuer);
    expect(logoutToken.aud).to.equal('eservice-a');
    expect(logoutToken.sub).to.equal(tokens.claims()!.sub);
    expect(logoutToken.events).to.have.property('http://schemas.openid.net/event/backchannel-logout');
  });

  it('regression: logout without a session shows Portti\'s own page (language, Continue button without JavaScript) and still returns to the e-service', async () => {
    const a = await eserviceClient(system, 'eservice-a');
    const browser = new TestBrowser({ headers: { 'accept-language': 'sv' } });
    const end = oidc.buildEndSessionUrl(a, { post_logout_redirect_uri: 'http://a.example.test/', state: 'no-session' });
    const page = await browser.navigate(end, 'http://a.example.test') as Response;
    expect(page.status).to.equal(200);
    const html = await page.text();
    expect(html).to.contain('<html lang="sv"').and.contain(translate('sv', 'continue.logout')).and.contain(translate('sv', 'continue.button'));
    expect(html, 'not oidc-provider\'s English page').to.not.contain('Submitting Callback');
    const nonce = /'nonce-([^']+)'/.exec(page.headers.get('content-security-policy')!)![1]!;
    expect(html).to.contain(`<script nonce="${nonce}">`);
    const action = /<form method="post" action="([^"]+)">/.exec(html)![1]!;
    const fields = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));
    expect(fields).to.have.keys('xsrf', 'logout');
    const landed = await browser.submit(new URL(action), fields, 'http://a.example.test');
    expect(landed).to.be.instanceOf(URL);
    expect((landed as URL).searchParams.get('state')).to.equal('no-session');
  });

  it('response_mode=form_post answers with Portti\'s own page posting the code to the e-service', async () => {
    const { browser, a } = await loggedInBrowser();
    const request = await authorizationRequest(a, { response_mode: 'form_post', ui_locales: 'en' });
    const page = await browser.navigate(request.url, request.redirectOrigin);
    if (page instanceof URL) throw new Error(`expected the form_post page, was sent to ${page.href}`);
    const html = await page.text();
    expect(html).to.contain('<html lang="en"').and.contain(translate('en', 'continue.return')).and.not.contain('Submitting Callback');
    expect(/<form method="post" action="([^"]+)">/.exec(html)![1]).to.equal('http://a.example.test/callback');
    const fields = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));
    expect(fields).to.include({ state: request.state, iss: system.issuer });
    expect(fields.code).to.be.a('string');
  });
});
