import * as oidc from 'openid-client';
import { TestBrowser } from '../support/test-browser.ts';
import { readMethodPage, redeem } from '../support/eservice-client.ts';
import { authorizationRequest } from './login-flow.ts';
import { BENCH_PHONE_HETU, benchPhoneMsisdn } from './bench-phones.ts';

const STATUS_TIMEOUT_MS = 30_000;

/**
 * One mobile-certificate login over HTTP: the authorization request, the method choice,
 * the phone-number form, the waiting page, Portti's JSON status polled every `pollMs` as the
 * page's script does (first after `pollMs`), `next` followed back to the e-service, then
 * /token and /userinfo. Flow `index` uses bench phone `index` (round robin over 64 numbers).
 * `polled` says whether the status endpoint was used (see below).
 */
export async function runMobileFlow(eservice: oidc.Configuration, issuer: string, index: number, pollMs: number): Promise<{ polled: boolean }> {
  const request = await authorizationRequest(eservice);
  const browser = new TestBrowser();
  const stopAt = request.redirectOrigin;

  const choice = await browser.navigate(request.url, stopAt);
  if (choice instanceof URL) throw new Error(`expected the method choice, was sent to ${choice.href}`);
  const methodPage = readMethodPage(await choice.text());
  if (!methodPage.options.includes('mobile')) throw new Error(`mobile not offered: ${methodPage.options.join(', ')}`);
  const phonePage = await browser.submit(new URL(`${choice.url}/method`), { csrf: methodPage.csrf, option: 'mobile' }, stopAt);
  if (phonePage instanceof URL || phonePage.status !== 200) throw new Error(`expected the phone-number page, got ${phonePage instanceof URL ? phonePage.href : phonePage.status}`);
  const phoneHtml = await phonePage.text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(phoneHtml)?.[1];
  if (!csrf) throw new Error(`not the phone-number page: ${phoneHtml.slice(0, 300)}`);
  const phoneUrl = new URL(phonePage.url);
  const uid = decodeURIComponent(phoneUrl.pathname.split('/')[2]!);

  // The waiting page also advances the transaction: when the broker is slow to show it,
  // the MSSP's answer is already due and the page itself sends the browser back.
  const waitPage = await browser.submit(phoneUrl, { csrf, phone: benchPhoneMsisdn(index) }, stopAt);
  let callback: URL;
  let polled = false;
  if (waitPage instanceof URL) {
    callback = waitPage;
  } else {
    if (waitPage.status !== 200) throw new Error(`expected the waiting page, got ${waitPage.status} ${(await waitPage.text()).slice(0, 300)}`);
    if (!(await waitPage.text()).includes('id="event-id"')) throw new Error('the waiting page shows no event ID');
    callback = await pollStatus(browser, issuer, uid, pollMs, stopAt);
    polled = true;
  }

  const tokens = await redeem(eservice, callback, request);
  const { sub, amr } = tokens.claims()!;
  if (!Array.isArray(amr) || amr[0] !== 'mobile') throw new Error(`amr ${JSON.stringify(amr)}`);
  const userinfo = await oidc.fetchUserInfo(eservice, tokens.access_token, sub);
  if (userinfo.personal_identity_code !== BENCH_PHONE_HETU) {
    throw new Error(`userinfo has personal_identity_code ${String(userinfo.personal_identity_code)}`);
  }
  return { polled };
}

/** The waiting page's script: GET the JSON status every `pollMs` (first after `pollMs`), then follow `next`. */
async function pollStatus(browser: TestBrowser, issuer: string, uid: string, pollMs: number, stopAt: string): Promise<URL> {
  const statusUrl = `${issuer}/interaction/${encodeURIComponent(uid)}/mobile/status`;
  const started = Date.now();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    const status = await browser.request(statusUrl, { headers: { accept: 'application/json' } });
    if (status.status !== 200) throw new Error(`status endpoint answered ${status.status}`);
    const body = (await status.json()) as { state: string; next?: string };
    if (body.state !== 'outstanding') {
      if (body.state !== 'done' || !body.next) throw new Error(`status ${JSON.stringify(body)}`);
      const callback = await browser.navigate(new URL(body.next, issuer), stopAt);
      if (!(callback instanceof URL)) throw new Error(`expected the e-service callback, got ${callback.status}: ${(await callback.text()).slice(0, 300)}`);
      return callback;
    }
    if (Date.now() - started > STATUS_TIMEOUT_MS) throw new Error('the mobile identification did not finish in time');
  }
}
