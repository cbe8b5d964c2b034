import { expect } from 'chai';
import { TestBrowser, readLoginPage } from '../support/test-browser.ts';
import { authorizationRequest, eserviceClient, loginAtBank, readMethodPage, redeem } from '../support/eservice-client.ts';
import { openPaymentPage, payAtProvider, paymentBody, readCsrf, startPaymentSystem, type PaymentSystem } from '../support/start-payment-system.ts';

const A_URLS = { return_url: 'http://a.example.test/paid', cancel_url: 'http://a.example.test/cancelled' };

describe('e2e: the same session for login and payment', () => {
  let ps: PaymentSystem;
  before(async () => { ps = await startPaymentSystem(); });
  after(async () => { await ps?.close(); });

  /** The pairwise sub eservice-a gets for whoever is logged in to Portti in `browser` (SSO). */
  async function subAtEserviceA(browser: TestBrowser, person = 'liisa-virtanen'): Promise<string> {
    const config = await eserviceClient(ps.system, 'eservice-a');
    const request = await authorizationRequest(config);
    const callback = await loginAtBank(browser, request, { option: 'bank:aurinko', person });
    return (await redeem(config, callback, request)).claims()!.sub;
  }

  it('a citizen logged in to the e-service is shown as the payer, and the payment records their pairwise sub', async () => {
    const browser = new TestBrowser();
    const sub = await subAtEserviceA(browser);
    const created = await ps.api('eservice-a').create(paymentBody(A_URLS));
    const { html } = await openPaymentPage(browser, created.body.next_url as string);
    expect(html).to.match(/<dd class="payer">Liisa Virtanen<\/dd>/);
    const landed = await payAtProvider(browser, html, { method: 'Aurinkopankki', eserviceOrigin: 'http://a.example.test' });
    expect((landed as URL).origin).to.equal('http://a.example.test');
    const paid = (await ps.api('eservice-a').get(created.body.id as string)).body;
    expect(paid).to.deep.include({ state: 'succeeded', payer: { sub } });
    expect(JSON.stringify(paid)).to.not.contain('131052');
  });

  it('a citizen without a session pays anonymously: no payer shown or recorded', async () => {
    const created = await ps.api('eservice-a').create(paymentBody(A_URLS));
    const { html } = await openPaymentPage(new TestBrowser(), created.body.next_url as string);
    expect(html).to.not.contain('class="payer"');
    expect((await ps.api('eservice-a').get(created.body.id as string)).body.payer).to.equal(null);
  });

  it('"payer must be identified" sends the citizen through login first, then back to pay', async () => {
    const created = await ps.api('eservice-a').create(paymentBody({ ...A_URLS, payer_must_be_identified: true, language: 'en' }));
    const browser = new TestBrowser();
    const methodPage = await openPaymentPage(browser, created.body.next_url as string);
    expect(new URL(methodPage.page.url).pathname).to.match(/^\/interaction\//);
    expect(methodPage.html, 'the login names the e-service').to.contain('Service A (en)');
    const { csrf } = readMethodPage(methodPage.html);
    const bankPage = await browser.submit(new URL(`${new URL(methodPage.page.url).pathname}/method`, methodPage.page.url), { csrf, option: 'bank:revontuli' }, 'http://nowhere.invalid') as Response;
    const bankForm = readLoginPage(await bankPage.text(), new URL(bankPage.url));
    const back = await browser.submit(bankForm.loginUrl, { csrf: bankForm.csrf, person: 'juha-korhonen' }, 'http://nowhere.invalid') as Response;
    expect(new URL(back.url).pathname).to.equal(`/pay/${created.body.id}`);
    const html = await back.text();
    expect(html).to.contain('<dd class="payer">Juha Korhonen</dd>');
    await payAtProvider(browser, html, { method: 'Aurinkopankki', eserviceOrigin: 'http://a.example.test' });
    const paid = (await ps.api('eservice-a').get(created.body.id as string)).body;
    expect(paid.state).to.equal('succeeded');
    expect(paid.payer).to.deep.equal({ sub: await subAtEserviceA(browser, 'juha-korhonen') });
    const audit = await ps.system.broker.storage.audit.list({ type: 'identification.succeeded' });
    expect(audit.map((r) => r.data.clientId), 'the login was audited for the payment').to.include('pay:eservice-a');
  });

  it('a citizen who cancels that login sees why, and may identify or cancel the payment', async () => {
    const created = await ps.api('eservice-a').create(paymentBody({ ...A_URLS, payer_must_be_identified: true }));
    const browser = new TestBrowser();
    const methodPage = await openPaymentPage(browser, created.body.next_url as string);
    const { csrf } = readMethodPage(methodPage.html);
    const back = await browser.submit(new URL(`${new URL(methodPage.page.url).pathname}/abort`, methodPage.page.url), { csrf }, 'http://nowhere.invalid') as Response;
    expect(new URL(back.url).pathname).to.equal(`/pay/${created.body.id}`);
    const html = await back.text();
    expect(html).to.contain('role="alert"');
    expect(html).to.contain(`/pay/${created.body.id}/identify`);
    expect(html).to.not.contain('class="tile"');
    const cancelled = await browser.submit(`${created.body.next_url}/cancel`, { csrf: readCsrf(html) }, 'http://a.example.test');
    expect((cancelled as URL).pathname).to.equal('/cancelled');
    expect((await ps.api('eservice-a').get(created.body.id as string)).body.state).to.equal('cancelled');
  });
});
