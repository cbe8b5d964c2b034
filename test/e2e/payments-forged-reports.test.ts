import { expect } from 'chai';
import { signedQuery } from '../../adapters/paytrail/sandbox/notify-merchant.ts';
import { TEST_MERCHANT } from '../../adapters/paytrail/sandbox/start-sandbox-psp.ts';
import { calculateSignature } from '../../adapters/paytrail/paytrail-signature.ts';
import { paidAtProvider, paymentBody, startPaymentSystem, type PaymentSystem } from '../support/start-payment-system.ts';

/** Re-signs a query with `secret`: what someone holding a key (or a buggy provider) could send. */
function resign(query: URLSearchParams, secret: string): URLSearchParams {
  const fields = [...query].filter(([name]) => name.startsWith('checkout-'));
  const signed = new URLSearchParams(fields);
  signed.set('signature', calculateSignature(secret, 'sha256', fields, ''));
  return signed;
}

describe('e2e: forged, replayed and mismatching provider reports', () => {
  let ps: PaymentSystem;
  // Pending refunds stay pending through these tests: only forged callbacks arrive.
  before(async () => { ps = await startPaymentSystem({}, { pendingSettleSeconds: 600 }); });
  after(async () => { await ps?.close(); });

  const paid = (amount = 1250) => paidAtProvider(ps, { amount });

  const callback = (id: string, query: URLSearchParams | string) => fetch(`${ps.system.issuer}/psp/payments/${id}/callback?${query}`);
  const browserReturn = (id: string, query: URLSearchParams | string) =>
    fetch(`${ps.system.issuer}/pay/${id}/return?${query}`, { redirect: 'manual', headers: { accept: 'text/html' } });
  const stateOf = async (id: string) => (await ps.api('shop-a').get(id)).body.state;
  const auditCount = async (id: string) => (await ps.system.broker.storage.audit.list()).filter((r) => r.data.paymentId === id).length;

  it('unsigned, wrongly signed and tampered callbacks are refused and change nothing', async () => {
    const { id, signed } = await paid();
    const before = await auditCount(id);
    const unsigned = signed();
    unsigned.delete('signature');
    const wrongKey = resign(signed(), 'not-the-merchant-secret');
    const tampered = signed();
    tampered.set('checkout-amount', '1');
    const otherAccount = resign(signed(), TEST_MERCHANT.secret);
    otherAccount.set('checkout-account', '695861');
    for (const query of [unsigned, wrongKey, tampered, otherAccount, new URLSearchParams()]) {
      const response = await callback(id, query);
      expect(response.status, query.toString()).to.equal(400);
      expect(await response.json()).to.include({ error: 'invalid_request' });
    }
    expect(await stateOf(id)).to.equal('started');
    expect(await auditCount(id)).to.equal(before);
  });

  it('a correctly signed report with a mismatched amount, or for another payment, is refused', async () => {
    const one = await paid();
    const other = await paid(990);
    const mismatchedAmount = signedQuery(TEST_MERCHANT.secret, ps.psp.ledger.get((await ps.system.broker.storage.payments.get(one.id))!.providerTransactionId!)!, { status: 'ok', amount: 99 });
    expect((await callback(one.id, mismatchedAmount)).status).to.equal(400);
    expect((await callback(one.id, other.signed())).status, "another payment's callback replayed here").to.equal(400);
    expect((await browserReturn(one.id, other.signed())).status).to.equal(400);
    expect(await stateOf(one.id)).to.equal('started');
    expect(await stateOf(other.id)).to.equal('started');
  });

  it('a return URL with a changed amount or status changes nothing and shows an error page with a reference', async () => {
    const { id, signed } = await paid();
    const failed = signed('fail');
    const changedStatus = signed('fail');
    changedStatus.set('checkout-status', 'ok');
    const changedAmount = signed();
    changedAmount.set('checkout-amount', '1');
    for (const query of [changedStatus, changedAmount]) {
      const response = await browserReturn(id, query);
      expect(response.status).to.equal(400);
      const html = await response.text();
      expect(html).to.contain(response.headers.get('x-correlation-id')!);
      expect(html).to.match(/<html lang="fi">/);
    }
    expect(await stateOf(id)).to.equal('started');
    expect(failed.get('checkout-status')).to.equal('fail');
  });

  it('replayed reports are harmless: an old fail after the success, and the success again', async () => {
    const { id, signed } = await paid();
    expect((await callback(id, signed('ok'))).status).to.equal(200);
    const after = await auditCount(id);
    for (const query of [signed('ok'), signed('fail'), signed('ok')]) {
      expect((await callback(id, query)).status).to.equal(200);
      expect((await browserReturn(id, query)).status).to.equal(303);
    }
    expect(await stateOf(id)).to.equal('succeeded');
    expect(await auditCount(id)).to.equal(after);
  });

  it('a refund callback that is unsigned, for another amount or replayed to another refund changes nothing', async () => {
    const { id, signed } = await paid(1277);
    expect((await callback(id, signed())).status).to.equal(200);
    const pending = await ps.api('shop-a').refund(id, { amount: 177 });
    expect(pending.body.state, 'sandbox: ..77 cents stays pending').to.equal('pending');
    const transaction = ps.psp.ledger.get((await ps.system.broker.storage.payments.get(id))!.providerTransactionId!)!;
    const refundCallback = (query: URLSearchParams) => fetch(`${ps.system.issuer}/psp/payments/${id}/refunds/${pending.body.id}/callback?${query}`);
    const forAnotherAmount = signedQuery(TEST_MERCHANT.secret, transaction, { status: 'ok', amount: 100, stamp: pending.body.id as string });
    const unsigned = signedQuery(TEST_MERCHANT.secret, transaction, { status: 'ok', amount: 177, stamp: pending.body.id as string });
    unsigned.delete('signature');
    const forAnotherRefund = signedQuery(TEST_MERCHANT.secret, transaction, { status: 'ok', amount: 177, stamp: 'rfd_000000000000AAAAAAAAAAAAAAAA' });
    for (const query of [forAnotherAmount, unsigned, forAnotherRefund]) expect((await refundCallback(query)).status).to.equal(400);
    const refund = await ps.api('shop-a').request(`/payments/${id}/refunds/${pending.body.id}`);
    expect(refund.body.state).to.equal('pending');
  });

  it('a report for a payment that was never started at the provider is refused', async () => {
    const created = await ps.api('shop-a').create(paymentBody());
    const { signed } = await paid();
    expect((await callback(created.body.id as string, signed())).status).to.equal(400);
    expect(await stateOf(created.body.id as string)).to.equal('created');
    expect((await callback('pay_000000000000AAAAAAAAAAAAAAAA', signed())).status).to.equal(404);
  });
});
