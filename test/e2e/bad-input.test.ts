import { expect } from 'chai';
import { startTestSystem, type TestSystem } from '../support/start-test-system.ts';
import { TestBrowser } from '../support/test-browser.ts';
import { authorizationRequest, eserviceClient } from '../support/eservice-client.ts';
import { SECRET_A } from '../support/test-eservices.ts';

interface Probe {
  readonly name: string;
  readonly path: string;
  readonly init?: RequestInit;
  /** The answer is JSON in OAuth error format. */
  readonly oauthJson?: boolean;
}

const BASIC_A = `Basic ${Buffer.from(`eservice-a:${SECRET_A}`).toString('base64')}`;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const big = 'x'.repeat(200_000);

const PROBES: Probe[] = [
  { name: 'authorization without parameters', path: '/auth' },
  { name: 'authorization with an unknown client', path: '/auth?client_id=nobody&response_type=code&scope=openid' },
  { name: 'authorization with a registered client and no redirect_uri', path: '/auth?client_id=eservice-a&response_type=code&scope=openid' },
  { name: 'authorization with an oversized parameter in a POST', path: '/auth', init: { method: 'POST', headers: FORM, body: `client_id=eservice-a&state=${big}` } },
  { name: 'authorization with repeated parameters', path: '/auth?client_id=eservice-a&client_id=eservice-b' },
  { name: 'token without a body', path: '/token', init: { method: 'POST' }, oauthJson: true },
  { name: 'token without client authentication', path: '/token', init: { method: 'POST', headers: FORM, body: 'grant_type=authorization_code&code=x' }, oauthJson: true },
  { name: 'token with a wrong client secret', path: '/token', init: { method: 'POST', headers: { ...FORM, authorization: 'Basic ZXNlcnZpY2UtYTp3cm9uZw==' }, body: 'grant_type=client_credentials' }, oauthJson: true },
  { name: 'token with malformed JSON', path: '/token', init: { method: 'POST', headers: { 'content-type': 'application/json', authorization: BASIC_A }, body: '{"grant_type":' }, oauthJson: true },
  { name: 'token without grant_type', path: '/token', init: { method: 'POST', headers: { ...FORM, authorization: BASIC_A }, body: 'code=x' }, oauthJson: true },
  { name: 'token with an unknown grant_type', path: '/token', init: { method: 'POST', headers: { ...FORM, authorization: BASIC_A }, body: 'grant_type=password&username=a&password=b' }, oauthJson: true },
  { name: 'token with a forged code', path: '/token', init: { method: 'POST', headers: { ...FORM, authorization: BASIC_A }, body: 'grant_type=authorization_code&code=forged&redirect_uri=http%3A%2F%2Fa.example.test%2Fcallback&code_verifier=' + 'a'.repeat(43) }, oauthJson: true },
  { name: 'token with an oversized body', path: '/token', init: { method: 'POST', headers: { ...FORM, authorization: BASIC_A }, body: `grant_type=client_credentials&scope=${big}` }, oauthJson: true },
  { name: 'token with a malformed Authorization header', path: '/token', init: { method: 'POST', headers: { ...FORM, authorization: 'Basic %%%' }, body: 'grant_type=client_credentials' }, oauthJson: true },
  { name: 'userinfo without a token', path: '/me', oauthJson: true },
  { name: 'userinfo with a forged token', path: '/me', init: { headers: { authorization: 'Bearer forged' } }, oauthJson: true },
  { name: 'PAR without client authentication', path: '/request', init: { method: 'POST', headers: FORM, body: 'response_type=code' }, oauthJson: true },
  { name: 'PAR with a garbage request object', path: '/request', init: { method: 'POST', headers: { ...FORM, authorization: BASIC_A }, body: 'request=a.b.c' }, oauthJson: true },
  { name: 'revocation without a token', path: '/token/revocation', init: { method: 'POST', headers: { ...FORM, authorization: BASIC_A }, body: '' }, oauthJson: true },
  { name: 'end session with a forged id_token_hint', path: '/session/end?id_token_hint=a.b.c' },
  { name: 'end session confirm without xsrf', path: '/session/end/confirm', init: { method: 'POST', headers: FORM, body: 'logout=yes' } },
  { name: 'interaction page without its cookie', path: '/interaction/unknown-uid' },
  { name: 'interaction page with an absurd uid', path: `/interaction/${'%00'.repeat(50)}` },
  { name: 'method POST without cookie', path: '/interaction/unknown-uid/method', init: { method: 'POST', headers: FORM, body: 'option=bank:aurinko' } },
  { name: 'method POST as JSON', path: '/interaction/unknown-uid/method', init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' } },
  { name: 'method POST oversized', path: '/interaction/unknown-uid/method', init: { method: 'POST', headers: FORM, body: `csrf=${big}` } },
  { name: 'abort POST without cookie', path: '/interaction/unknown-uid/abort', init: { method: 'POST', headers: FORM, body: '' } },
  { name: 'method return without cookie', path: '/interaction/unknown-uid/return?code=x&state=y' },
  { name: 'bank return without state', path: '/interaction/callback/bank?code=x' },
  { name: 'bank return with an unknown state', path: '/interaction/callback/bank?code=x&state=unknown' },
  { name: 'bank return with an oversized state', path: `/interaction/callback/bank?state=${'s'.repeat(5000)}` },
  { name: 'an unknown path', path: '/no/such/thing', oauthJson: true },
  { name: 'an unsupported method on a known path', path: '/jwks', init: { method: 'DELETE' } },
];

describe('e2e: malformed, missing, oversized and forged input', () => {
  let system: TestSystem;
  before(async () => { system = await startTestSystem(); });
  after(async () => { await system?.close(); });

  for (const probe of PROBES) {
    it(`${probe.name} -> 4xx, never 5xx`, async () => {
      const response = await fetch(`${system.issuer}${probe.path}`, { redirect: 'manual', ...probe.init });
      const body = await response.text();
      expect(response.status, body.slice(0, 300)).to.be.within(400, 499);
      expect(body).to.not.match(/\n\s+at .+:\d+:\d+/); // no stack trace
      if (probe.oauthJson) {
        const json = JSON.parse(body) as { error?: unknown; error_description?: unknown };
        expect(json.error, body).to.be.a('string').and.match(/^[a-z_]+$/);
      }
    });
  }

  it('a malformed request object is answered at the registered redirect URI with invalid_request_object', async () => {
    const response = await fetch(`${system.issuer}/auth?client_id=eservice-a&request=not.a.jwt&redirect_uri=http%3A%2F%2Fa.example.test%2Fcallback&response_type=code&scope=openid`, { redirect: 'manual' });
    expect(response.status).to.equal(303);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin).to.equal('http://a.example.test');
    expect(location.searchParams.get('error')).to.equal('invalid_request_object');
  });

  it('a bad method POST changes nothing: the interaction still shows its method page', async () => {
    const browser = new TestBrowser();
    const config = await eserviceClient(system, 'eservice-a');
    const request = await authorizationRequest(config);
    const page = await browser.navigate(request.url, request.redirectOrigin) as Response;
    const url = new URL(page.url);
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const unknownOption = await browser.postForm(new URL(`${url.pathname}/method`, url), { csrf, option: 'bank:nonexistent' });
    expect(unknownOption.status).to.equal(400);
    const oversized = await browser.postForm(new URL(`${url.pathname}/method`, url), { csrf, option: big });
    expect(oversized.status).to.equal(413);
    const again = await browser.request(url);
    expect(again.status).to.equal(200);
    expect(await system.broker.storage.oidc.find('PendingIdentification', url.pathname.split('/')[2]!)).to.equal(undefined);
  });

  it('errors on citizen pages carry a correlation id that is also in the log', async () => {
    const response = await fetch(`${system.issuer}/interaction/unknown-uid`);
    const id = response.headers.get('x-correlation-id')!;
    expect(await response.text()).to.contain(id);
    expect(system.logs.some((line) => line.correlationId === id)).to.equal(true);
  });
});
