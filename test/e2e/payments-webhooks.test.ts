import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import { startSandboxPsp, type RunningSandboxPsp } from '../../adapters/paytrail/sandbox/start-sandbox-psp.ts';
import { openSqliteStorage } from '../../src/storage/sqlite/open-sqlite-storage.ts';
import { verifyWebhook } from '../../src/payments/webhooks/sign-webhook.ts';
import { startChild, type BenchChild } from '../bench/child-process.ts';
import { waitUntilUp } from '../bench/wait-until-up.ts';
import { freePort } from '../support/free-port.ts';
import { TestBrowser } from '../support/test-browser.ts';
import { WebhookReceiver } from '../support/webhook-receiver.ts';
import {
  SHOP_SECRET, WEBHOOK_KEY, openPaymentPage, payAtProvider, paymentBody, startPaymentSystem, type PaymentSystem,
} from '../support/start-payment-system.ts';

describe('e2e: webhooks', () => {
  let ps: PaymentSystem;
  before(async () => { ps = await startPaymentSystem(); });
  after(async () => { await ps?.close(); });
  afterEach(() => { ps.webhooks.answer = () => 204; });

  async function paidPayment() {
    const created = await ps.api('shop-a').create(paymentBody({ webhook_url: `${ps.webhooks.url}/shop-a/events?tenant=7` }));
    const browser = new TestBrowser();
    const { html } = await openPaymentPage(browser, created.body.next_url as string);
    await payAtProvider(browser, html, { method: 'Aurinkopankki' });
    return created.body.id as string;
  }

  /** Runs the jobs, waiting out retry delays, until the payment's events are all delivered or given up. */
  async function drain(paymentId: string, timeoutMs = 15_000) {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      await ps.system.broker.paymentJobs!.runOnce();
      const events = await ps.system.broker.storage.webhooks.listForPayment(paymentId);
      if (events.length > 0 && events.every((e) => e.state !== 'pending')) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('is retried after the receiver fails, with every attempt in the delivery log', async () => {
    ps.webhooks.answer = (n) => (n <= 2 ? 500 : 204);
    const id = await paidPayment();
    await drain(id);
    const hooks = ps.webhooks.received.filter((w) => w.json.payment_id === id);
    expect(hooks.map((w) => w.answeredWith)).to.deep.equal([500, 500, 204]);
    expect(new Set(hooks.map((w) => w.json.id)).size, 'the same event every time').to.equal(1);
    for (const hook of hooks) {
      const headers = { timestamp: hook.headers['portti-webhook-timestamp'] as string, signature: hook.headers['portti-webhook-signature'] as string };
      expect(verifyWebhook([WEBHOOK_KEY], headers, hook.body)).to.equal(true);
      expect(verifyWebhook([{ kid: WEBHOOK_KEY.kid, secret: 'another-secret-of-enough-length-0123456789' }], headers, hook.body)).to.equal(false);
      expect(verifyWebhook([WEBHOOK_KEY], headers, hook.body.replace('succeeded', 'failed'))).to.equal(false);
    }
    const log = await ps.api('shop-a').request(`/payments/${id}/events`);
    const [event] = log.body.events as { state: string; attempts: number; deliveries: { status: number }[] }[];
    expect(event).to.include({ state: 'delivered', attempts: 3 });
    expect(event!.deliveries.map((d) => d.status)).to.deep.equal([500, 500, 204]);
  });

  it('is given up after the last retry, and the log says so', async () => {
    ps.webhooks.answer = () => 503;
    const id = await paidPayment();
    await drain(id);
    const log = await ps.api('shop-a').request(`/payments/${id}/events`);
    const [event] = log.body.events as { state: string; attempts: number; next_attempt_at: unknown }[];
    expect(event).to.include({ state: 'failed', attempts: 4, next_attempt_at: null });
    expect(ps.webhooks.received.filter((w) => w.json.payment_id === id)).to.have.length(4);
  });

  it('rejects a replayed delivery outside the timestamp tolerance', async () => {
    const id = await paidPayment();
    await ps.system.broker.paymentJobs!.runOnce();
    const hook = ps.webhooks.received.find((w) => w.json.payment_id === id)!;
    const headers = { timestamp: hook.headers['portti-webhook-timestamp'] as string, signature: hook.headers['portti-webhook-signature'] as string };
    expect(verifyWebhook([WEBHOOK_KEY], headers, hook.body, { now: Date.now() + 3600_000 })).to.equal(false);
  });
});

describe('e2e: the broker killed between the provider\'s callback and the webhook', () => {
  let psp: RunningSandboxPsp;
  let receiver: WebhookReceiver;
  let dir: string;
  let issuer: string;
  let configPath: string;
  let broker: BenchChild | undefined;

  before(async function () {
    this.timeout(60_000);
    psp = await startSandboxPsp({ host: '127.0.0.1', port: 0 });
    receiver = await new WebhookReceiver().start();
    dir = mkdtempSync(join(tmpdir(), 'portti-kill-'));
    const port = await freePort();
    issuer = `http://127.0.0.1:${port}`;
    configPath = join(dir, 'portti.json');
    writeFileSync(configPath, JSON.stringify({
      issuer,
      http: { host: '127.0.0.1', port },
      store: { kind: 'sqlite', sqlitePath: join(dir, 'portti.sqlite') },
      log: { level: 'warn' },
      eservices: [{
        clientId: 'shop-a',
        name: { fi: 'Kauppa', sv: 'Butik', en: 'Shop' },
        redirectUris: ['http://shop-a.example.test/callback'],
        auth: { method: 'client_secret_basic', secret: SHOP_SECRET },
        paymentWebhookUris: [`${receiver.url}/`],
        webhookSecrets: [WEBHOOK_KEY],
        permissions: { payments: true },
      }],
      payments: {
        paytrail: { apiUrl: psp.url },
        jobIntervalSeconds: 0.1,
        webhooks: { retrySeconds: [0.2], timeoutSeconds: 30, leaseSeconds: 1 },
      },
    }));
    broker = await startBrokerProcess();
  });
  after(async () => {
    await broker?.stop();
    await psp?.close();
    await receiver?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function startBrokerProcess(): Promise<BenchChild> {
    const child = startChild('broker', resolve(import.meta.dirname, '../bench/broker-entry.ts'), {
      env: { PORTTI_CONFIG: configPath, PORTTI__SANDBOX__ENABLED: 'false' },
    });
    await waitUntilUp(child, `${issuer}/health`);
    return child;
  }

  it('ends in the right state exactly once, and the webhook is still delivered', async function () {
    this.timeout(60_000);
    const basic = `Basic ${Buffer.from(`shop-a:${SHOP_SECRET}`).toString('base64')}`;
    const tokenAnswer = await fetch(`${issuer}/token`, {
      method: 'POST', headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&scope=payments',
    });
    const { access_token: token } = await tokenAnswer.json() as { access_token: string };
    const auth = { authorization: `Bearer ${token}` };
    const created = await (await fetch(`${issuer}/payments`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': 'kill-test' },
      body: JSON.stringify(paymentBody({ webhook_url: `${receiver.url}/events` })),
    })).json() as { id: string; next_url: string };

    receiver.holding = true;
    const browser = new TestBrowser();
    const { html } = await openPaymentPage(browser, created.next_url);
    await payAtProvider(browser, html, { method: 'Aurinkopankki', return: 'no' });
    // The callback has been answered; the webhook is on its way and held at the receiver.
    for (let i = 0; i < 200 && receiver.heldCount === 0; i += 1) await new Promise((r) => setTimeout(r, 25));
    expect(receiver.heldCount, 'the webhook was in flight').to.equal(1);
    process.kill(broker!.pid, 'SIGKILL');
    await broker!.exited;
    receiver.dropHeld();

    broker = await startBrokerProcess();
    const [delivered] = await receiver.waitFor(1, 15_000);
    expect(delivered!.json).to.include({ type: 'payment.succeeded', payment_id: created.id, sequence: 1 });
    const payment = await (await fetch(`${issuer}/payments/${created.id}`, { headers: auth })).json() as { state: string };
    expect(payment.state).to.equal('succeeded');
    const events = await (await fetch(`${issuer}/payments/${created.id}/events`, { headers: auth })).json() as { events: { state: string }[] };
    expect(events.events.map((e) => e.state)).to.deep.equal(['delivered']);

    const storage = openSqliteStorage(join(dir, 'portti.sqlite'));
    try {
      const succeeded = (await storage.audit.list({ type: 'payment.succeeded' })).filter((r) => r.data.paymentId === created.id);
      expect(succeeded).to.have.length(1);
    } finally {
      await storage.close();
    }
  });
});
