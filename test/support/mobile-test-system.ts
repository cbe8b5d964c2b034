import { expect } from 'chai';
import { startSandboxMssp, type RunningSandboxMssp } from '../../adapters/mobile/sandbox/start-sandbox-mssp.ts';
import { deepMerge } from '../../src/config/load-config.ts';
import { startTestSystem, type TestSystem } from './start-test-system.ts';
import type { TestBrowser } from './test-browser.ts';
import { readMethodPage, type AuthorizationRequest } from './eservice-client.ts';

export const AP = { apId: 'http://portti.test/ap', apPwd: 'test-ap-password' };
export const LOA3 = 'http://ftn.ficora.fi/2017/loa3';

/**
 * The test system with the mobile certificate method enabled against a sandbox MSSP over
 * real HTTP, on schedules short enough for tests (the phones answer after `answerDelayMs`).
 */
export async function startMobileTestSystem(overrides: Record<string, unknown> = {}, answerDelayMs = 300): Promise<{ system: TestSystem; mssp: RunningSandboxMssp }> {
  const mssp = await startSandboxMssp({ host: '127.0.0.1', port: 0, answerDelayMs, ...AP });
  const system = await startTestSystem(deepMerge({
    mobile: {
      enabled: true,
      mssp: { url: mssp.endpoint, ...AP, requestTimeoutMs: 3000 },
      trustAnchors: [mssp.caPem],
      polling: { firstDelayMs: 150, intervalMs: 100, browserIntervalMs: 100 },
      attempts: { max: 50, perAddressMax: 10_000, windowSeconds: 600 },
    },
  }, overrides));
  const close = system.close.bind(system);
  system.close = async () => {
    await close();
    await mssp.close();
  };
  return { system, mssp };
}

export interface PhonePage {
  readonly uid: string;
  readonly url: URL;
  readonly csrf: string;
}

/** From the e-service through Portti's method choice to the phone-number page. */
export async function openPhonePage(browser: TestBrowser, request: AuthorizationRequest): Promise<PhonePage> {
  const page = await browser.navigate(request.url, request.redirectOrigin);
  if (page instanceof URL) throw new Error(`expected the method choice, was sent to ${page.href}`);
  const methodPage = readMethodPage(await page.text());
  expect(methodPage.options, 'method choice').to.include('mobile');
  const phonePage = await browser.submit(new URL(`${page.url}/method`), { csrf: methodPage.csrf, option: 'mobile' }, request.redirectOrigin);
  if (phonePage instanceof URL) throw new Error(`expected the phone-number page, was sent to ${phonePage.href}`);
  expect(phonePage.status, 'phone-number page').to.equal(200);
  const html = await phonePage.text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!csrf || !html.includes('name="phone"')) throw new Error(`not the phone-number page: ${html.slice(0, 500)}`);
  const url = new URL(phonePage.url);
  return { uid: decodeURIComponent(url.pathname.split('/')[2]!), url, csrf };
}

/** Sends the phone number; the waiting page (after the redirect) or the page that refused it. */
export async function submitPhone(browser: TestBrowser, page: PhonePage, phone: string, stopAt: string): Promise<Response> {
  const answer = await browser.submit(page.url, { csrf: page.csrf, phone }, stopAt);
  if (answer instanceof URL) throw new Error(`unexpected redirect to ${answer.href}`);
  return answer;
}

/** Polls the status endpoint as the page's script does, then follows `next`: the e-service callback or Portti's result page. */
export async function waitForOutcome(browser: TestBrowser, system: TestSystem, uid: string, stopAt: string, timeoutMs = 10_000): Promise<Response | URL> {
  const started = Date.now();
  for (;;) {
    const status = await browser.request(`${system.issuer}/interaction/${encodeURIComponent(uid)}/mobile/status`, { headers: { accept: 'application/json' } });
    expect(status.status, 'status endpoint').to.equal(200);
    const body = (await status.json()) as { state: string; next?: string };
    if (body.state !== 'outstanding') return browser.navigate(new URL(body.next!, system.issuer), stopAt);
    if (Date.now() - started > timeoutMs) throw new Error('the mobile identification did not finish in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function eventIdOf(html: string): string {
  const id = /id="event-id">([A-Z0-9]+)</.exec(html)?.[1];
  if (!id) throw new Error(`no event ID on the page: ${html.slice(0, 500)}`);
  return id;
}
