import { expect } from 'chai';
import type * as oidc from 'openid-client';
import type { RunningSandboxMssp } from '../../adapters/mobile/sandbox/start-sandbox-mssp.ts';
import { translate } from '../../src/i18n/catalog.ts';
import { failureMessage } from '../../src/views/pages/method-result-page.ts';
import type { TestSystem } from '../support/start-test-system.ts';
import { TestBrowser } from '../support/test-browser.ts';
import { authorizationRequest, eserviceClient } from '../support/eservice-client.ts';
import { eventIdOf, openPhonePage, startMobileTestSystem, submitPhone, waitForOutcome } from '../support/mobile-test-system.ts';

interface Scripted {
  readonly phone: string;
  readonly what: string;
  readonly code: string;
  readonly status: number;
  readonly audit?: 'identification.cancelled' | 'identification.failed';
  /** Refused at the signature request already, without a waiting page. */
  readonly atStart?: boolean;
}

/** Every scripted test phone that does not accept, the code Portti gives it, and the page status. */
const SCRIPTED: readonly Scripted[] = [
  { phone: '040 000 0101', what: 'cancel on the phone (401)', code: 'ERR_MOBILE_USER_CANCEL', status: 200, audit: 'identification.cancelled' },
  { phone: '040 000 0102', what: 'timeout (208)', code: 'ERR_MOBILE_EXPIRED_TRANSACTION', status: 200 },
  { phone: '040 000 0103', what: 'blocked PIN (402)', code: 'ERR_MOBILE_PIN_NR_BLOCKED', status: 400 },
  { phone: '040 000 0104', what: 'a certificate on the CRL', code: 'ERR_MOBILE_CERT_REVOKED', status: 400 },
  { phone: '040 000 0105', what: 'a signature that does not verify', code: 'ERR_MOBILE_SIGNATURE_INVALID', status: 400 },
  { phone: '040 000 0106', what: 'a signature over other data than Portti sent', code: 'ERR_MOBILE_SIGNED_DATA_MISMATCH', status: 400 },
  { phone: '040 000 0107', what: 'a certificate from another CA', code: 'ERR_MOBILE_CERT_UNTRUSTED', status: 400 },
  { phone: '040 000 0108', what: 'an expired certificate', code: 'ERR_MOBILE_CERT_EXPIRED', status: 400 },
  { phone: '040 000 0109', what: 'the MSSP reporting a revoked certificate (501)', code: 'ERR_MOBILE_REVOKED_CERTIFICATE', status: 400 },
  { phone: '040 000 0110', what: 'a blocked SIM card (403)', code: 'ERR_MOBILE_CARD_BLOCKED', status: 400 },
  { phone: '040 000 0111', what: 'no key on the SIM (404)', code: 'ERR_MOBILE_NO_KEY_FOUND', status: 400 },
  { phone: '040 000 0112', what: 'an invalid hetu in the person answer', code: 'ERR_MOBILE_HETU_INVALID', status: 400 },
  { phone: '040 999 9999', what: 'an unknown number (105)', code: 'ERR_MOBILE_UNKNOWN_CLIENT', status: 400, atStart: true },
  { phone: '040 000 0113', what: 'an MSSP failure (900), a gateway error', code: 'ERR_MOBILE_INTERNAL_ERROR', status: 502 },
];

