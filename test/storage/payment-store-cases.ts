import { expect } from 'chai';
import type {
  IdempotencyClaim, NewPaymentRecord, PaymentTransition, RefundTransition, Storage, WebhookEventDraft,
} from '../../src/storage/storage.ts';

const HOUR_MS = 3600_000;
let counter = 0;
const uniqueId = (prefix: string) => `${prefix}_${Date.now().toString(36)}_${(counter += 1)}`;

function newPayment(overrides: Partial<NewPaymentRecord> = {}): NewPaymentRecord {
  const now = Date.now();
  return {
    id: uniqueId('pay'),
    clientId: 'client-a',
    amount: 1250,
    currency: 'EUR',
    description: 'Permit fee',
    reference: '1232',
    language: 'fi',
    returnUrl: 'https://a.example/return',
    cancelUrl: 'https://a.example/cancel',
    webhookUrl: 'https://a.example/webhook',
    payerMustBeIdentified: false,
    items: [{ description: 'Fee', units: 1, unitPrice: 1250, vatPercentage: 25.5, productCode: 'fee' }],
    createdAt: now,
    expiresAt: now + HOUR_MS,
    ...overrides,
  };
}

const claim = (key: string, hash = 'hash-1', overrides: Partial<IdempotencyClaim> = {}): IdempotencyClaim =>
  ({ clientId: 'client-a', scope: 'payments', key, requestHash: hash, notBefore: Date.now() - 24 * HOUR_MS, ...overrides });

const audit = (type: string, data: Record<string, string | number> = {}) => ({ type, correlationId: 'corr', data });

const webhook = (type: string): WebhookEventDraft => ({
  type,
  body: ({ payment, refund, eventId, sequence }) => JSON.stringify({ id: eventId, type, sequence, state: payment.state, refund: refund?.state }),
});

let eventCounter = 0;
function transition(paymentId: string, from: PaymentTransition['from'], to: PaymentTransition['to'], extra: Partial<PaymentTransition> = {}): PaymentTransition {
  return {
    paymentId, from, to, at: Date.now(),
    audit: audit(`payment.${to}`, { paymentId }),
    webhook: webhook(`payment.${to}`),
    newEventId: () => `evt_${(eventCounter += 1)}_${Date.now().toString(36)}`,
    ...extra,
  };
}

function refundTransition(paymentId: string, refundId: string, to: RefundTransition['to']): RefundTransition {
  return {
    paymentId, refundId, from: ['pending'], to, at: Date.now(),
    audit: audit(`refund.${to}`, { refundId }),
    webhook: webhook(`refund.${to}`),
    newEventId: () => `evt_${(eventCounter += 1)}_${Date.now().toString(36)}`,
  };
}

/** A payment that has reached `succeeded`, ready for refunds. */
async function paidPayment(storage: Storage, overrides: Partial<NewPaymentRecord> = {}) {
  const created = await storage.payments.create(newPayment(overrides), claim(uniqueId('key')), audit('payment.created'));
  if (created.outcome !== 'created') throw new Error('not created');
  await storage.payments.transition(transition(created.payment.id, ['created'], 'started', { webhook: undefined }));
  const paid = await storage.payments.transition(transition(created.payment.id, ['started'], 'succeeded'));
  if (!paid.applied) throw new Error('not paid');
  return paid.record;
}

const newRefund = (paymentId: string, amount: number, id = uniqueId('rfd')) =>
  ({ id, paymentId, clientId: 'client-a', amount, reason: null, createdAt: Date.now() });

const countAudit = async (storage: Storage, type: string) => (await storage.audit.list({ type })).length;

