import { expect } from 'chai';
import { startSandboxPsp, type RunningSandboxPsp } from '../../adapters/paytrail/sandbox/start-sandbox-psp.ts';
import { startDemoEservice, type RunningDemo } from '../../src/demo/start-demo-eservice.ts';
import { freePort } from '../support/free-port.ts';
import { startTestSystem, type TestSystem } from '../support/start-test-system.ts';
import { createTestEservices } from '../support/test-eservices.ts';
import { TestBrowser } from '../support/test-browser.ts';
import { payAtProvider } from '../support/start-payment-system.ts';

const DEMO_SECRET = 'demo-secret-for-the-payment-test-0123456789';
const WEBHOOK_KEY = { kid: 'demo-test', secret: 'demo-webhook-secret-for-the-test-0123456789' };

describe('e2e: paying the permit fee in the demo e-service, and refunding it', () => {
  let psp: RunningSandboxPsp;
  let system: TestSystem;
  let demo: RunningDemo;
  let demoUrl: string;

  before(async () => {
    psp = await startSandboxPsp({ host: '127.0.0.1', port: 0 });
    const port = await freePort();
    demoUrl = `http://127.0.0.1:${port}`;
    const { registry } = await createTestEservices();
    system = await startTestSystem({
      eservices: [...registry, {
        clientId: 'demo-permits',
        name: { fi: 'Lupapalvelu (demo)', sv: 'Tillståndstjänsten (demo)', en: 'Permit service (demo)' },
        redirectUris: [`${demoUrl}/callback`],
        auth: { method: 'client_secret_basic', secret: DEMO_SECRET },
        webhookSecrets: [WEBHOOK_KEY],
        permissions: { payments: true },
      }],
      payments: { paytrail: { apiUrl: psp.url }, jobIntervalSeconds: 3600 },
    });
    demo = await startDemoEservice({
      host: '127.0.0.1', port, publicUrl: demoUrl, issuer: system.issuer,
      clientId: 'demo-permits', clientSecret: DEMO_SECRET, webhookKey: WEBHOOK_KEY, log: () => undefined,
    });
  });
  after(async () => {
    await demo?.close();
    await system?.close();
    await psp?.close();
  });

  it('pays 12.50 EUR by bank, shows the verified result and the webhook, and refunds in part and in full', async () => {
    const browser = new TestBrowser();
    const home = await (await browser.request(`${demoUrl}/`)).text();
    expect(home).to.contain('Pay 12.50 EUR');

    const page = await browser.navigate(`${demoUrl}/payment/start?language=en`, 'http://nowhere.invalid') as Response;
    expect(new URL(page.url).pathname).to.match(/^\/pay\/pay_/);
    const html = await page.text();
    expect(html).to.contain('Permit service (demo)');
    expect(html).to.contain('€12.50');
    expect(html).to.match(/<td>Handling<\/td><td>1<\/td><td>€2.50<\/td><td>25.5<\/td>/);

    const result = await payAtProvider(browser, html, { method: 'Revontulipankki', eserviceOrigin: 'http://nowhere.invalid' }) as Response;
    expect(new URL(result.url).pathname).to.equal('/payment/return');
    const paymentId = new URL(result.url).searchParams.get('payment_id')!;
    const resultHtml = await result.text();
    expect(resultHtml).to.contain('<strong class="payment-state">succeeded</strong>');

    await system.broker.paymentJobs!.runOnce();
    const withEvent = await (await browser.request(`${demoUrl}/payment/return?payment_id=${paymentId}`)).text();
    expect(withEvent).to.contain('<code>payment.succeeded</code>');

    const form = (text: string) => ({
      csrf: /name="csrf" value="([^"]+)"/.exec(text)![1]!,
      key: /name="key" value="([^"]+)"/.exec(text)![1]!,
      expected: /name="expected" value="([^"]+)"/.exec(text)![1]!,
    });
    const partial = await browser.submit(`${demoUrl}/payment/${paymentId}/refund`, { ...form(withEvent), mode: 'partial', amount: '2,50' }, 'http://nowhere.invalid') as Response;
    const partialHtml = await partial.text();
    expect(partialHtml).to.contain('The refund was made.');
    expect(partialHtml).to.contain('<td class="refundable">10.00 EUR</td>');
    const full = await browser.submit(`${demoUrl}/payment/${paymentId}/refund`, { ...form(partialHtml), mode: 'full', amount: '' }, 'http://nowhere.invalid') as Response;
    const fullHtml = await full.text();
    expect(fullHtml).to.contain('<td class="refundable">0.00 EUR</td>');
    expect(fullHtml).to.not.contain('action="/payment/');
    await system.broker.paymentJobs!.runOnce();
    const events = await (await browser.request(`${demoUrl}/payment/return?payment_id=${paymentId}`)).text();
    expect(events.match(/<code>refund\.succeeded<\/code>/g)).to.have.length(2);
  });

  it('refuses a refund without the page\'s CSRF token and a forged webhook', async () => {
    const refund = await fetch(`${demoUrl}/payment/pay_000000000000AAAAAAAAAAAAAAAA/refund`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'csrf=x&mode=full&expected=1250&key=k',
    });
    expect(refund.status).to.equal(403);
    const webhook = await fetch(`${demoUrl}/payment/webhook`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'portti-webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'portti-webhook-signature': 'kid=demo-test,v1=00' },
      body: '{"id":"evt_x","type":"payment.succeeded","sequence":1,"payment_id":"pay_x"}',
    });
    expect(webhook.status).to.equal(400);
  });
});
