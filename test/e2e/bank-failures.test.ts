import { expect } from 'chai';
import type * as oidc from 'openid-client';
import { startTestSystem, type TestSystem } from '../support/start-test-system.ts';
import { TestBrowser } from '../support/test-browser.ts';
import { authorizationRequest, eserviceClient, readMethodPage, redeem, type AuthorizationRequest } from '../support/eservice-client.ts';
import { ROGUE_ACR, ROGUE_PERSON, rogueUpstream, startRogueBank, type RogueBank, type RogueMode } from '../support/rogue-bank.ts';
import { translate } from '../../src/i18n/catalog.ts';
import { isLocale } from '../../src/i18n/locale.ts';
import type { AuditRecord } from '../../src/storage/storage.ts';

const LOA2 = 'http://ftn.ficora.fi/2017/loa2';
const ROGUE = 'bank:rogue';
/** The hetu in any spelling: its date and individual number are enough to identify a person. */
const HETU_TRACE = ROGUE_PERSON.hetu.slice(0, 10);

interface Refusal {
  readonly mode: RogueMode;
  readonly code: string;
  /** What the operator's log line must mention: the check that refused the answer. */
  readonly because: RegExp;
  readonly status?: number;
}

/** Each misbehaviour, the code Portti must log and audit for it, and why. */
const REFUSALS: readonly Refusal[] = [
  { mode: 'wrong-nonce', code: 'ERR_BANK_RESPONSE_INVALID', because: /ID Token "nonce" claim/ },
  { mode: 'wrong-issuer', code: 'ERR_BANK_RESPONSE_INVALID', because: /JWT "iss" \(issuer\) claim/ },
  { mode: 'bad-signature', code: 'ERR_BANK_RESPONSE_INVALID', because: /JWT signature verification failed/ },
  { mode: 'unencrypted', code: 'ERR_BANK_ID_TOKEN_NOT_ENCRYPTED', because: /unencrypted ID token/ },
  { mode: 'invalid-hetu', code: 'ERR_BANK_HETU_INVALID', because: /ERR_HETU_CHECKSUM/ },
  { mode: 'wrong-audience', code: 'ERR_BANK_RESPONSE_INVALID', because: /JWT "aud" \(audience\) claim/ },
  { mode: 'expired', code: 'ERR_BANK_RESPONSE_INVALID', because: /JWT "exp" \(expiration time\) claim/ },
  { mode: 'unmapped-acr', code: 'ERR_BANK_ACR_UNKNOWN', because: /acr http:\/\/ftn\.ficora\.fi\/2017\/loatest3 is not mapped/ },
  { mode: 'wrong-response-iss', code: 'ERR_BANK_RESPONSE_INVALID', because: /"iss" \(issuer\) response parameter/ },
  { mode: 'plain-userinfo', code: 'ERR_BANK_USERINFO_NOT_ENCRYPTED', because: /unencrypted userinfo/ },
  { mode: 'forged-userinfo', code: 'ERR_BANK_RESPONSE_INVALID', because: /JWT signature verification failed/ },
  { mode: 'error', code: 'ERR_BANK_AUTHORIZATION_ERROR', because: /bank answered server_error/ },
  { mode: 'token-connection-reset', code: 'ERR_BANK_UNREACHABLE', because: /other side closed/, status: 502 },
  { mode: 'token-server-error', code: 'ERR_BANK_UNREACHABLE', because: /HTTP 503/, status: 502 },
];

