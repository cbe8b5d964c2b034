import { expect } from 'chai';
import { paymentBody, startPaymentSystem, type PaymentSystem } from '../support/start-payment-system.ts';

describe('e2e: payments API', () => {
  let ps: PaymentSystem;
  before(async () => { ps = await startPaymentSystem(); });
  after(async () => { await ps?.close(); });

  const countPayments = async (clientId: 'shop-a' | 'shop-b' = 'shop-a') =>
    ((await ps.api(clientId).list('?limit=100')).body.payments as unknown[]).length;

  describe('authentication', () => {
    it('no token is 401 with a Bearer challenge; a forged token is 401 invalid_token', async () => {
      const none = await fetch(`${ps.system.issuer}/payments`);
      expect(none.status).to.equal(401);
      expect(none.headers.get('www-authenticate')).to.match(/^Bearer/);
      expect(await none.json()).to.include({ error: 'invalid_token' });
      const forged = await fetch(`${ps.system.issuer}/payments/pay_000000000000AAAAAAAAAAAAAAAA`, { headers: { authorization: 'Bearer forged-token' } });
      expect(forged.status).to.equal(401);
      expect(forged.headers.get('www-authenticate')).to.contain('error="invalid_token"');
      const basic = await fetch(`${ps.system.issuer}/payments`, { headers: { authorization: `Basic ${Buffer.from(`shop-a:x`).toString('base64')}` } });
      expect(basic.status).to.equal(401);
    });

    it('a token without scope payments is 403 insufficient_scope', async () => {
      const token = await ps.api('shop-a').token('');
      const response = await fetch(`${ps.system.issuer}/payments`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).to.equal(403);
      expect(response.headers.get('www-authenticate')).to.contain('error="insufficient_scope"');
      expect(await response.json()).to.include({ error: 'insufficient_scope' });
    });

    it('an e-service without the payments permission gets no payments token', async () => {
      const response = await fetch(`${ps.system.issuer}/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from('eservice-b:test-secret-for-eservice-b-0123456789abcdef').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&scope=payments',
      });
      expect(response.status).to.equal(400);
    });
  });

  describe('creating and reading', () => {
    it('creates a payment in state created with a next_url and reads it back', async () => {
      const created = await ps.api('shop-a').create(paymentBody({
        items: [{ description: 'Permit', units: 1, unit_price: 1000, vat_percentage: 25.5 }, { description: 'Handling', units: 2, unit_price: 125, vat_percentage: 0 }],
        language: 'sv',
      }));
      expect(created.status).to.equal(201);
      expect(created.body).to.include({ state: 'created', amount: 1250, currency: 'EUR', reference: '1232', language: 'sv', refund_amount_available: 0 });
      expect(created.body.next_url).to.equal(`${ps.system.issuer}/pay/${created.body.id}`);
      expect(created.headers.get('location')).to.equal(`${ps.system.issuer}/payments/${created.body.id}`);
      const read = await ps.api('shop-a').get(created.body.id as string);
      expect(read.status).to.equal(200);
      expect(read.body).to.deep.equal(created.body);
      expect((read.body.items as { vat_percentage: number }[]).map((i) => i.vat_percentage)).to.deep.equal([25.5, 0]);
    });

    it('accepts an RF creditor reference and a viitenumero with grouping spaces', async () => {
      const rf = await ps.api('shop-a').create(paymentBody({ reference: 'RF18 5390 0754 7034' }));
      expect(rf.body.reference).to.equal('RF18539007547034');
      const spaced = await ps.api('shop-a').create(paymentBody({ reference: '1234 5672' }));
      expect(spaced.body.reference).to.equal('12345672');
    });

    it('lists by state and creation time, newest first, page by page', async () => {
      const since = new Date().toISOString();
      const ids: string[] = [];
      for (let n = 0; n < 3; n += 1) ids.push((await ps.api('shop-b').create(paymentBody({ return_url: 'http://shop-b.example.test/r', cancel_url: 'http://shop-b.example.test/c' }))).body.id as string);
      const first = await ps.api('shop-b').list(`?created_after=${encodeURIComponent(since)}&state=created&limit=2`);
      expect(first.status).to.equal(200);
      expect((first.body.payments as { id: string }[]).map((p) => p.id)).to.deep.equal([ids[2], ids[1]]);
      const second = await ps.api('shop-b').list(`?created_after=${encodeURIComponent(since)}&limit=2&cursor=${first.body.next_cursor}`);
      expect((second.body.payments as { id: string }[]).map((p) => p.id)).to.deep.equal([ids[0]]);
      expect(second.body.next_cursor).to.equal(null);
      expect((await ps.api('shop-b').list('?state=succeeded')).body.payments).to.deep.equal([]);
      for (const bad of ['?state=paid', '?limit=0', '?limit=1000', '?created_after=yesterday', '?cursor=garbage', '?colour=red']) {
        const answer = await ps.api('shop-b').list(bad);
        expect(answer.status, bad).to.equal(400);
        expect(answer.body.error_description, bad).to.be.a('string');
      }
    });
  });

  describe('idempotency', () => {
    it('the same key and body twice gives one payment', async () => {
      const before = await countPayments();
      const key = `key-${Date.now()}`;
      const first = await ps.api('shop-a').create(paymentBody(), key);
      const again = await ps.api('shop-a').create({ ...paymentBody() }, key);
      expect(again.status).to.equal(201);
      expect(again.headers.get('idempotent-replayed')).to.equal('true');
      expect(again.body.id).to.equal(first.body.id);
      expect(await countPayments()).to.equal(before + 1);
    });

    it('the same key with another body is 409 and creates nothing', async () => {
      const key = `key-${Date.now()}-b`;
      await ps.api('shop-a').create(paymentBody(), key);
      const before = await countPayments();
      const other = await ps.api('shop-a').create(paymentBody({ amount: 999 }), key);
      expect(other.status).to.equal(409);
      expect(other.body).to.include({ error: 'idempotency_key_reused' });
      expect(await countPayments()).to.equal(before);
    });

    it('keys are per client: another e-service may use the same key', async () => {
      const key = `shared-${Date.now()}`;
      const a = await ps.api('shop-a').create(paymentBody(), key);
      const b = await ps.api('shop-b').create(paymentBody({ return_url: 'http://shop-b.example.test/r', cancel_url: 'http://shop-b.example.test/c' }), key);
      expect(b.status).to.equal(201);
      expect(b.body.id).to.not.equal(a.body.id);
    });

    it('a request whose answer was lost (the connection cut) and is retried with its key gives one payment', async () => {
      const before = await countPayments();
      const key = `lost-${Date.now()}`;
      const token = await ps.api('shop-a').token();
      const abandoned = new AbortController();
      const first = fetch(`${ps.system.issuer}/payments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(paymentBody()),
        signal: abandoned.signal,
      }).catch(() => undefined);
      setImmediate(() => abandoned.abort());
      await first;
      await new Promise((r) => setTimeout(r, 50));
      const retried = await ps.api('shop-a').create(paymentBody(), key);
      expect(retried.status).to.equal(201);
      const again = await ps.api('shop-a').create(paymentBody(), key);
      expect(again.body.id).to.equal(retried.body.id);
      expect(await countPayments()).to.equal(before + 1);
    });

    it('POST without an Idempotency-Key is refused', async () => {
      const answer = await ps.api('shop-a').request('/payments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(paymentBody()) });
      expect(answer.status).to.equal(400);
      expect(answer.body.error_description).to.match(/Idempotency-Key/);
    });
  });

  describe('isolation', () => {
    it('another e-service\'s payment is a 404 on every endpoint', async () => {
      const mine = (await ps.api('shop-a').create(paymentBody())).body.id as string;
      const other = ps.api('shop-b');
      for (const path of [`/payments/${mine}`, `/payments/${mine}/refunds`, `/payments/${mine}/events`, `/payments/${mine}/refunds/rfd_000000000000AAAAAAAAAAAAAAAA`]) {
        const answer = await other.request(path);
        expect(answer.status, path).to.equal(404);
        expect(answer.body).to.include({ error: 'not_found' });
      }
      const refund = await other.refund(mine, { amount: 100 });
      expect(refund.status).to.equal(404);
      expect(((await other.list('?limit=100')).body.payments as { id: string }[]).map((p) => p.id)).to.not.include(mine);
      const unknown = await ps.api('shop-a').get('pay_000000000000AAAAAAAAAAAAAAAA');
      expect(unknown.status).to.equal(404);
    });
  });

  describe('bad input: 4xx with a clear message, and nothing created', () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['a negative amount', paymentBody({ amount: -100 }), /amount: must be at least 1/],
      ['a zero amount', paymentBody({ amount: 0 }), /amount: must be at least 1/],
      ['a fractional amount', paymentBody({ amount: 12.5 }), /amount: .*not a fraction/],
      ['a huge amount', paymentBody({ amount: 1e12 }), /amount: must be at most 99999999/],
      ['an amount as a string', paymentBody({ amount: '1250' }), /amount: must be a whole number of cents/],
      ['a missing amount', { ...paymentBody(), amount: undefined }, /amount: is required/],
      ['another currency', paymentBody({ currency: 'USD' }), /currency: only EUR/],
      ['an invalid viitenumero', paymentBody({ reference: '1233' }), /reference: .*check digit/],
      ['an invalid RF reference', paymentBody({ reference: 'RF19539007547034' }), /reference: .*RF/],
      ['an unregistered return URL', paymentBody({ return_url: 'https://evil.example.test/steal' }), /return_url: not under a return URL registered/],
      ['an unregistered cancel URL', paymentBody({ cancel_url: 'http://shop-b.example.test/c' }), /cancel_url: not under/],
      ['a javascript: return URL', paymentBody({ return_url: 'javascript:alert(1)' }), /return_url: must be an absolute http/],
      ['an unregistered webhook URL', paymentBody({ webhook_url: 'http://shop-a.example.test/hook' }), /webhook_url: not under/],
      ['items that do not add up', paymentBody({ items: [{ description: 'x', units: 1, unit_price: 1000, vat_percentage: 24 }] }), /items: the items add up to 1000 cents, not the amount 1250/],
      ['a VAT with two decimals', paymentBody({ items: [{ description: 'x', units: 1, unit_price: 1250, vat_percentage: 25.55 }] }), /vat_percentage: must have at most one decimal/],
      ['an unknown field', paymentBody({ colour: 'red' }), /unknown field: colour/],
      ['an empty description', paymentBody({ description: '  ' }), /description: must not be empty/],
      ['a control character in the description', paymentBody({ description: 'fee\u0000' }), /description: must not contain control characters/],
      ['an unknown language', paymentBody({ language: 'de' }), /language: must be fi, sv or en/],
    ];
    for (const [name, body, message] of cases) {
      it(`${name} -> 400`, async () => {
        const before = await countPayments();
        const answer = await ps.api('shop-a').create(body);
        expect(answer.status).to.equal(400);
        expect(answer.body.error).to.equal('invalid_request');
        expect(answer.body.error_description).to.match(message);
        expect(await countPayments()).to.equal(before);
      });
    }

    it('malformed JSON -> 400, a wrong content type -> 415, an oversized body -> 413, a JSON array -> 400', async () => {
      const before = await countPayments();
      const post = (body: string, type = 'application/json') => ps.api('shop-a').request('/payments', {
        method: 'POST', headers: { 'content-type': type, 'idempotency-key': `k-${Math.random()}` }, body,
      });
      const malformed = await post('{"amount": 1250,');
      expect(malformed.status).to.equal(400);
      expect(malformed.body.error_description).to.equal('the body is not valid JSON');
      expect((await post(JSON.stringify(paymentBody()), 'text/plain')).status).to.equal(415);
      const oversized = await post(JSON.stringify(paymentBody({ description: 'x'.repeat(200_000) })));
      expect(oversized.status).to.equal(413);
      expect((await post('[]')).status).to.equal(400);
      expect(await countPayments()).to.equal(before);
    });
  });
});