/** Payments, refunds and the webhook outbox: part of the one shared suite in store-suite.ts. */
export function runPaymentStoreCases(storage: () => Storage): void {
  describe('payments', () => {
    it('creates a payment in state created, with its audit record, and reads it back', async () => {
      const input = newPayment();
      const result = await storage().payments.create(input, claim('k1'), audit('payment.created', { paymentId: input.id }));
      expect(result.outcome).to.equal('created');
      const stored = await storage().payments.get(input.id);
      expect(stored).to.deep.equal(result.outcome === 'created' ? result.payment : undefined);
      expect(stored).to.include({ state: 'created', amount: 1250, version: 1, eventSeq: 0, refundReserved: 0, lateSuccess: false, payerSub: null });
      expect(stored?.items).to.deep.equal(input.items);
      expect(await countAudit(storage(), 'payment.created')).to.equal(1);
      expect(await storage().payments.get('pay_missing')).to.equal(undefined);
    });

    it('forgets idempotency keys created before a time, oldest first and at most `limit`, keeping newer ones', async () => {
      const old = Date.now() - 48 * HOUR_MS;
      for (const key of ['old-1', 'old-2', 'old-3']) await storage().payments.create(newPayment({ createdAt: old }), claim(key), audit('payment.created'));
      await storage().payments.create(newPayment(), claim('recent'), audit('payment.created'));
      expect(await storage().payments.forgetIdempotencyKeys(Date.now() - 24 * HOUR_MS, 2)).to.equal(2);
      expect(await storage().payments.forgetIdempotencyKeys(Date.now() - 24 * HOUR_MS, 1000)).to.equal(1);
      expect(await storage().payments.forgetIdempotencyKeys(Date.now() - 24 * HOUR_MS, 1000)).to.equal(0);
      const again = await storage().payments.create(newPayment(), claim('recent'), audit('payment.created'));
      expect(again.outcome, 'a recent key still answers').to.equal('replayed');
      const reused = await storage().payments.create(newPayment(), claim('old-1'), audit('payment.created'));
      expect(reused.outcome, 'a forgotten key is a new request').to.equal('created');
    });

    it('the same key and body returns the same payment; another body is refused and creates nothing', async () => {
      const first = await storage().payments.create(newPayment(), claim('same-key'), audit('payment.created'));
      const again = await storage().payments.create(newPayment(), claim('same-key'), audit('payment.created'));
      expect(again.outcome).to.equal('replayed');
      expect(again.outcome === 'replayed' && first.outcome === 'created' && again.payment.id).to.equal(first.outcome === 'created' && first.payment.id);
      const other = newPayment();
      expect((await storage().payments.create(other, claim('same-key', 'hash-2'), audit('payment.created'))).outcome).to.equal('key_reused');
      expect(await storage().payments.get(other.id)).to.equal(undefined);
      expect(await countAudit(storage(), 'payment.created')).to.equal(1);
    });

    it('scopes keys per client and forgets them after their window', async () => {
      await storage().payments.create(newPayment(), claim('k'), audit('payment.created'));
      const otherClient = await storage().payments.create(newPayment({ clientId: 'client-b' }), claim('k', 'hash-1', { clientId: 'client-b' }), audit('payment.created'));
      expect(otherClient.outcome).to.equal('created');
      const afterWindow = await storage().payments.create(newPayment(), claim('k', 'hash-9', { notBefore: Date.now() + 1000 }), audit('payment.created'));
      expect(afterWindow.outcome).to.equal('created');
    });

    it('a transition is a compare-and-set: it applies from an allowed state only, with its audit record', async () => {
      const { payment } = await storage().payments.create(newPayment(), claim('t'), audit('payment.created')) as { payment: { id: string } };
      const started = await storage().payments.transition(transition(payment.id, ['created'], 'started', {
        set: { provider: 'paytrail', providerTransactionId: 'tx-1', payerSub: 'sub-1', providerForms: [{ id: 'b', name: 'B', group: 'bank', url: 'https://b', parameters: [{ name: 'n', value: 'v' }] }] },
        webhook: undefined,
      }));
      expect(started.applied).to.equal(true);
      expect(started.record).to.include({ state: 'started', providerTransactionId: 'tx-1', payerSub: 'sub-1', version: 2 });
      expect(started.record?.providerForms[0]?.parameters).to.deep.equal([{ name: 'n', value: 'v' }]);
      const again = await storage().payments.transition(transition(payment.id, ['created'], 'started'));
      expect(again).to.deep.equal({ applied: false, record: started.record });
      expect(await countAudit(storage(), 'payment.started')).to.equal(1);
      const stale = await storage().payments.transition(transition(payment.id, ['started'], 'started', { expectedVersion: 1, set: { payerSub: 'other' } }));
      expect(stale.applied).to.equal(false);
      const missing = await storage().payments.transition(transition('pay_missing', ['created'], 'started'));
      expect(missing).to.deep.equal({ applied: false, record: undefined });
    });

    it('50 concurrent identical transitions: exactly one applies, one audit record, one webhook event', async () => {
      const { payment } = await storage().payments.create(newPayment(), claim('c'), audit('payment.created')) as { payment: { id: string } };
      await storage().payments.transition(transition(payment.id, ['created'], 'started', { webhook: undefined }));
      const results = await Promise.all(Array.from({ length: 50 }, () =>
        storage().payments.transition(transition(payment.id, ['started'], 'succeeded'))));
      expect(results.filter((r) => r.applied)).to.have.length(1);
      expect(await countAudit(storage(), 'payment.succeeded')).to.equal(1);
      const events = await storage().webhooks.listForPayment(payment.id);
      expect(events.map((e) => [e.type, e.sequence])).to.deep.equal([['payment.succeeded', 1]]);
      expect(JSON.parse(events[0]!.body)).to.deep.include({ type: 'payment.succeeded', sequence: 1, state: 'succeeded', id: events[0]!.id });
    });

    it('enqueues webhook events only for payments with a webhook URL', async () => {
      const { payment } = await storage().payments.create(newPayment({ webhookUrl: null }), claim('w'), audit('payment.created')) as { payment: { id: string } };
      const result = await storage().payments.transition(transition(payment.id, ['created'], 'cancelled'));
      expect(result.record?.eventSeq).to.equal(0);
      expect(await storage().webhooks.listForPayment(payment.id)).to.deep.equal([]);
    });

    it('lists a client\'s payments newest first, by state and time, page by page', async () => {
      const base = Date.now() - 10_000;
      const ids: string[] = [];
      for (let n = 0; n < 5; n += 1) {
        const input = newPayment({ createdAt: base + n * 1000 });
        ids.push(input.id);
        await storage().payments.create(input, claim(`l${n}`), audit('payment.created'));
      }
      await storage().payments.create(newPayment({ clientId: 'client-b', createdAt: base }), claim('lb', 'h', { clientId: 'client-b' }), audit('payment.created'));
      await storage().payments.transition(transition(ids[1]!, ['created'], 'cancelled'));
      const all = await storage().payments.list({ clientId: 'client-a', limit: 10 });
      expect(all.map((p) => p.id)).to.deep.equal([...ids].reverse());
      expect((await storage().payments.list({ clientId: 'client-a', states: ['cancelled'], limit: 10 })).map((p) => p.id)).to.deep.equal([ids[1]]);
      const window = await storage().payments.list({ clientId: 'client-a', createdFrom: base + 1000, createdBefore: base + 3000, limit: 10 });
      expect(window.map((p) => p.id)).to.deep.equal([ids[2], ids[1]]);
      const page1 = await storage().payments.list({ clientId: 'client-a', limit: 2 });
      const page2 = await storage().payments.list({ clientId: 'client-a', limit: 2, after: { createdAt: page1[1]!.createdAt, id: page1[1]!.id } });
      expect([...page1, ...page2].map((p) => p.id)).to.deep.equal([ids[4], ids[3], ids[2], ids[1]]);
    });

    it('finds expired open payments and stale started ones for reconciliation', async () => {
      const now = Date.now();
      const expired = newPayment({ expiresAt: now - 1 });
      const live = newPayment({ expiresAt: now + HOUR_MS });
      await storage().payments.create(expired, claim('e1'), audit('payment.created'));
      await storage().payments.create(live, claim('e2'), audit('payment.created'));
      expect((await storage().payments.listExpired(now, 10)).map((p) => p.id)).to.deep.equal([expired.id]);

      await storage().payments.transition(transition(live.id, ['created'], 'started', { at: now - 10_000, set: { providerTransactionId: 'tx' }, webhook: undefined }));
      const query = { now, staleAfterMs: 5_000, recheckAfterMs: 5_000, expiredWindowMs: HOUR_MS, expiredRecheckAfterMs: HOUR_MS, limit: 10 };
      expect((await storage().payments.listReconcilable(query)).map((p) => p.id)).to.deep.equal([live.id]);
      await storage().payments.markReconciled(live.id, now);
      expect(await storage().payments.listReconcilable(query)).to.deep.equal([]);
      expect((await storage().payments.listReconcilable({ ...query, now: now + 6_000 })).map((p) => p.id)).to.deep.equal([live.id]);
    });

    describe('refunds', () => {
      it('refunds only a succeeded payment, reserving the amount', async () => {
        const { payment } = await storage().payments.create(newPayment(), claim('r0'), audit('payment.created')) as { payment: { id: string } };
        const early = await storage().payments.createRefund(newRefund(payment.id, 100), {}, claim('r0', 'h', { scope: `refunds:${payment.id}` }), audit('refund.requested'));
        expect(early.outcome).to.equal('not_refundable');

        const paid = await paidPayment(storage());
        const refundClaim = claim('r1', 'h', { scope: `refunds:${paid.id}` });
        const created = await storage().payments.createRefund(newRefund(paid.id, 500), {}, refundClaim, audit('refund.requested'));
        expect(created.outcome).to.equal('created');
        if (created.outcome !== 'created') return;
        expect(created.refund).to.include({ state: 'pending', amount: 500, paymentId: paid.id });
        expect(created.payment.refundReserved).to.equal(500);
        const replay = await storage().payments.createRefund(newRefund(paid.id, 500), {}, refundClaim, audit('refund.requested'));
        expect(replay.outcome === 'replayed' && replay.refund.id).to.equal(created.refund.id);
        expect((await storage().payments.createRefund(newRefund(paid.id, 1), {}, { ...refundClaim, requestHash: 'other' }, audit('refund.requested'))).outcome).to.equal('key_reused');
        expect(await storage().payments.listRefunds(paid.id)).to.have.length(1);
        expect(await countAudit(storage(), 'refund.requested')).to.equal(1);
      });

      it('refuses a stale expected amount and an amount over what is available', async () => {
        const paid = await paidPayment(storage());
        const scope = `refunds:${paid.id}`;
        const stale = await storage().payments.createRefund(newRefund(paid.id, 100), { expectedAvailable: 1000 }, claim('a', 'h', { scope }), audit('refund.requested'));
        expect(stale).to.deep.equal({ outcome: 'available_mismatch', available: 1250 });
        const tooMuch = await storage().payments.createRefund(newRefund(paid.id, 1251), { expectedAvailable: 1250 }, claim('b', 'h', { scope }), audit('refund.requested'));
        expect(tooMuch).to.deep.equal({ outcome: 'exceeds_available', available: 1250 });
        expect((await storage().payments.createRefund(newRefund(paid.id, 1250), { expectedAvailable: 1250 }, claim('c', 'h', { scope }), audit('refund.requested'))).outcome).to.equal('created');
        const other = await storage().payments.createRefund({ ...newRefund(paid.id, 1), clientId: 'client-b' }, {}, claim('d', 'h', { scope, clientId: 'client-b' }), audit('refund.requested'));
        expect(other.outcome).to.equal('payment_not_found');
      });

      it('20 concurrent refunds never reserve more than was paid', async () => {
        const paid = await paidPayment(storage());
        const results = await Promise.all(Array.from({ length: 20 }, (_, n) => storage().payments.createRefund(
          newRefund(paid.id, 100), {}, claim(`c${n}`, 'h', { scope: `refunds:${paid.id}` }), audit('refund.requested'))));
        expect(results.filter((r) => r.outcome === 'created')).to.have.length(12);
        expect(results.filter((r) => r.outcome === 'exceeds_available')).to.have.length(8);
        expect((await storage().payments.get(paid.id))?.refundReserved).to.equal(1200);
      });

      it('a refund outcome settles or releases the reserved amount, once, with a webhook event', async () => {
        const paid = await paidPayment(storage());
        const scope = `refunds:${paid.id}`;
        const first = await storage().payments.createRefund(newRefund(paid.id, 300), {}, claim('x', 'h', { scope }), audit('refund.requested'));
        const second = await storage().payments.createRefund(newRefund(paid.id, 200), {}, claim('y', 'h', { scope }), audit('refund.requested'));
        if (first.outcome !== 'created' || second.outcome !== 'created') throw new Error('refunds not created');
        const results = await Promise.all(Array.from({ length: 10 }, () => storage().payments.transitionRefund(refundTransition(paid.id, first.refund.id, 'succeeded'))));
        expect(results.filter((r) => r.applied)).to.have.length(1);
        await storage().payments.transitionRefund(refundTransition(paid.id, second.refund.id, 'failed'));
        const payment = await storage().payments.get(paid.id);
        expect(payment).to.include({ refunded: 300, refundReserved: 300 });
        expect((await storage().payments.getRefund(paid.id, first.refund.id))?.state).to.equal('succeeded');
        const events = await storage().webhooks.listForPayment(paid.id);
        expect(events.map((e) => [e.type, e.sequence, e.refundId])).to.deep.equal([
          ['payment.succeeded', 1, null], ['refund.succeeded', 2, first.refund.id], ['refund.failed', 3, second.refund.id],
        ]);
        expect(JSON.parse(events[1]!.body)).to.include({ refund: 'succeeded' });
        expect(await storage().payments.listPendingRefunds(Date.now(), 10)).to.deep.equal([]);
      });
    });
  });

  describe('webhook outbox', () => {
    it('leases due events, logs every attempt, and retries, delivers or gives up', async () => {
      const paid = await paidPayment(storage());
      const now = Date.now();
      const [event] = await storage().webhooks.claimDue(now, now + 30_000, 10);
      expect(event).to.include({ paymentId: paid.id, type: 'payment.succeeded', state: 'pending', attempts: 0, url: 'https://a.example/webhook' });
      expect(await storage().webhooks.claimDue(now, now + 30_000, 10), 'leased').to.deep.equal([]);
      await storage().webhooks.recordAttempt({ eventId: event!.id, attempt: 1, at: now, status: 500, error: null, durationMs: 3 }, { kind: 'retry', at: now + 1000 });
      expect(await storage().webhooks.claimDue(now + 999, now + 30_000, 10)).to.deep.equal([]);
      const [again] = await storage().webhooks.claimDue(now + 1000, now + 30_000, 10);
      expect(again).to.include({ id: event!.id, attempts: 1 });
      await storage().webhooks.recordAttempt({ eventId: event!.id, attempt: 2, at: now + 1000, status: 204, error: null, durationMs: 2 }, { kind: 'delivered' });
      const [delivered] = await storage().webhooks.listForPayment(paid.id);
      expect(delivered).to.include({ state: 'delivered', attempts: 2, deliveredAt: now + 1000, nextAttemptAt: null });
      expect((await storage().webhooks.listDeliveries(event!.id)).map((d) => [d.attempt, d.status])).to.deep.equal([[1, 500], [2, 204]]);

      const other = await paidPayment(storage());
      const [next] = await storage().webhooks.claimDue(now + 2000, now + 30_000, 10);
      expect(next?.paymentId).to.equal(other.id);
      await storage().webhooks.recordAttempt({ eventId: next!.id, attempt: 1, at: now, status: null, error: 'connection refused', durationMs: 1 }, { kind: 'given_up' });
      expect((await storage().webhooks.listForPayment(other.id))[0]).to.include({ state: 'failed', nextAttemptAt: null });
      expect(await storage().webhooks.claimDue(now + 100_000_000, now + 100_030_000, 10)).to.deep.equal([]);
    });
  });
}