describe('e2e: a bad bank answer never logs anyone in', () => {
  let system: TestSystem;
  let rogue: RogueBank;
  let unreachable: RogueBank;

  before(async () => {
    rogue = await startRogueBank();
    unreachable = await startRogueBank();
    system = await startTestSystem({ extraUpstreams: [rogueUpstream(rogue, 'rogue'), rogueUpstream(unreachable, 'rogue-down')] });
    rogue.clientJwksUri = `${system.issuer}/upstream/jwks`;
    // Never discovered while it was up, so choosing it reaches a closed port.
    await unreachable.close();
  });
  after(async () => {
    if (process.env.DUMP_LOGS) console.log(system?.logs.map((line) => JSON.stringify(line)).join('\n'));
    await system?.close();
    await rogue?.close();
  });
  beforeEach(() => { rogue.mode = 'none'; });

  it('control: the rogue bank in mode none is a valid FTN bank, so a citizen logs in', async () => {
    const browser = new TestBrowser();
    const config = await eserviceClient(system, 'eservice-a');
    const request = await authorizationRequest(config, { scope: 'openid profile personal_identity_code' });
    const lastSeq = await latestAuditSeq();
    const { landing } = await chooseBank(browser, request, ROGUE);
    if (!(landing instanceof URL)) throw new Error(`expected the e-service callback, got ${landing.status}: ${(await landing.text()).slice(0, 800)}`);
    expect(landing.searchParams.get('code'), 'authorization code').to.be.a('string');

    expect(rogue.lastRequest, 'the request object Portti signed').to.include({
      client_id: 'portti', response_type: 'code', acr_values: ROGUE_ACR, ftn_spname: 'Service A (fi)',
    });
    const claims = (await redeem(config, landing, request)).claims()!;
    expect(claims).to.include({ acr: LOA2, personal_identity_code: ROGUE_PERSON.hetu, given_name: ROGUE_PERSON.givenName, family_name: ROGUE_PERSON.familyName });
    expect(claims.amr).to.deep.equal(['bank', 'rogue']);

    const events = await auditSince(lastSeq);
    expect(events.map((e) => e.type)).to.deep.equal(['identification.succeeded']);
    expect(events[0]!.data).to.include({ method: 'bank', clientId: 'eservice-a', acr: LOA2 });
    // The same no-session probe the refusal tests use sees this session, so its silence there means something.
    const silent = await browser.navigate((await authorizationRequest(config, { prompt: 'none' })).url, request.redirectOrigin);
    expect(silent, 'prompt=none after a login').to.be.instanceOf(URL);
    expect((silent as URL).searchParams.get('code'), 'prompt=none code').to.be.a('string');
  });

  it('control: a hetu released only from signed and encrypted userinfo is accepted too', async () => {
    rogue.mode = 'userinfo-only';
    const config = await eserviceClient(system, 'eservice-a');
    const request = await authorizationRequest(config, { scope: 'openid profile personal_identity_code' });
    const { landing } = await chooseBank(new TestBrowser(), request, ROGUE);
    if (!(landing instanceof URL)) throw new Error(`expected the e-service callback, got ${landing.status}: ${(await landing.text()).slice(0, 800)}`);
    expect((await redeem(config, landing, request)).claims()).to.include({ acr: LOA2, personal_identity_code: ROGUE_PERSON.hetu });
  });

  for (const { mode, code, because, status = 400 } of REFUSALS) {
    it(`refuses ${mode}: ${status} error page on Portti, no session, ${code} logged and audited`, async () => {
      rogue.mode = mode;
      const browser = new TestBrowser();
      const config = await eserviceClient(system, 'eservice-a');
      const request = await authorizationRequest(config, { scope: 'openid profile personal_identity_code' });
      const lastSeq = await latestAuditSeq();
      const succeededBefore = (await system.broker.storage.audit.list({ type: 'identification.succeeded' })).length;

      const { uid, landing } = await chooseBank(browser, request, ROGUE);
      const { correlationId } = await expectErrorPage(landing, { status, path: `/interaction/${uid}/return`, backUrl: `/interaction/${uid}` });

      const events = await auditSince(lastSeq);
      expect(events.map((e) => [e.type, e.correlationId, e.data.code]), 'audit events of this attempt')
        .to.deep.equal([['identification.failed', correlationId, code]]);
      expect(events[0]!.data).to.include({ method: 'bank', clientId: 'eservice-a' });
      expect(await system.broker.storage.audit.list({ type: 'identification.succeeded' })).to.have.length(succeededBefore);

      const line = system.logs.find((l) => l.correlationId === correlationId && l.msg === 'identification did not succeed');
      expect(line, 'broker log line for this attempt').to.include({ code, option: ROGUE });
      expect(reasonOf(line!), 'the check that refused the answer').to.match(because);
      expect(JSON.stringify(events), 'audit of this attempt').to.not.contain(HETU_TRACE);
      expect(JSON.stringify(system.logs.filter((l) => l.correlationId === correlationId)), 'log of this attempt').to.not.contain(HETU_TRACE);

      await expectMethodChoiceAgain(browser, uid, request);
      await expectNoSession(browser, config);
    });
  }

  it('cancel at the bank: back to the method choice with the cancelled notice, audited as cancelled', async () => {
    rogue.mode = 'cancel';
    const browser = new TestBrowser();
    const config = await eserviceClient(system, 'eservice-a');
    const request = await authorizationRequest(config);
    const lastSeq = await latestAuditSeq();

    const { uid, landing } = await chooseBank(browser, request, ROGUE);
    if (landing instanceof URL) throw new Error(`expected the method-choice page, was sent to ${landing.href}`);
    expect(landing.url).to.equal(`${system.issuer}/interaction/${uid}?notice=cancelled`);
    expect(landing.status).to.equal(200);
    const html = await landing.text();
    expect(html).to.contain(translate(pageLocale(html), 'error.bank.cancelled'));
    expect(readMethodPage(html).options).to.include(ROGUE);

    const events = await auditSince(lastSeq);
    expect(events.map((e) => [e.type, e.data.code])).to.deep.equal([['identification.cancelled', 'ERR_BANK_CANCELLED']]);
    expect(system.logs.find((l) => l.correlationId === events[0]!.correlationId && l.msg === 'identification did not succeed'))
      .to.include({ level: 'info', code: 'ERR_BANK_CANCELLED' });
    await expectNoSession(browser, config);
  });

  it('after a refused answer the citizen can follow the back link, choose again and log in', async () => {
    rogue.mode = 'wrong-nonce';
    const browser = new TestBrowser();
    const config = await eserviceClient(system, 'eservice-a');
    const request = await authorizationRequest(config, { scope: 'openid profile personal_identity_code' });
    const { uid, landing } = await chooseBank(browser, request, ROGUE);
    if (landing instanceof URL) throw new Error(`a replayed ID token logged the citizen in: ${landing.href}`);
    expect(landing.status).to.equal(400);

    rogue.mode = 'none';
    const page = await browser.navigate(`${system.issuer}/interaction/${uid}`, request.redirectOrigin);
    if (page instanceof URL) throw new Error(`expected the method-choice page, was sent to ${page.href}`);
    const { csrf } = readMethodPage(await page.text());
    const done = await browser.submit(`${system.issuer}/interaction/${uid}/method`, { csrf, option: ROGUE }, request.redirectOrigin);
    if (!(done instanceof URL)) throw new Error(`expected the e-service callback, got ${done.status}`);
    expect((await redeem(config, done, request)).claims()).to.include({ acr: LOA2, personal_identity_code: ROGUE_PERSON.hetu });
  });

  it('an unreachable bank gives a 502 error page, never a crash, and Portti keeps serving', async () => {
    const browser = new TestBrowser();
    const config = await eserviceClient(system, 'eservice-a');
    const request = await authorizationRequest(config);
    const lastSeq = await latestAuditSeq();

    const { uid, landing } = await chooseBank(browser, request, 'bank:rogue-down');
    const { correlationId } = await expectErrorPage(landing, { status: 502, path: `/interaction/${uid}/method`, backUrl: `/interaction/${uid}` });
    expect(system.logs.find((l) => l.correlationId === correlationId && l.msg === 'bank discovery failed')).to.include({ upstream: 'rogue-down' });
    expect(system.logs.find((l) => l.correlationId === correlationId && l.msg === 'request failed'))
      .to.have.nested.property('error.code', 'ERR_METHOD_UNAVAILABLE');
    const events = await auditSince(lastSeq);
    expect(events.filter((e) => e.type === 'identification.succeeded')).to.deep.equal([]);
    expect(events.filter((e) => e.type === 'identification.failed').map((e) => e.data.code)).to.deep.equal(['ERR_METHOD_UNAVAILABLE']);

    expect((await fetch(`${system.issuer}/health`)).status).to.equal(200);
    await expectMethodChoiceAgain(browser, uid, request);
    await expectNoSession(browser, config);
  });

  it('the error page speaks the language the citizen was using (ui_locales=sv)', async () => {
    rogue.mode = 'wrong-nonce';
    const browser = new TestBrowser();
    const config = await eserviceClient(system, 'eservice-a');
    const request = await authorizationRequest(config, { ui_locales: 'sv' });
    const { uid, landing } = await chooseBank(browser, request, ROGUE);
    if (landing instanceof URL) throw new Error(`a replayed ID token logged the citizen in: ${landing.href}`);
    const errorPage = await landing.text();
    const methodPage = await browser.navigate(`${system.issuer}/interaction/${uid}`, request.redirectOrigin) as Response;
    expect(pageLocale(await methodPage.text()), 'method-choice page').to.equal('sv');
    expect(pageLocale(errorPage), 'error page after the bank').to.equal('sv');
  });

  it('the audit trail names the bank alike in succeeded, failed and cancelled events', async () => {
    const lastSeq = await latestAuditSeq();
    for (const mode of ['none', 'wrong-nonce', 'cancel'] as const) {
      rogue.mode = mode;
      const config = await eserviceClient(system, 'eservice-a');
      await chooseBank(new TestBrowser(), await authorizationRequest(config), ROGUE);
    }
    const events = await auditSince(lastSeq);
    expect(events.map((e) => e.type)).to.deep.equal(['identification.succeeded', 'identification.failed', 'identification.cancelled']);
    expect(events.map((e) => e.data.subMethod), 'subMethod of each event').to.deep.equal(events.map(() => events[0]!.data.subMethod));
  });

  it('no audit record and no log line of the whole run carries the hetu', async () => {
    for (const mode of ['none', 'invalid-hetu', 'userinfo-only'] as const) {
      rogue.mode = mode;
      const config = await eserviceClient(system, 'eservice-a');
      await chooseBank(new TestBrowser(), await authorizationRequest(config, { scope: 'openid profile personal_identity_code' }), ROGUE);
    }
    const audit = JSON.stringify(await system.broker.storage.audit.list());
    expect(audit).to.contain('ERR_BANK_HETU_INVALID');
    expect(audit).to.not.contain(HETU_TRACE);
    expect(system.logs.filter((l) => JSON.stringify(l).includes(HETU_TRACE)).map((l) => l.msg)).to.deep.equal([]);
  });

  /** From the e-service to Portti's method choice, then choose `option`; where the browser lands. */
  async function chooseBank(browser: TestBrowser, request: AuthorizationRequest, option: string) {
    const page = await browser.navigate(request.url, request.redirectOrigin);
    if (page instanceof URL) throw new Error(`expected the method-choice page, was sent to ${page.href}`);
    expect(page.status, 'method-choice page status').to.equal(200);
    const methodPage = readMethodPage(await page.text());
    expect(methodPage.options).to.include(option);
    const uid = decodeURIComponent(new URL(page.url).pathname.split('/').at(-1)!);
    const landing = await browser.submit(new URL(`${page.url}/method`), { csrf: methodPage.csrf, option }, request.redirectOrigin);
    return { uid, landing };
  }

  /** Portti's own localized error page: status, correlation reference, and the way back when one is given. */
  async function expectErrorPage(landing: Response | URL, expected: { status: number; path: string; backUrl?: string }) {
    if (landing instanceof URL) throw new Error(`the browser reached the e-service: ${landing.href}`);
    const html = await landing.text();
    const url = new URL(landing.url);
    expect(url.origin, 'the page is Portti\'s').to.equal(system.issuer);
    expect(url.pathname).to.equal(expected.path);
    expect(landing.status, html.slice(0, 300)).to.equal(expected.status);
    expect(landing.headers.get('content-type')).to.match(/^text\/html/);
    const correlationId = landing.headers.get('x-correlation-id')!;
    const locale = pageLocale(html);
    expect(html).to.contain(translate(locale, 'error.correlation', { id: correlationId }));
    expect(html).to.contain(translate(locale, 'error.bank.failed'));
    if (expected.backUrl) {
      expect(html).to.contain(`href="${expected.backUrl}"`);
      expect(html, 'the link says what it does').to.contain(translate(locale, 'error.retry'));
    }
    expect(html).to.not.contain(HETU_TRACE);
    expect(html, 'internals stay in the log').to.not.match(/ERR_|OAUTH_|fetch failed/);
    return { correlationId };
  }

  async function expectMethodChoiceAgain(browser: TestBrowser, uid: string, request: AuthorizationRequest) {
    const page = await browser.navigate(`${system.issuer}/interaction/${uid}`, request.redirectOrigin);
    if (page instanceof URL) throw new Error(`expected the method-choice page, was sent to ${page.href}`);
    expect(page.status, 'method-choice page after the failure').to.equal(200);
    expect(readMethodPage(await page.text()).options).to.include(ROGUE);
  }

  /** A silent authorization request from the same browser finds no session. */
  async function expectNoSession(browser: TestBrowser, config: oidc.Configuration) {
    const silent = await authorizationRequest(config, { prompt: 'none' });
    const answer = await browser.navigate(silent.url, silent.redirectOrigin);
    if (!(answer instanceof URL)) throw new Error(`prompt=none showed a page (${answer.status}) instead of answering the e-service`);
    expect(answer.searchParams.get('error'), answer.href).to.equal('login_required');
    expect(answer.searchParams.get('state')).to.equal(silent.state);
  }

  async function latestAuditSeq(): Promise<number> {
    return (await system.broker.storage.audit.list()).at(-1)?.seq ?? 0;
  }

  async function auditSince(seq: number): Promise<AuditRecord[]> {
    return (await system.broker.storage.audit.list()).filter((e) => e.seq > seq);
  }
});

/** The operator-facing detail and every message down the cause chain of a log line. */
function reasonOf(line: Record<string, unknown>): string {
  const messages: string[] = [String(line.detail)];
  for (let cause = line.cause as { message?: string; cause?: unknown } | undefined; cause; cause = cause.cause as typeof cause) {
    messages.push(String(cause.message));
  }
  return messages.join(' | ');
}

function pageLocale(html: string) {
  const lang = /<html lang="([a-z]+)"/.exec(html)?.[1];
  if (!isLocale(lang)) throw new Error(`page has no supported lang attribute: ${html.slice(0, 200)}`);
  return lang;
}
