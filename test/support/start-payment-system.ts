import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { deepMerge } from '../../src/config/load-config.ts';
import { TEST_MERCHANT, startSandboxPsp, type RunningSandboxPsp } from '../../adapters/paytrail/sandbox/start-sandbox-psp.ts';
import { signedQuery } from '../../adapters/paytrail/sandbox/notify-merchant.ts';
import { startTestSystem, type TestSystem } from './start-test-system.ts';
import { SECRET_A, SECRET_B, createTestEservices } from './test-eservices.ts';
import { TestBrowser } from './test-browser.ts';
import { WebhookReceiver } from './webhook-receiver.ts';

export const SHOP_SECRET = 'shop-secret-for-payment-tests-0123456789';
export const WEBHOOK_KEY = { kid: 'shop-2025', secret: 'webhook-signing-secret-0123456789-abcdef' };

/** The e-services of the payment tests: two shops that may take payments, and one that may not. */
export type ShopId = 'shop-a' | 'shop-b' | 'eservice-a' | 'eservice-b';

export interface PaymentSystem {
  readonly system: TestSystem;
  readonly psp: RunningSandboxPsp;
  readonly webhooks: WebhookReceiver;
  readonly api: (clientId: ShopId) => PaymentsApi;
  close(): Promise<void>;
}

export interface ApiAnswer<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export interface PaymentsApi {
  token(scope?: string): Promise<string>;
  create(body: unknown, key?: string): Promise<ApiAnswer>;
  get(id: string): Promise<ApiAnswer>;
  list(query?: string): Promise<ApiAnswer>;
  refund(id: string, body: unknown, key?: string): Promise<ApiAnswer>;
  request(path: string, init?: RequestInit): Promise<ApiAnswer>;
}

/** A payment body the shops' registrations accept. */
export function paymentBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    amount: 1250,
    description: 'Permit fee',
    reference: '1232',
    return_url: 'http://shop-a.example.test/paid',
    cancel_url: 'http://shop-a.example.test/cancelled',
    ...overrides,
  };
}

/**
 * The test system with the sandbox PSP and a webhook receiver: Portti's payments pointed at
 * the PSP, jobs run only when a test calls them (`system.broker.paymentJobs`), and webhook
 * retries after 0.2 s so a retry test need not wait a minute.
 */
export async function startPaymentSystem(overrides: Record<string, unknown> = {}, options: { readonly pendingSettleSeconds?: number } = {}): Promise<PaymentSystem> {
  const psp = await startSandboxPsp({ host: '127.0.0.1', port: 0, pendingSettleSeconds: options.pendingSettleSeconds ?? 0.3 });
  const webhooks = await new WebhookReceiver().start();
  const { registry } = await createTestEservices();
  const shop = (id: 'shop-a' | 'shop-b') => ({
    clientId: id,
    name: { fi: `Kauppa ${id}`, sv: `Butik ${id}`, en: `Shop ${id}` },
    redirectUris: [`http://${id}.example.test/callback`],
    auth: { method: 'client_secret_basic', secret: SHOP_SECRET },
    paymentWebhookUris: [`${webhooks.url}/${id}/`],
    webhookSecrets: [WEBHOOK_KEY],
    permissions: { personalIdentityCode: false, satu: false, payments: true },
  });
  const system = await startTestSystem(deepMerge({
    eservices: [...registry, shop('shop-a'), shop('shop-b')],
    payments: {
      paytrail: { apiUrl: psp.url },
      jobIntervalSeconds: 3600,
      reconcileAfterSeconds: 0,
      webhooks: { retrySeconds: [0.2, 0.2, 0.2], timeoutSeconds: 2, leaseSeconds: 1 },
    },
  }, overrides));
  const secrets: Record<ShopId, string> = { 'shop-a': SHOP_SECRET, 'shop-b': SHOP_SECRET, 'eservice-a': SECRET_A, 'eservice-b': SECRET_B };
  const api = (clientId: ShopId): PaymentsApi => {
    const basic = `Basic ${Buffer.from(`${clientId}:${secrets[clientId]}`).toString('base64')}`;
    const token = async (scope = 'payments') => {
      const response = await fetch(`${system.issuer}/token`, {
        method: 'POST',
        headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }),
      });
      const body = await response.json() as { access_token?: string };
      if (!body.access_token) throw new Error(`no token for ${clientId}: ${JSON.stringify(body)}`);
      return body.access_token;
    };
    let cached: string | undefined;
    const request = async (path: string, init: RequestInit = {}): Promise<ApiAnswer> => {
      cached ??= await token();
      const response = await fetch(`${system.issuer}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${cached}`, ...init.headers as Record<string, string> },
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? {} : JSON.parse(text), headers: response.headers };
    };
    const post = (path: string, body: unknown, key: string) => request(path, {
      method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body),
    });
    return {
      token,
      request,
      create: (body, key = randomUUID()) => post('/payments', body, key),
      get: (id) => request(`/payments/${id}`),
      list: (query = '') => request(`/payments${query}`),
      refund: (id, body, key = randomUUID()) => post(`/payments/${id}/refunds`, body, key),
    };
  };
  return {
    system,
    psp,
    webhooks,
    api,
    async close() {
      await system.close();
      await psp.close();
      await webhooks.close();
    },
  };
}

