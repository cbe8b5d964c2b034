import { expect } from 'chai';
import { eventually, paidAtProvider, paymentBody, startPaymentSystem, type PaymentSystem } from '../support/start-payment-system.ts';

/** A payment that has succeeded, ready for refunds. */
async function succeededPayment(ps: PaymentSystem) {
  const { id, signed: query } = await paidAtProvider(ps, { webhook_url: `${ps.webhooks.url}/shop-a/events` });
  const response = await fetch(`${ps.system.issuer}/psp/payments/${id}/callback?${query()}`);
  expect(response.status).to.equal(200);
  return id;
}

describe('e2e: payments under concurrency', () => {
  let ps: PaymentSystem;
  before(async () => { ps = await startPaymentSystem(); });
  after(async () => { await ps?.close(); });

  it('50 concurrent duplicate callbacks, returns and status reads: one transition, one webhook, one audit record', async () => {
    const { id, signed: query } = await paidAtProvider(ps, { webhook_url: `${ps.webhooks.url}/shop-a/events` });
    const signed = query().toString();
    const requests = Array.from({ length: 50 }, (_, n) => {
      switch (n % 3) {
        case 0: return fetch(`${ps.system.issuer}/psp/payments/${id}/callback?${signed}`).then((r) => r.status);
        case 1: return fetch(`${ps.system.issuer}/pay/${id}/return?${signed}`, { redirect: 'manual' }).then((r) => r.status);
        default: return ps.api('shop-a').get(id).then((r) => r.status);
      }
    });
    const statuses = await Promise.all(requests);
    expect(new Set(statuses)).to.deep.equal(new Set([200, 303]));
    expect((await ps.api('shop-a').get(id)).body.state).to.equal('succeeded');
    const audit = (await ps.system.broker.storage.audit.list({ type: 'payment.succeeded' })).filter((r) => r.data.paymentId === id);
    expect(audit).to.have.length(1);
    expect(await ps.system.broker.storage.webhooks.listForPayment(id)).to.have.length(1);
    await ps.system.broker.paymentJobs!.runOnce();
    expect(ps.webhooks.received.filter((w) => w.json.payment_id === id)).to.have.length(1);
  });

  it('20 concurrent refunds that together exceed the payment: never more than was paid', async () => {
    const id = await succeededPayment(ps);
    const answers = await Promise.all(Array.from({ length: 20 }, () => ps.api('shop-a').refund(id, { amount: 100 })));
    const created = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status === 409);
    expect(created).to.have.length(12);
    expect(refused).to.have.length(8);
    expect(refused[0]!.body).to.include({ error: 'refund_amount_unavailable' });
    const payment = (await ps.api('shop-a').get(id)).body;
    expect(payment).to.include({ refund_amount_available: 50, refund_amount_refunded: 1200 });
    const refunds = (await ps.api('shop-a').request(`/payments/${id}/refunds`)).body.refunds as { amount: number; state: string }[];
    expect(refunds.reduce((sum, r) => sum + r.amount, 0)).to.equal(1200);
    expect(new Set(refunds.map((r) => r.state))).to.deep.equal(new Set(['succeeded']));
  });
});

describe('e2e: refunds', () => {
  let ps: PaymentSystem;
  before(async () => { ps = await startPaymentSystem(); });
  after(async () => { await ps?.close(); });

  it('partial refunds add up to a full one; each has its own status; a stale expected amount is 412', async () => {
    const id = await succeededPayment(ps);
    const api = ps.api('shop-a');
    const first = await api.refund(id, { amount: 250, expected_available: 1250, reason: 'Partly withdrawn' });
    expect(first.status).to.equal(201);
    expect(first.body).to.include({ state: 'succeeded', amount: 250, payment_id: id, reason: 'Partly withdrawn' });
    expect((await api.get(id)).body).to.include({ refund_amount_available: 1000, refund_amount_refunded: 250 });
    const stale = await api.refund(id, { amount: 100, expected_available: 1250 });
    expect(stale.status).to.equal(412);
    expect(stale.body).to.include({ error: 'refund_amount_available_mismatch' });
    expect(stale.body.error_description).to.match(/is 1000, not 1250/);
    const rest = await api.refund(id, { amount: 1000, expected_available: 1000 });
    expect(rest.body.state).to.equal('succeeded');
    const read = await api.request(`/payments/${id}/refunds/${first.body.id}`);
    expect(read.body).to.include({ id: first.body.id, state: 'succeeded', amount: 250 });
    expect((await api.get(id)).body).to.include({ refund_amount_available: 0, refund_amount_refunded: 1250, state: 'succeeded' });
    expect((await api.refund(id, { amount: 1 })).status, 'nothing left').to.equal(409);
    await ps.system.broker.paymentJobs!.runOnce();
    const types = ps.webhooks.received.filter((w) => w.json.payment_id === id).map((w) => w.json.type);
    expect(types).to.deep.equal(['payment.succeeded', 'refund.succeeded', 'refund.succeeded']);
  });

  it('the same Idempotency-Key refunds once; another body with it is 409', async () => {
    const id = await succeededPayment(ps);
    const first = await ps.api('shop-a').refund(id, { amount: 300 }, 'refund-key');
    const again = await ps.api('shop-a').refund(id, { amount: 300 }, 'refund-key');
    expect(again.status).to.equal(201);
    expect(again.body.id).to.equal(first.body.id);
    expect((await ps.api('shop-a').refund(id, { amount: 301 }, 'refund-key')).status).to.equal(409);
    expect((await ps.api('shop-a').get(id)).body.refund_amount_refunded).to.equal(300);
  });

  it('a refund the bank declines fails and frees its amount; a pending one settles by callback', async () => {
    const id = await succeededPayment(ps);
    const declined = await ps.api('shop-a').refund(id, { amount: 113 });
    expect(declined.body.state).to.equal('failed');
    expect((await ps.api('shop-a').get(id)).body.refund_amount_available).to.equal(1250);
    const pending = await ps.api('shop-a').refund(id, { amount: 177 });
    expect(pending.body.state).to.equal('pending');
    expect((await ps.api('shop-a').get(id)).body.refund_amount_available).to.equal(1073);
    const settled = await eventually(() => ps.api('shop-a').request(`/payments/${id}/refunds/${pending.body.id}`), (r) => r.body.state === 'succeeded', 15_000);
    expect(settled.body.state).to.equal('succeeded');
    expect((await ps.api('shop-a').get(id)).body.refund_amount_refunded).to.equal(177);
  });

  it('only a succeeded payment can be refunded', async () => {
    const created = await ps.api('shop-a').create(paymentBody());
    const answer = await ps.api('shop-a').refund(created.body.id as string, { amount: 100 });
    expect(answer.status).to.equal(409);
    expect(answer.body).to.include({ error: 'invalid_state' });
    for (const body of [{ amount: 0 }, { amount: 1.5 }, { amount: 100, extra: true }, {}]) {
      expect((await ps.api('shop-a').refund(created.body.id as string, body)).status, JSON.stringify(body)).to.equal(400);
    }
  });
});
