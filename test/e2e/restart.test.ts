import { expect } from 'chai';
import { startTestSystem, type TestSystem } from '../support/start-test-system.ts';
import { TestBrowser } from '../support/test-browser.ts';
import { authorizationRequest, eserviceClient, loginAtBank, redeem } from '../support/eservice-client.ts';

describe('e2e: a broker restart loses nothing', () => {
  let system: TestSystem;
  before(async () => { system = await startTestSystem(); });
  after(async () => { await system?.close(); });

  it('keeps the citizen\'s session: SSO to another e-service works after the restart', async () => {
    const browser = new TestBrowser();
    const a = await eserviceClient(system, 'eservice-a');
    const first = await authorizationRequest(a);
    const subA = (await redeem(a, await loginAtBank(browser, first, { option: 'bank:aurinko', person: 'sanna-koskinen' }), first)).claims()!.sub;
    await system.restartBroker();
    const b = await eserviceClient(system, 'eservice-b');
    const second = await authorizationRequest(b);
    const landed = await browser.navigate(second.url, second.redirectOrigin);
    expect(landed, 'no login page after the restart').to.be.instanceOf(URL);
    const claims = (await redeem(b, landed as URL, second)).claims()!;
    expect(claims.given_name).to.equal('Sanna');
    expect(claims.sub).to.not.equal(subA);
  });

  it('keeps an issued authorization code redeemable across the restart', async () => {
    const a = await eserviceClient(system, 'eservice-a');
    const request = await authorizationRequest(a, { scope: 'openid personal_identity_code' });
    const callback = await loginAtBank(new TestBrowser(), request, { option: 'bank:revontuli', person: 'jari-lehtinen' });
    await system.restartBroker();
    const tokens = await redeem(await eserviceClient(system, 'eservice-a'), callback, request);
    expect(tokens.claims()!.personal_identity_code).to.equal('050790U977L');
  });
});

describe('e2e: behind a TLS-terminating proxy', () => {
  let system: TestSystem;
  before(async () => { system = await startTestSystem({ http: { trustProxy: true } }); });
  after(async () => { await system?.close(); });

  it('sends HSTS and Secure cookies when the proxy says the request came over https', async () => {
    const a = await eserviceClient(system, 'eservice-a');
    const request = await authorizationRequest(a);
    const response = await fetch(request.url, { redirect: 'manual', headers: { 'x-forwarded-proto': 'https' } });
    expect(response.headers.get('strict-transport-security')).to.match(/max-age=\d{7,}/);
    const cookies = response.headers.getSetCookie();
    expect(cookies.length).to.be.greaterThan(0);
    for (const cookie of cookies) expect(cookie, cookie).to.match(/;\s*secure/i);
  });
});
