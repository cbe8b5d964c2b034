import { expect } from 'chai';
import { startDemoSystem, type DemoSystem } from '../support/start-demo-system.ts';
import { TestBrowser, readLoginPage } from '../support/test-browser.ts';
import { readMethodPage } from '../support/eservice-client.ts';

describe('e2e: the demo e-service, clicked through as a citizen would', () => {
  let running: DemoSystem;
  let demoUrl: string;

  before(async () => {
    running = await startDemoSystem();
    demoUrl = running.demoUrl;
  });
  after(async () => {
    await running?.close();
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
    for (let i = 0; i < 50 && running.demo.loggedOutCount === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(running.demo.loggedOutCount, 'back-channel logout reached the demo').to.equal(1);
  });
});
