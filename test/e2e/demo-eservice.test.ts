import { expect } from 'chai';
import { startTestSystem, type TestSystem } from '../support/start-test-system.ts';
import { createTestEservices } from '../support/test-eservices.ts';
import { freePort } from '../support/free-port.ts';
import { TestBrowser, readLoginPage } from '../support/test-browser.ts';
import { readMethodPage } from '../support/eservice-client.ts';
import { startDemoEservice, type RunningDemo } from '../../src/demo/start-demo-eservice.ts';

const DEMO_SECRET = 'demo-secret-for-the-e2e-test-0123456789';

describe('e2e: the demo e-service, clicked through as a citizen would', () => {
  let system: TestSystem;
  let demo: RunningDemo;
  let demoUrl: string;

  before(async () => {
    const port = await freePort();
    demoUrl = `http://127.0.0.1:${port}`;
    const { registry } = await createTestEservices();
    system = await startTestSystem({
      eservices: [...registry, {
        clientId: 'demo-permits',
        name: { fi: 'Lupapalvelu (demo)', sv: 'Tillståndstjänsten (demo)', en: 'Permit service (demo)' },
        redirectUris: [`${demoUrl}/callback`],
        postLogoutRedirectUris: [`${demoUrl}/`],
        backchannelLogoutUri: `${demoUrl}/backchannel-logout`,
        auth: { method: 'client_secret_basic', secret: DEMO_SECRET },
        permissions: { personalIdentityCode: true, satu: false, payments: true },
      }],
    });
    demo = await startDemoEservice({
      host: '127.0.0.1', port, publicUrl: demoUrl, issuer: system.issuer,
      clientId: 'demo-permits', clientSecret: DEMO_SECRET, log: () => undefined,
    });
  });
  after(async () => {
    await demo?.close();
    await system?.close();
  });

  it('logs in through a sandbox bank, shows the claims, and logs out everywhere', async () => {
    const browser = new TestBrowser();
    const home = await browser.request(`${demoUrl}/`);
    expect(await home.text()).to.contain('action="/login"');

    const methodPage = await browser.navigate(`${demoUrl}/login?personal_identity_code=yes&ui_locales=sv&level=substantial`, 'http://nowhere.invalid') as Response;
    const methodHtml = await methodPage.text();
    expect(methodHtml).to.contain('<html lang="sv">');
    expect(methodHtml).to.contain('Tillståndstjänsten (demo)');
    const bankPage = await browser.submit(new URL(`${new URL(methodPage.url).pathname}/method`, methodPage.url),
      { csrf: readMethodPage(methodHtml).csrf, option: 'bank:saaristo' }, 'http://nowhere.invalid') as Response;
    const bankHtml = await bankPage.text();
    expect(bankHtml).to.contain('Tillståndstjänsten (demo)'); // ftn_spname shown by the bank
    const bankForm = readLoginPage(bankHtml, new URL(bankPage.url));
    const claimsPage = await browser.submit(bankForm.loginUrl, { csrf: bankForm.csrf, person: 'laura-jarvinen' }, 'http://nowhere.invalid') as Response;
    expect(new URL(claimsPage.url).origin).to.equal(demoUrl);
    const claimsHtml = await claimsPage.text();
    for (const expected of ['Laura', 'Järvinen', '071281X944J', '1981-12-07', 'http://ftn.ficora.fi/2017/loa2', 'saaristo']) {
      expect(claimsHtml).to.contain(expected);
    }

    const csrf = /name="csrf" value="([^"]+)"/.exec(claimsHtml)![1]!;
    const confirm = await browser.submit(`${demoUrl}/logout`, { csrf }, 'http://nowhere.invalid') as Response;
    const confirmHtml = await confirm.text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirmHtml)![1]!;
    const action = /action="([^"]*\/session\/end\/confirm)"/.exec(confirmHtml)![1]!;
    const loggedOut = await browser.submit(new URL(action, confirm.url), { xsrf, logout: 'yes' }, 'http://nowhere.invalid') as Response;
    expect(new URL(loggedOut.url).origin).to.equal(demoUrl);
    expect(await loggedOut.text()).to.contain('action="/login"');
    for (let i = 0; i < 50 && demo.loggedOutCount === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(demo.loggedOutCount, 'back-channel logout reached the demo').to.equal(1);
  });
});
