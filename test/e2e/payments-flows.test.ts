import { translate } from '../../src/i18n/catalog.ts';
import { expect } from 'chai';
import { verifyWebhook } from '../../src/payments/webhooks/sign-webhook.ts';
import { TestBrowser } from '../support/test-browser.ts';
import {
  WEBHOOK_KEY, eventually, openPaymentPage, payAtProvider, paymentBody, readCsrf, readProviderForms, startPaymentSystem,
  type PaymentSystem,
} from '../support/start-payment-system.ts';

const BANK = 'Aurinkopankki';
const CARD = 'Visa / Mastercard';

/** Audit records of `type` for one payment. */
async function auditOf(ps: PaymentSystem, paymentId: string, type?: string) {
  const records = await ps.system.broker.storage.audit.list(type ? { type } : {});
  return records.filter((r) => r.data.paymentId === paymentId);
}

async function createPayment(ps: PaymentSystem, overrides: Record<string, unknown> = {}) {
  const created = await ps.api('shop-a').create(paymentBody({ webhook_url: `${ps.webhooks.url}/shop-a/events`, ...overrides }));
  expect(created.status).to.equal(201);
  return { id: created.body.id as string, nextUrl: created.body.next_url as string };
}

const stateOf = async (ps: PaymentSystem, id: string) => (await ps.api('shop-a').get(id)).body;

