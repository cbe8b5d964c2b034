import { expect } from 'chai';
import { startTestSystem, type TestSystem } from '../support/start-test-system.ts';
import { TestBrowser, readLoginPage } from '../support/test-browser.ts';
import { authorizationRequest, eserviceClient, loginAtBank, readMethodPage, redeem } from '../support/eservice-client.ts';
import { verifyAuditChain } from '../../src/storage/audit-hash.ts';

/** Opens Portti's method-choice page for a fresh authorization request of e-service A. */
async function openMethodPage(system: TestSystem, browser: TestBrowser, extra: Record<string, string> = {}) {
  const config = await eserviceClient(system, 'eservice-a');
  const request = await authorizationRequest(config, extra);
  const page = await browser.navigate(request.url, request.redirectOrigin);
  if (page instanceof URL) throw new Error(`expected the method page, was sent to ${page.href}`);
  const html = await page.text();
  return { config, request, page, html, url: new URL(page.url), uid: new URL(page.url).pathname.split('/')[2]! };
}

describe('e2e: login interaction UI', () => {
  let system: TestSystem;
  before(async () => { system = await startTestSystem(); });
  after(async () => { await system?.close(); });

  it('lists every sandbox bank with a CSRF-protected form and strict security headers', async () => {
    const { page, html } = await openMethodPage(system, new TestBrowser());
    expect(readMethodPage(html).options).to.deep.equal(['bank:aurinko', 'bank:revontuli', 'bank:saaristo', 'bank:tunturi']);
    expect(html).to.contain('<html lang="fi">');
    expect(html).to.contain('Service A (fi)');
    expect(page.headers.get('cache-control')).to.equal('no-store');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).to.match(/script-src 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).to.contain("frame-ancestors 'none'");
    expect(csp).to.not.contain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(page.headers.get('referrer-policy')).to.equal('no-referrer');
    expect(page.headers.get('strict-transport-security'), 'no HSTS over plain http').to.equal(null);
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(html).to.contain(`<style nonce="${nonce}">`);
  });

  it('links every page to the accessibility statement, served in fi, sv and en', async () => {
    const { html } = await openMethodPage(system, new TestBrowser());
    expect(html).to.contain('href="/accessibility?lang=fi"');
    for (const [lang, heading] of [['fi', 'Saavutettavuusseloste'], ['sv', 'Tillgänglighetsutlåtande'], ['en', 'Accessibility statement']]) {
      const page = await fetch(`${system.issuer}/accessibility?lang=${lang}`);
      expect(page.status).to.equal(200);
      const text = await page.text();
      expect(text).to.contain(`<html lang="${lang}">`);
      expect(text).to.contain(`<h1>${heading}</h1>`);
      expect(text).to.contain('WCAG');
    }
  });

  it('sets interaction cookies HttpOnly, SameSite and signed', async () => {
    const browser = new TestBrowser();
    const config = await eserviceClient(system, 'eservice-a');
    const request = await authorizationRequest(config);
    const response = await browser.request(request.url);
    const cookies = response.headers.getSetCookie();
    const interaction = cookies.find((c) => c.startsWith('_interaction='))!;
    expect(interaction).to.match(/httponly/i);
    expect(interaction).to.match(/samesite=lax/i);
    expect(cookies.some((c) => c.startsWith('_interaction.sig='))).to.equal(true);
  });

  it('speaks the language of ui_locales, then Accept-Language, and remembers a language switch', async () => {
    const sv = await openMethodPage(system, new TestBrowser(), { ui_locales: 'sv-FI en' });
    expect(sv.html).to.contain('<html lang="sv">');
    expect(sv.html).to.contain('Välj identifieringssätt');
    const en = await openMethodPage(system, new TestBrowser({ headers: { 'accept-language': 'en-GB,en;q=0.9,fi;q=0.5' } }));
    expect(en.html).to.contain('<html lang="en">');
    expect(en.html).to.contain('Choose identification method');

    const browser = new TestBrowser();
    const fi = await openMethodPage(system, browser);
    const switched = await browser.request(new URL(`${fi.url.pathname}?lang=en`, fi.url));
    expect(await switched.text()).to.contain('<html lang="en">');
    const again = await browser.request(fi.url);
    expect(await again.text(), 'the choice survives the next page load').to.contain('<html lang="en">');
  });

  it('refuses a POST without the CSRF token with 403 and starts nothing', async () => {
    const browser = new TestBrowser();
    const { url, uid } = await openMethodPage(system, browser);
    const response = await browser.postForm(new URL(`${url.pathname}/method`, url), { option: 'bank:aurinko' });
    expect(response.status).to.equal(403);
    expect(response.headers.get('location')).to.equal(null);
    expect(await system.broker.storage.oidc.find('PendingIdentification', uid)).to.equal(undefined);
    const wrong = await browser.postForm(new URL(`${url.pathname}/abort`, url), { csrf: 'forged' });
    expect(wrong.status).to.equal(403);
  });

  it('does not show an interaction to another browser', async () => {
    const { url } = await openMethodPage(system, new TestBrowser());
    const stranger = await new TestBrowser().request(url);
    expect(stranger.status).to.equal(400);
    expect(await stranger.text()).to.contain('istunto'); // "tunnistautumisistunto on vanhentunut"
  });

  it('"Cancel" returns to the e-service with access_denied, state and iss', async () => {
    const browser = new TestBrowser();
    const { url, html, request } = await openMethodPage(system, browser);
    const landed = await browser.submit(new URL(`${url.pathname}/abort`, url), { csrf: readMethodPage(html).csrf }, request.redirectOrigin);
    expect(landed).to.be.instanceOf(URL);
    const params = (landed as URL).searchParams;
    expect(params.get('error')).to.equal('access_denied');
    expect(params.get('state')).to.equal(request.state);
    expect(params.get('iss')).to.equal(system.issuer);
  });

  it('a cancel at the bank brings the citizen back to the method choice with a notice, and is audited', async () => {
    const browser = new TestBrowser();
    const { url, html, request } = await openMethodPage(system, browser);
    const bankPage = await browser.submit(new URL(`${url.pathname}/method`, url), { csrf: readMethodPage(html).csrf, option: 'bank:aurinko' }, request.redirectOrigin) as Response;
    const bankForm = readLoginPage(await bankPage.text(), new URL(bankPage.url));
    const back = await browser.submit(bankForm.abortUrl, { csrf: bankForm.csrf }, request.redirectOrigin);
    expect(back).to.be.instanceOf(Response);
    const page = back as Response;
    expect(new URL(page.url).pathname).to.equal(url.pathname);
    const text = await page.text();
    expect(text).to.contain('role="alert"');
    expect(text).to.contain('Peruutit tunnistautumisen pankissa');
    const events = await system.broker.storage.audit.list({ type: 'identification.cancelled' });
    expect(events.at(-1)!.data).to.include({ clientId: 'eservice-a', method: 'bank', code: 'ERR_BANK_CANCELLED' });
  });

  it('completes a login when the broker restarts while the citizen is at the bank', async () => {
    const browser = new TestBrowser();
    const { url, html, request, config } = await openMethodPage(system, browser, { scope: 'openid profile personal_identity_code' });
    const bankPage = await browser.submit(new URL(`${url.pathname}/method`, url), { csrf: readMethodPage(html).csrf, option: 'bank:revontuli' }, request.redirectOrigin) as Response;
    const bankForm = readLoginPage(await bankPage.text(), new URL(bankPage.url));
    await system.restartBroker();
    const callback = await browser.submit(bankForm.loginUrl, { csrf: bankForm.csrf, person: 'eino-nieminen' }, request.redirectOrigin);
    expect(callback).to.be.instanceOf(URL);
    const tokens = await redeem(await eserviceClient(system, 'eservice-a'), callback as URL, request);
    expect(tokens.claims()!.personal_identity_code).to.equal('010516B903X');
    expect(config.clientMetadata().client_id).to.equal('eservice-a');
  });

  it('audits a successful identification with the pairwise sub, never the hetu, on an intact chain', async () => {
    const config = await eserviceClient(system, 'eservice-a');
    const request = await authorizationRequest(config);
    const tokens = await redeem(config, await loginAtBank(new TestBrowser(), request, { option: 'bank:tunturi', person: 'onni-makinen' }), request);
    const events = await system.broker.storage.audit.list({ type: 'identification.succeeded' });
    const event = events.at(-1)!;
    expect(event.data).to.include({ clientId: 'eservice-a', method: 'bank', subMethod: 'tunturi', acr: 'http://ftn.ficora.fi/2017/loa2', sub: tokens.claims()!.sub });
    expect(event.correlationId).to.match(/^[0-9a-f-]{36}$/);
    const all = await system.broker.storage.audit.list();
    expect(JSON.stringify(all)).to.not.contain('010200A9618').and.not.contain('010200');
    expect(verifyAuditChain(all)).to.deep.equal({ ok: true });
  });
});
