import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import type { PaymentProvider } from '../../../src/payments/payment-provider.ts';
import { ProviderError } from '../../../src/payments/payment-provider.ts';
import { createPaytrailProvider } from '../paytrail-provider.ts';
import { calculateSignature } from '../paytrail-signature.ts';
import { TEST_MERCHANT, startSandboxPsp, type RunningSandboxPsp } from './start-sandbox-psp.ts';

/** Contract tests: the Paytrail client against the sandbox PSP, over HTTP, both signing. */
describe('Paytrail client and sandbox PSP', () => {
  let psp: RunningSandboxPsp;
  let provider: PaymentProvider;
  let callbacks: URLSearchParams[];
  let callbackServer: http.Server;
  let callbackUrl: string;

  before(async () => {
    psp = await startSandboxPsp({ host: '127.0.0.1', port: 0, pendingSettleSeconds: 0.2 });
    provider = createPaytrailProvider({ apiUrl: psp.url, ...TEST_MERCHANT, algorithm: 'sha256', timeoutSeconds: 5, customerEmail: 'maksut@example.fi' });
    callbacks = [];
    callbackServer = http.createServer((req, res) => {
      callbacks.push(new URL(req.url!, 'http://x').searchParams);
      res.end('ok');
    });
    await new Promise<void>((resolve) => callbackServer.listen(0, '127.0.0.1', resolve));
    callbackUrl = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}/callback`;
  });
  after(async () => {
    await psp?.close();
    callbackServer?.close();
  });

  const item = { description: 'Fee', units: 1, unitPrice: 1250, vatPercentage: 25.5, productCode: 'fee' };
  const create = (stamp: string, amount = 1250) => provider.createPayment({
    stamp, reference: '1232', amount, language: 'fi', items: [{ ...item, unitPrice: amount }],
    returnUrl: 'http://portti.test/return', callbackUrl, correlationId: 'c',
  });

  /** Submits a provider form and the sandbox bank's confirm form, as a browser would. */
  async function pay(form: { url: string; parameters: readonly { name: string; value: string }[] }, fields: Record<string, string>) {
    const token = form.parameters.find((p) => p.name === 'token')!.value;
    const page = await fetch(form.url, { method: 'POST', body: new URLSearchParams({ token }) });
    expect(page.status).to.equal(200);
    return fetch(`${form.url}/confirm`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ token, ...fields }) });
  }

  it('creates a payment with bank, card and mobile forms, and reads its status', async () => {
    const created = await create(`stamp-${Date.now()}`);
    expect(created.transactionId).to.match(/^[0-9a-f-]{36}$/);
    expect(new Set(created.forms.map((f) => f.group))).to.deep.equal(new Set(['bank', 'card', 'mobile']));
    const status = await provider.getStatus(created.transactionId, 'c');
    expect(status).to.include({ status: 'new', amount: 1250, transactionId: created.transactionId });
  });

  it('refuses a duplicate stamp', async () => {
    const stamp = `dup-${Date.now()}`;
    await create(stamp);
    const error = await create(stamp).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ProviderError).with.property('code', 'ERR_PROVIDER_REFUSED');
  });

  it('a bank payment returns with a signed ok the client verifies, and calls back first', async () => {
    const created = await create(`bank-${Date.now()}`);
    const confirmed = await pay(created.forms.find((f) => f.group === 'bank')!, { action: 'pay' });
    expect(confirmed.status).to.equal(303);
    const location = new URL(confirmed.headers.get('location')!);
    const verified = provider.verifyPaymentRedirect(location.searchParams);
    expect(verified).to.deep.include({ ok: true });
    expect(verified.ok && verified.report).to.include({ status: 'ok', amount: 1250, transactionId: created.transactionId });
    expect(callbacks.some((c) => c.get('checkout-transaction-id') === created.transactionId && c.get('checkout-status') === 'ok')).to.equal(true);
    location.searchParams.set('checkout-amount', '1');
    expect(provider.verifyPaymentRedirect(location.searchParams)).to.deep.include({ ok: false });
  });

  it('a pending card settles later by callback only, and a declined card fails', async () => {
    const pending = await create(`card-${Date.now()}`);
    const card = pending.forms.find((f) => f.group === 'card')!;
    const answered = await pay(card, { action: 'pay', card_number: '4000 0000 0000 0077' });
    expect(new URL(answered.headers.get('location')!).searchParams.get('checkout-status')).to.equal('pending');
    await new Promise((r) => setTimeout(r, 500));
    expect((await provider.getStatus(pending.transactionId, 'c')).status).to.equal('ok');
    expect(callbacks.filter((c) => c.get('checkout-transaction-id') === pending.transactionId).map((c) => c.get('checkout-status'))).to.deep.equal(['pending', 'ok']);

    const declined = await create(`declined-${Date.now()}`);
    const refused = await pay(declined.forms.find((f) => f.group === 'card')!, { action: 'pay', card_number: '4000000000000002' });
    expect(new URL(refused.headers.get('location')!).searchParams.get('checkout-status')).to.equal('fail');
  });

  it('refunds in full or in part, idempotently by refund stamp, never above the amount', async () => {
    const created = await create(`refund-${Date.now()}`);
    await pay(created.forms[0]!, { action: 'pay' });
    const request = { transactionId: created.transactionId, refundReference: '1232', callbackUrl, correlationId: 'c' };
    const first = await provider.refund({ ...request, amount: 250, refundStamp: 'r1' });
    expect(first.status).to.equal('ok');
    expect(await provider.refund({ ...request, amount: 250, refundStamp: 'r1' })).to.deep.equal(first);
    expect((await provider.refund({ ...request, amount: 1001, refundStamp: 'r2' })).status).to.equal('fail');
    expect((await provider.refund({ ...request, amount: 1000, refundStamp: 'r3' })).status).to.equal('ok');
  });

  it('refuses unsigned, wrongly signed and replayed requests', async () => {
    const body = '{}';
    const headers = {
      'checkout-account': TEST_MERCHANT.account, 'checkout-algorithm': 'sha256', 'checkout-method': 'POST',
      'checkout-nonce': `n-${Date.now()}`, 'checkout-timestamp': new Date().toISOString(), 'content-type': 'application/json',
    };
    const unsigned = await fetch(`${psp.url}/payments`, { method: 'POST', headers, body });
    expect(unsigned.status).to.equal(401);
    const signature = calculateSignature(TEST_MERCHANT.secret, 'sha256', Object.entries(headers), body);
    const first = await fetch(`${psp.url}/payments`, { method: 'POST', headers: { ...headers, signature }, body });
    expect(first.status, 'signed but invalid body').to.equal(400);
    const replay = await fetch(`${psp.url}/payments`, { method: 'POST', headers: { ...headers, signature }, body });
    expect(replay.status, 'same nonce again').to.equal(401);
  });

  it('the client refuses an answer whose signature does not verify', async () => {
    const liar = createPaytrailProvider({ apiUrl: psp.url, account: TEST_MERCHANT.account, secret: 'not-the-secret', algorithm: 'sha256', timeoutSeconds: 5, customerEmail: 'a@b.fi' });
    const error = await liar.getStatus('00000000-0000-0000-0000-000000000000', 'c').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ProviderError).with.property('code', 'ERR_PROVIDER_BAD_SIGNATURE');
  });
});
