import { expect } from 'chai';
import * as oidc from 'openid-client';
import type { RunningSandboxMssp } from '../../adapters/mobile/sandbox/start-sandbox-mssp.ts';
import { FICOM, MSS_FORMAT_PKCS7 } from '../../adapters/mobile/etsi-messages.ts';
import type { TestSystem } from '../support/start-test-system.ts';
import { TestBrowser } from '../support/test-browser.ts';
import { authorizationRequest, eserviceClient, readMethodPage, redeem } from '../support/eservice-client.ts';
import { AP, LOA3, eventIdOf, openPhonePage, startMobileTestSystem, submitPhone, waitForOutcome } from '../support/mobile-test-system.ts';

const HETU_SCOPE = { scope: 'openid profile personal_identity_code' };

describe('e2e: mobile certificate login through the sandbox MSSP', () => {
  let system: TestSystem;
  let mssp: RunningSandboxMssp;
  before(async () => { ({ system, mssp } = await startMobileTestSystem()); });
  after(async () => { if (process.env.DUMP_LOGS) console.log(system?.logs); await system?.close(); });

  it('logs a citizen in: event ID on the page and on the phone, loa3, amr mobile, hetu from personIdentity', async () => {
    const browser = new TestBrowser();
    const config = await eserviceClient(system, 'eservice-a');
    const request = await authorizationRequest(config, { ...HETU_SCOPE, acr_values: LOA3 });
    const phonePage = await openPhonePage(browser, request);
    const waitPage = await submitPhone(browser, phonePage, '040 000 0001', request.redirectOrigin);
    expect(waitPage.status).to.equal(200);
    expect(new URL(waitPage.url).pathname).to.equal(`/interaction/${phonePage.uid}/mobile/wait`);
    const html = await waitPage.text();
    const sent = mssp.signatureRequests.at(-1)!;
    expect(eventIdOf(html), 'the event ID the phone shows').to.equal(sent.AdditionalServices.find((s) => s.Description === FICOM.eventId)!.EventID!.Value);
    expect(html).to.contain('040 000 0001');
    const nonce = /'nonce-([^']+)'/.exec(waitPage.headers.get('content-security-policy')!)![1]!;
    expect(html, 'the polling script runs under the CSP nonce').to.contain(`<script nonce="${nonce}">`);
    expect(html, 'works without JavaScript').to.match(/<noscript><meta http-equiv="refresh" content="\d+">/);
    expect(html).to.contain(`href="/interaction/${phonePage.uid}/mobile/wait"`);

    const callback = await waitForOutcome(browser, system, phonePage.uid, request.redirectOrigin);
    if (!(callback instanceof URL)) throw new Error(`expected the e-service callback, got ${callback.status}: ${(await callback.text()).slice(0, 600)}`);
    const tokens = await redeem(config, callback, request);
    const claims = tokens.claims()!;
    expect(claims.acr).to.equal(LOA3);
    expect(claims.amr).to.deep.equal(['mobile', 'sandbox']);
    expect(claims).to.include({ personal_identity_code: '131052-308T', given_name: 'Liisa', family_name: 'Virtanen', birthdate: '1952-10-13' });
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    expect(userinfo.personal_identity_code).to.equal('131052-308T');
    const audit = (await system.broker.storage.audit.list({ type: 'identification.succeeded' })).at(-1)!;
    expect(audit.data).to.include({ method: 'mobile', subMethod: 'mobile', acr: LOA3, sub: claims.sub });
  });

  it('sends a FiCom authentication request: AP_Info, MSISDN, a fresh challenge, no DataToBeDisplayed, the four services', async () => {
    const before = mssp.signatureRequests.length;
    for (const phone of ['040 000 0002', '040 000 0003']) {
      const browser = new TestBrowser();
      const request = await authorizationRequest(await eserviceClient(system, 'eservice-a'), { ui_locales: 'sv' });
      const page = await openPhonePage(browser, request);
      await submitPhone(browser, page, phone, request.redirectOrigin);
      expect(await waitForOutcome(browser, system, page.uid, request.redirectOrigin)).to.be.instanceOf(URL);
    }
    const [first, second] = mssp.signatureRequests.slice(before);
    for (const sent of [first!, second!]) {
      expect(sent).to.include({ MajorVersion: '1', MinorVersion: '1', SignatureProfile: FICOM.authenticationProfile, MSS_Format: MSS_FORMAT_PKCS7, MessagingMode: 'asynchClientServer', TimeOut: '300' });
      expect(sent.AP_Info).to.include({ AP_ID: AP.apId, AP_PWD: AP.apPwd });
      expect(sent.AP_Info.AP_TransID).to.match(/^A[0-9a-f]{32}$/);
      expect(Date.parse(sent.AP_Info.Instant)).to.be.closeTo(Date.now(), 60_000);
      expect(sent.MSSP_Info).to.deep.equal({ MSSP_ID: {} });
      expect(sent).to.not.have.property('DataToBeDisplayed');
      expect(sent.DataToBeSigned).to.include({ MimeType: 'application/octet-stream', Encoding: 'base64' });
      expect(sent.DataToBeSigned.Data.length).to.be.within(1, 160);
      const services = Object.fromEntries(sent.AdditionalServices.map((s) => [s.Description, s]));
      expect(services[FICOM.eventId]!.EventID!.Value).to.match(/^[A-Z][A-Z0-9]{3,7}$/);
      expect(services[FICOM.noSpam]!.NoSpamCode).to.include({ Verify: 'no' });
      expect(services[FICOM.userLang]!.UserLang).to.deep.equal({ Value: 'sv' });
      expect(services[FICOM.personIdentity]!.Attributes!.map((a) => a.Name)).to.include(FICOM.personId.hetu);
    }
    expect(first!.MobileUser.MSISDN).to.equal('+358400000002');
    expect(second!.AP_Info.AP_TransID, 'AP_TransID is unique').to.not.equal(first!.AP_Info.AP_TransID);
    expect(second!.DataToBeSigned.Data, 'the challenge is fresh').to.not.equal(first!.DataToBeSigned.Data);
  });

  it('polls the MSSP on its own schedule: the first status request after the first delay, then no more often than the interval', async () => {
    const browser = new TestBrowser();
    const request = await authorizationRequest(await eserviceClient(system, 'eservice-a'));
    const page = await openPhonePage(browser, request);
    // A slower phone, so that several status requests are needed.
    mssp.options.answerDelayMs = 900;
    let eventId: string;
    let done: Response | URL;
    try {
      eventId = eventIdOf(await (await submitPhone(browser, page, '0400000004', request.redirectOrigin)).text());
      done = await waitForOutcome(browser, system, page.uid, request.redirectOrigin);
    } finally {
      mssp.options.answerDelayMs = 300;
    }
    expect(done).to.be.instanceOf(URL);
    const transaction = mssp.transactionByEventId(eventId);
    expect(transaction, 'the sandbox saw the transaction').to.not.equal(undefined);
    const { polls, startedAt } = transaction!;
    expect(polls.length, 'status requests').to.be.at.least(3);
    expect(polls[0]! - startedAt).to.be.at.least(140);
    for (let i = 1; i < polls.length; i += 1) expect(polls[i]! - polls[i - 1]!, `gap before poll ${i}`).to.be.at.least(90);
  });

  it('completes without JavaScript: the waiting page itself moves on once the phone has answered', async () => {
    const browser = new TestBrowser();
    const config = await eserviceClient(system, 'eservice-a');
    const request = await authorizationRequest(config, HETU_SCOPE);
    const page = await openPhonePage(browser, request);
    const waitPage = await submitPhone(browser, page, '+358 40 000 0002', request.redirectOrigin);
    expect(waitPage.status).to.equal(200);
    let landed: Response | URL = waitPage;
    for (let i = 0; i < 100 && landed instanceof Response; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      landed = await browser.navigate(`${system.issuer}/interaction/${page.uid}/mobile/wait`, request.redirectOrigin); // "Continue" / meta refresh
    }
    if (!(landed instanceof URL)) throw new Error('the waiting page never moved on');
    expect((await redeem(config, landed, request)).claims()).to.include({ personal_identity_code: '010594Y9032', acr: LOA3 });
  });

  it('is offered for acr_values=loa3, where the banks are not', async () => {
    const request = await authorizationRequest(await eserviceClient(system, 'eservice-a'), { acr_values: LOA3 });
    const page = await new TestBrowser().navigate(request.url, request.redirectOrigin) as Response;
    const html = await page.text();
    expect(readMethodPage(html).options).to.deep.equal(['mobile']);
    expect(html).to.contain('Mobiilivarmenne');
  });

  it('completes a login when the broker restarts while the citizen is confirming on the phone', async () => {
    const browser = new TestBrowser();
    const config = await eserviceClient(system, 'eservice-a');
    const request = await authorizationRequest(config, HETU_SCOPE);
    const page = await openPhonePage(browser, request);
    const waitPage = await submitPhone(browser, page, '040 000 0003', request.redirectOrigin);
    const eventId = eventIdOf(await waitPage.text());
    await system.restartBroker();
    const again = await browser.navigate(`${system.issuer}/interaction/${page.uid}/mobile/wait`, request.redirectOrigin);
    // On a slow run the phone has answered already, and the waiting page itself finishes the login.
    if (again instanceof Response) expect(eventIdOf(await again.text()), 'same transaction after the restart').to.equal(eventId);
    const callback = again instanceof URL ? again : await waitForOutcome(browser, system, page.uid, request.redirectOrigin);
    if (!(callback instanceof URL)) throw new Error(`expected the callback after the restart, got ${callback.status}`);
    expect((await redeem(await eserviceClient(system, 'eservice-a'), callback, request)).claims()).to.include({ personal_identity_code: '150898+958A' });
  });
});