describe('e2e: mobile certificate outcomes that must not log anyone in', () => {
  let system: TestSystem;
  let mssp: RunningSandboxMssp;
  before(async () => { ({ system, mssp } = await startMobileTestSystem()); });
  after(async () => { if (process.env.DUMP_LOGS) console.log(system?.logs); await system?.close(); });

  for (const scripted of SCRIPTED) {
    it(`${scripted.what}: its own message, try again or another method, ${scripted.code} audited, no session`, async () => {
      const browser = new TestBrowser();
      const config = await eserviceClient(system, 'eservice-a');
      const request = await authorizationRequest(config, { scope: 'openid profile personal_identity_code', ui_locales: 'en' });
      const page = await openPhonePage(browser, request);
      const afterPhone = await submitPhone(browser, page, scripted.phone, request.redirectOrigin);
      const landing = scripted.atStart ? afterPhone : await waitForOutcome(browser, system, page.uid, request.redirectOrigin);
      if (landing instanceof URL) throw new Error(`${scripted.phone} reached the e-service: ${landing.href}`);
      const html = await landing.text();
      expect(landing.status, html.slice(0, 400)).to.equal(scripted.status);
      expect(html).to.contain(translate('en', failureMessage('mobile', scripted.code)).replace(/'/g, '&#39;'));
      expect(failureMessage('mobile', scripted.code), 'a message of its own').to.equal(`mobile.failure.${scripted.code}`);
      expect(html).to.contain(`href="/interaction/${page.uid}/mobile"`).and.contain(translate('en', 'method.retry'));
      expect(html).to.contain(`href="/interaction/${page.uid}"`).and.contain(translate('en', 'method.another'));
      expect(html).to.contain(translate('en', 'error.correlation', { id: landing.headers.get('x-correlation-id')! }));
      expect(html, 'internals stay in the log').to.not.match(/ERR_|MSSP|fault/i);

      const events = await system.broker.storage.audit.list();
      expect(events.at(-1)).to.deep.include({ type: scripted.audit ?? 'identification.failed' });
      expect(events.at(-1)!.data).to.include({ method: 'mobile', code: scripted.code, clientId: 'eservice-a' });
      await expectNoSession(browser, config);
      const again = await browser.request(`${system.issuer}/interaction/${page.uid}/mobile`);
      expect(again.status, 'try again').to.equal(200);
    });
  }

  it('regression: reloading the result page shows it again (the same reference, a language switch works), audited once', async () => {
    const browser = new TestBrowser();
    const request = await authorizationRequest(await eserviceClient(system, 'eservice-a'), { ui_locales: 'en' });
    const page = await openPhonePage(browser, request);
    await submitPhone(browser, page, '040 000 0103', request.redirectOrigin);
    const landing = await waitForOutcome(browser, system, page.uid, request.redirectOrigin) as Response;
    const reference = landing.headers.get('x-correlation-id')!;
    await landing.text();
    const audited = (await system.broker.storage.audit.list({ type: 'identification.failed' })).length;

    const reloaded = await browser.request(landing.url);
    expect(reloaded.status).to.equal(400);
    const html = await reloaded.text();
    expect(html).to.contain(translate('en', 'error.correlation', { id: reference }));
    expect(html).to.contain(translate('en', 'mobile.failure.ERR_MOBILE_PIN_NR_BLOCKED'));
    const swedish = await browser.request(`${system.issuer}/interaction/${page.uid}/mobile/result?lang=sv`);
    expect(await swedish.text()).to.contain(translate('sv', 'mobile.failure.ERR_MOBILE_PIN_NR_BLOCKED'));
    expect((await system.broker.storage.audit.list({ type: 'identification.failed' })).length).to.equal(audited);
  });

  it('gives every failure code its own message', () => {
    const messages = SCRIPTED.map((s) => translate('fi', failureMessage('mobile', s.code)));
    expect(new Set(messages).size).to.equal(messages.length);
  });

  it('never writes the hetu or a whole phone number to the log', () => {
    const log = JSON.stringify(system.logs);
    expect(log).to.not.contain('010594Y9021').and.not.contain('+358400000101').and.not.contain('0400000101');
  });

  describe('phone numbers', () => {
    for (const [typed, msisdn] of [
      ['040 000 0001', '+358400000001'],
      ['+358 40 000 0002', '+358400000002'],
      ['00358400000003', '+358400000003'],
      ['040-000 0004', '+358400000004'],
      ['+358 (0)40 000 0001', '+358400000001'],
    ] as const) {
      it(`normalises "${typed}" to ${msisdn}`, async () => {
        const browser = new TestBrowser();
        const request = await authorizationRequest(await eserviceClient(system, 'eservice-a'));
        const page = await openPhonePage(browser, request);
        const wait = await submitPhone(browser, page, typed, request.redirectOrigin);
        expect(wait.status).to.equal(200);
        expect(mssp.signatureRequests.at(-1)!.MobileUser.MSISDN).to.equal(msisdn);
        expect(await waitForOutcome(browser, system, page.uid, request.redirectOrigin)).to.be.instanceOf(URL);
      });
    }

    for (const [typed, message] of [
      ['', 'mobile.phone.missing'],
      ['abc', 'mobile.phone.invalid'],
      ['12345', 'mobile.phone.invalid'],
      ['+46 70 123 4567', 'mobile.phone.invalid'],
      ['09 123 4567', 'mobile.phone.invalid'],
      ['040 000 0001 0001 0001', 'mobile.phone.invalid'],
    ] as const) {
      it(`refuses "${typed}" on the same page with the error tied to the field, and sends nothing`, async () => {
        const browser = new TestBrowser();
        const request = await authorizationRequest(await eserviceClient(system, 'eservice-a'), { ui_locales: 'fi' });
        const page = await openPhonePage(browser, request);
        const sent = mssp.signatureRequests.length;
        const answer = await submitPhone(browser, page, typed, request.redirectOrigin);
        expect(answer.status).to.equal(400);
        expect(new URL(answer.url).pathname).to.equal(`/interaction/${page.uid}/mobile`);
        const html = await answer.text();
        expect(html).to.contain(`<p class="error" id="phone-error">${translate('fi', message)}</p>`);
        expect(html).to.match(/<input id="phone"[^>]*aria-describedby="phone-hint phone-error"[^>]*aria-invalid="true"/);
        expect(html).to.contain(`value="${typed}"`);
        expect(html).to.contain('role="alert"');
        expect(mssp.signatureRequests.length, 'nothing sent to the MSSP').to.equal(sent);
      });
    }
  });

  describe('one request per phone', () => {
    it('refuses a second request for a number while one is outstanding, and allows it once that one is finished', async () => {
      const first = new TestBrowser();
      const request = await authorizationRequest(await eserviceClient(system, 'eservice-a'));
      const firstPage = await openPhonePage(first, request);
      await submitPhone(first, firstPage, '040 000 0002', request.redirectOrigin);

      const second = new TestBrowser();
      const otherRequest = await authorizationRequest(await eserviceClient(system, 'eservice-b'));
      const secondPage = await openPhonePage(second, otherRequest);
      const sent = mssp.signatureRequests.length;
      const refused = await submitPhone(second, secondPage, '+358400000002', otherRequest.redirectOrigin);
      expect(refused.status).to.equal(409);
      expect(await refused.text()).to.contain(translate('fi', 'mobile.phone.busy'));
      expect(mssp.signatureRequests.length, 'no second request reached the MSSP').to.equal(sent);

      expect(await waitForOutcome(first, system, firstPage.uid, request.redirectOrigin)).to.be.instanceOf(URL);
      const accepted = await submitPhone(second, secondPage, '040 000 0002', otherRequest.redirectOrigin);
      expect(accepted.status).to.equal(200);
      expect(await waitForOutcome(second, system, secondPage.uid, otherRequest.redirectOrigin)).to.be.instanceOf(URL);
    });

    it('takes the same interaction back to its own waiting request instead of sending another', async () => {
      const browser = new TestBrowser();
      const request = await authorizationRequest(await eserviceClient(system, 'eservice-a'));
      const page = await openPhonePage(browser, request);
      const eventId = eventIdOf(await (await submitPhone(browser, page, '040 000 0003', request.redirectOrigin)).text());
      const sent = mssp.signatureRequests.length;
      const again = await submitPhone(browser, page, '0400000003', request.redirectOrigin);
      expect(eventIdOf(await again.text())).to.equal(eventId);
      expect(mssp.signatureRequests.length).to.equal(sent);
      expect(await waitForOutcome(browser, system, page.uid, request.redirectOrigin)).to.be.instanceOf(URL);
    });
  });

  describe('bad input', () => {
    it('answers every mobile route of a foreign or unknown interaction with 4xx, never 5xx, and sends nothing', async () => {
      const browser = new TestBrowser();
      const request = await authorizationRequest(await eserviceClient(system, 'eservice-a'));
      const page = await openPhonePage(browser, request);
      const stranger = new TestBrowser();
      const sent = mssp.signatureRequests.length;
      const form = { 'content-type': 'application/x-www-form-urlencoded' };
      for (const [path, init] of [
        [`/interaction/${page.uid}/mobile`, {}],
        [`/interaction/${page.uid}/mobile`, { method: 'POST', headers: form, body: `csrf=${page.csrf}&phone=0400000001` }],
        [`/interaction/${page.uid}/mobile/wait`, {}],
        [`/interaction/${page.uid}/mobile/status`, { headers: { accept: 'application/json' } }],
        [`/interaction/${page.uid}/mobile/result`, {}],
        ['/interaction/unknown-uid/mobile/status', {}],
        [`/interaction/${'%00'.repeat(40)}/mobile`, {}],
      ] as const) {
        const answer = await stranger.request(`${system.issuer}${path}`, init as RequestInit);
        expect(answer.status, `${init && 'method' in init ? 'POST' : 'GET'} ${path}`).to.be.within(400, 499);
      }
      for (const [body, headers, status] of [
        [`phone=0400000001`, form, 403],
        [`csrf=forged&phone=0400000001`, form, 403],
        [JSON.stringify({ csrf: page.csrf, phone: '0400000001' }), { 'content-type': 'application/json' }, 415],
        [`csrf=${page.csrf}&phone=${'4'.repeat(20_000)}`, form, 413],
      ] as const) {
        const answer = await browser.request(page.url, { method: 'POST', headers, body });
        expect(answer.status, body.slice(0, 40)).to.equal(status);
      }
      expect(mssp.signatureRequests.length, 'nothing reached the MSSP').to.equal(sent);
      expect((await browser.request(`${system.issuer}/interaction/${page.uid}/mobile/result`)).status, 'no result before a request').to.equal(400);
    });
  });

  async function expectNoSession(browser: TestBrowser, config: oidc.Configuration) {
    const silent = await authorizationRequest(config, { prompt: 'none' });
    const answer = await browser.navigate(silent.url, silent.redirectOrigin);
    if (!(answer instanceof URL)) throw new Error(`prompt=none showed a page (${answer.status})`);
    expect(answer.searchParams.get('error')).to.equal('login_required');
  }
});

describe('e2e: repeated mobile certificate attempts are throttled', () => {
  let system: TestSystem;
  before(async () => { ({ system } = await startMobileTestSystem({ mobile: { attempts: { max: 2, perAddressMax: 5, windowSeconds: 600 } } }, 50)); });
  after(async () => { await system?.close(); });

  it('refuses a third request to the same number within the window with a clear message', async () => {
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const browser = new TestBrowser();
      const request = await authorizationRequest(await eserviceClient(system, 'eservice-a'), { ui_locales: 'en' });
      const page = await openPhonePage(browser, request);
      const answer = await submitPhone(browser, page, '040 000 0101', request.redirectOrigin);
      if (attempt < 3) {
        expect(answer.status, `attempt ${attempt}`).to.equal(200);
        await waitForOutcome(browser, system, page.uid, request.redirectOrigin);
      } else {
        expect(answer.status).to.equal(429);
        expect(await answer.text()).to.contain(translate('en', 'mobile.phone.throttled'));
      }
    }
  });

  it('refuses anyone who tries number after number from one address, before any of those phones is disturbed', async () => {
    // The first test spent 3 of this address's 5 attempts.
    const before = (await system.broker.storage.audit.list()).length;
    const answers: number[] = [];
    for (const phone of ['040 000 0001', '040 000 0002', '040 000 0003']) {
      const browser = new TestBrowser();
      const request = await authorizationRequest(await eserviceClient(system, 'eservice-a'), { ui_locales: 'en' });
      const page = await openPhonePage(browser, request);
      const answer = await submitPhone(browser, page, phone, request.redirectOrigin);
      answers.push(answer.status);
      if (answer.status === 429) expect(await answer.text()).to.contain(translate('en', 'mobile.phone.throttledAddress').replace(/'/g, '&#39;'));
      else await waitForOutcome(browser, system, page.uid, request.redirectOrigin);
    }
    expect(answers).to.deep.equal([200, 200, 429]);
    expect((await system.broker.storage.audit.list()).length - before, 'two logins, nothing for the refused one').to.equal(2);
  });
});