describe('e2e: paying through the sandbox provider', () => {
  let ps: PaymentSystem;
  // A pending card settles 1.5 s after it was paid: time enough to see it still started.
  before(async () => { ps = await startPaymentSystem({}, { pendingSettleSeconds: 1.5 }); });
  after(async () => { await ps?.close(); });

  it('by bank: verified succeeded, back at the e-service with the payment id only, audited once, webhook signed', async () => {
    const { id, nextUrl } = await createPayment(ps);
    const browser = new TestBrowser();
    const { page, html } = await openPaymentPage(browser, nextUrl);
    expect(page.status).to.equal(200);
    expect(html).to.contain('<html lang="fi">');
    expect(html).to.contain('12,50');
    expect(html).to.contain('Kauppa shop-a');
    expect(html, 'no card number field in Portti').to.not.match(/cc-number|card_number|name="card/);
    expect(html).to.match(/<h3 id="group-bank">[^<]+<\/h3>/);
    expect(html).to.match(/<h3 id="group-card">[^<]+<\/h3>/);
    expect((await stateOf(ps, id)).state).to.equal('started');

    const landed = await payAtProvider(browser, html, { method: BANK });
    expect(landed).to.be.instanceOf(URL);
    expect((landed as URL).href).to.equal(`http://shop-a.example.test/paid?payment_id=${id}`);
    const paid = await stateOf(ps, id);
    expect(paid).to.include({ state: 'succeeded', method: 'aurinko-pay', provider: 'paytrail', late_success: false, refund_amount_available: 1250 });
    expect(paid.next_url).to.equal(null);
    expect((await auditOf(ps, id)).map((r) => r.type)).to.deep.equal(['payment.created', 'payment.started', 'payment.succeeded']);
    const seenAgain = await (await browser.request(nextUrl)).text();
    expect(seenAgain, 'the outcome is in the title (WCAG 2.4.2)').to.contain(`<title>${translate('fi', 'payment.title')}: ${translate('fi', 'payment.done.succeeded')} - Portti</title>`);

    await ps.system.broker.paymentJobs!.runOnce();
    const hooks = ps.webhooks.received.filter((w) => w.json.payment_id === id);
    expect(hooks.map((w) => [w.json.type, w.json.sequence])).to.deep.equal([['payment.succeeded', 1]]);
    const [hook] = hooks;
    expect(verifyWebhook([WEBHOOK_KEY], { timestamp: hook!.headers['portti-webhook-timestamp'] as string, signature: hook!.headers['portti-webhook-signature'] as string }, hook!.body)).to.equal(true);
    expect(hook!.json.data.payment).to.include({ id, state: 'succeeded', amount: 1250 });
    expect(hook!.headers['portti-webhook-id']).to.equal(hook!.json.id);
  });

  it('by card: succeeded with the card acquirer as the method', async () => {
    const { id, nextUrl } = await createPayment(ps);
    const browser = new TestBrowser();
    const { html } = await openPaymentPage(browser, nextUrl);
    const landed = await payAtProvider(browser, html, { method: CARD, cardNumber: '4111 1111 1111 1111' });
    expect((landed as URL).pathname).to.equal('/paid');
    expect(await stateOf(ps, id)).to.include({ state: 'succeeded', method: 'sandbox-card' });
  });

  it('cancelled on Portti\'s page: CSRF-checked, back at the cancel URL, webhook payment.cancelled', async () => {
    const { id, nextUrl } = await createPayment(ps);
    const browser = new TestBrowser();
    const { html } = await openPaymentPage(browser, nextUrl);
    const forged = await new TestBrowser().postForm(`${nextUrl}/cancel`, { csrf: readCsrf(html) });
    expect(forged.status, 'a token from another browser').to.equal(403);
    expect((await stateOf(ps, id)).state).to.equal('started');
    const landed = await browser.submit(`${nextUrl}/cancel`, { csrf: readCsrf(html) }, 'http://shop-a.example.test');
    expect((landed as URL).href).to.equal(`http://shop-a.example.test/cancelled?payment_id=${id}`);
    expect((await stateOf(ps, id)).state).to.equal('cancelled');
    await ps.system.broker.paymentJobs!.runOnce();
    expect(ps.webhooks.received.filter((w) => w.json.payment_id === id).map((w) => w.json.type)).to.deep.equal(['payment.cancelled']);
    const again = await openPaymentPage(browser, nextUrl);
    expect(again.html, 'the page says it was cancelled').to.contain('role="status"');
    expect(readProviderForms(again.html)).to.deep.equal([]);
  });

  it('cancelled at the bank or declined card: failed, back at the cancel URL', async () => {
    const atBank = await createPayment(ps);
    const browser = new TestBrowser();
    const first = await openPaymentPage(browser, atBank.nextUrl);
    const landed = await payAtProvider(browser, first.html, { method: 'Revontulipankki', action: 'cancel' });
    expect((landed as URL).pathname).to.equal('/cancelled');
    expect((await stateOf(ps, atBank.id)).state).to.equal('failed');

    const declined = await createPayment(ps);
    const second = await openPaymentPage(browser, declined.nextUrl);
    await payAtProvider(browser, second.html, { method: CARD, cardNumber: '4000000000000002' });
    expect((await stateOf(ps, declined.id)).state).to.equal('failed');
    expect(await auditOf(ps, declined.id, 'payment.failed')).to.have.length(1);
  });

  it('a pending card payment settles later by callback only, with no browser return', async () => {
    const { id, nextUrl } = await createPayment(ps);
    const browser = new TestBrowser();
    const { html } = await openPaymentPage(browser, nextUrl);
    const left = await payAtProvider(browser, html, { method: CARD, cardNumber: '4000 0000 0000 0077', return: 'no' });
    expect(left).to.be.instanceOf(Response);
    expect((await stateOf(ps, id)).state, 'pending at the provider: still started').to.equal('started');
    const settled = await eventually(() => stateOf(ps, id), (p) => p.state === 'succeeded', 15_000);
    expect(settled).to.include({ state: 'succeeded', method: 'sandbox-card' });
    expect(await auditOf(ps, id, 'payment.succeeded')).to.have.length(1);
  });

  it('returns and callbacks lost: the reconciliation job asks the provider and finishes the payment', async () => {
    const { id, nextUrl } = await createPayment(ps);
    const browser = new TestBrowser();
    const { html } = await openPaymentPage(browser, nextUrl);
    await payAtProvider(browser, html, { method: 'Saaristopankki', return: 'no', callback: 'never' });
    expect((await stateOf(ps, id)).state).to.equal('started');
    await ps.system.broker.paymentJobs!.reconcile();
    expect(await stateOf(ps, id)).to.include({ state: 'succeeded', method: 'saaristo-pay' });
    const [record] = await auditOf(ps, id, 'payment.succeeded');
    expect(record?.data).to.include({ source: 'reconciliation', from: 'started', to: 'succeeded' });
  });

  it('the browser return first and the callback delayed: one transition, the late callback changes nothing', async () => {
    const { id, nextUrl } = await createPayment(ps);
    const browser = new TestBrowser();
    const { html } = await openPaymentPage(browser, nextUrl);
    await payAtProvider(browser, html, { method: BANK, callback: 'delay', callbackDelay: 0.3 });
    const [byReturn] = await auditOf(ps, id, 'payment.succeeded');
    expect(byReturn?.data.source).to.equal('return');
    await new Promise((r) => setTimeout(r, 800));
    expect(await auditOf(ps, id, 'payment.succeeded')).to.have.length(1);
    expect(ps.system.logs.some((l) => l.msg === 'request refused' && String(l.path).includes(id))).to.equal(false);
  });

  it('speaks Swedish and English, from the payment\'s language or the citizen\'s switch', async () => {
    const { nextUrl } = await createPayment(ps, { language: 'sv' });
    const browser = new TestBrowser();
    const sv = await openPaymentPage(browser, nextUrl);
    expect(sv.html).to.contain('<html lang="sv">');
    expect(sv.html).to.contain('Betalning');
    const en = await openPaymentPage(browser, `${nextUrl}?lang=en`);
    expect(en.html).to.contain('<html lang="en">');
    expect(en.html).to.contain('€12.50');
    expect(en.html).to.contain('Card details are entered only');
  });
});

describe('e2e: payments that run out of time', () => {
  let ps: PaymentSystem;
  before(async () => { ps = await startPaymentSystem({ payments: { expireAfterSeconds: 1 } }); });
  after(async () => { await ps?.close(); });

  const afterExpiry = () => new Promise((r) => setTimeout(r, 1_100));

  it('an unopened and an opened, unpaid payment expire; the e-service is told', async () => {
    const unopened = await createPayment(ps);
    const opened = await createPayment(ps);
    await openPaymentPage(new TestBrowser(), opened.nextUrl);
    await afterExpiry();
    await ps.system.broker.paymentJobs!.runOnce();
    expect((await stateOf(ps, unopened.id)).state).to.equal('expired');
    expect((await stateOf(ps, opened.id)).state).to.equal('expired');
    const types = ps.webhooks.received.filter((w) => [unopened.id, opened.id].includes(w.json.payment_id)).map((w) => w.json.type);
    expect(types).to.deep.equal(['payment.expired', 'payment.expired']);
  });

  it('the page of a payment past its time shows it expired, even before the sweeper ran', async () => {
    const { id, nextUrl } = await createPayment(ps);
    await afterExpiry();
    const { html } = await openPaymentPage(new TestBrowser(), nextUrl);
    expect(readProviderForms(html)).to.deep.equal([]);
    expect((await stateOf(ps, id)).state).to.equal('expired');
  });

  it('a success callback after expiry is recorded as a late success, not lost, and the e-service is told', async () => {
    const { id, nextUrl } = await createPayment(ps);
    const browser = new TestBrowser();
    const { html } = await openPaymentPage(browser, nextUrl);
    await afterExpiry();
    await ps.system.broker.paymentJobs!.sweepExpired();
    expect((await stateOf(ps, id)).state).to.equal('expired');
    // The citizen still had the page open in a tab and pays now.
    const landed = await payAtProvider(browser, html, { method: BANK });
    expect((landed as URL).pathname, 'money was taken: back to the return URL').to.equal('/paid');
    const late = await stateOf(ps, id);
    expect(late).to.include({ state: 'succeeded', late_success: true, refund_amount_available: 1250 });
    await ps.system.broker.paymentJobs!.runOnce();
    const hooks = ps.webhooks.received.filter((w) => w.json.payment_id === id);
    expect(hooks.map((w) => [w.json.type, w.json.sequence, w.json.data.payment.late_success])).to.deep.equal([
      ['payment.expired', 1, false], ['payment.succeeded', 2, true],
    ]);
    const [record] = await auditOf(ps, id, 'payment.succeeded');
    expect(record?.data).to.include({ late: true, from: 'expired', to: 'succeeded' });
  });
});