/** A citizen opening the payment page; returns the page and its HTML. */
export async function openPaymentPage(browser: TestBrowser, nextUrl: string): Promise<{ page: Response; html: string }> {
  const page = await browser.navigate(nextUrl, 'http://nowhere.invalid');
  if (page instanceof URL) throw new Error(`expected the payment page, was sent to ${page.href}`);
  return { page, html: await page.text() };
}

export interface ProviderForm {
  readonly name: string;
  readonly url: string;
  readonly fields: Record<string, string>;
}

/** The provider forms on Portti's payment page, in page order. */
export function readProviderForms(html: string): ProviderForm[] {
  const forms = [...html.matchAll(/<form method="post" action="([^"]+)">((?:<input type="hidden" name="[^"]+" value="[^"]*">)*)<button class="tile" type="submit">([^<]+)<\/button><\/form>/g)];
  return forms.map((m) => ({
    url: m[1]!.replace(/&amp;/g, '&'),
    name: m[3]!,
    fields: Object.fromEntries([...m[2]!.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((f) => [f[1]!, f[2]!])),
  }));
}

export function readCsrf(html: string): string {
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!csrf) throw new Error(`no CSRF token on the page: ${html.slice(0, 300)}`);
  return csrf;
}

export interface PayChoice {
  /** The method's name on Portti's page, e.g. `Aurinkopankki` or `Visa / Mastercard`. */
  readonly method: string;
  readonly action?: 'pay' | 'cancel';
  readonly cardNumber?: string;
  /** `no`: the browser never comes back from the provider. */
  readonly return?: 'no';
  readonly callback?: 'now' | 'delay' | 'never';
  readonly callbackDelay?: number;
  /** The e-service's origin, where following the browser stops. */
  readonly eserviceOrigin?: string;
}

/**
 * Picks a method on Portti's page and pays (or cancels) at the sandbox provider. Returns
 * where the browser ends up: the e-service's URL, or the provider's last page.
 */
export async function payAtProvider(browser: TestBrowser, html: string, choice: PayChoice): Promise<URL | Response> {
  const form = readProviderForms(html).find((f) => f.name === choice.method);
  if (!form) throw new Error(`no method ${choice.method} on the page`);
  const methodPage = await browser.postForm(form.url, form.fields);
  expect(methodPage.status, 'provider page').to.equal(200);
  const methodHtml = await methodPage.text();
  expect(methodHtml).to.not.contain('card_number" value'); // the card field is empty: card data is typed here only
  return browser.submit(`${form.url}/confirm`, {
    ...form.fields,
    action: choice.action ?? 'pay',
    ...(choice.cardNumber ? { card_number: choice.cardNumber } : {}),
    ...(choice.return ? { return: choice.return } : {}),
    callback: choice.callback ?? 'now',
    callback_delay: String(choice.callbackDelay ?? 0),
  }, choice.eserviceOrigin ?? 'http://shop-a.example.test');
}

/** Polls until `check` passes (callbacks and webhooks arrive on their own schedule). */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * A payment the citizen has paid at the provider, with neither return nor callback having
 * reached Portti; `signed` forges nothing: it is the provider's own signed report.
 */
export async function paidAtProvider(ps: PaymentSystem, body: Record<string, unknown> = {}) {
  const created = await ps.api('shop-a').create(paymentBody(body));
  const id = created.body.id as string;
  const browser = new TestBrowser();
  const { html } = await openPaymentPage(browser, created.body.next_url as string);
  await payAtProvider(browser, html, { method: 'Aurinkopankki', return: 'no', callback: 'never' });
  const stored = await ps.system.broker.storage.payments.get(id);
  const transaction = ps.psp.ledger.get(stored!.providerTransactionId!)!;
  return { id, signed: (status: 'ok' | 'fail' = 'ok') => signedQuery(TEST_MERCHANT.secret, transaction, { status }) };
}
