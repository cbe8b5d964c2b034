import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { translate } from '../../src/i18n/catalog.ts';
import { DEMO_NAME, type DemoSystem } from '../support/start-demo-system.ts';
import { useBrowserSuite } from './support/browser-suite.ts';
import { Citizen, DEMO_TEXT } from './support/citizen.ts';
import { readFocus, tabTo } from './support/page-facts.ts';

const lang = (page: Page) => page.locator('html').getAttribute('lang');
const h1 = (page: Page) => page.locator('h1').innerText();

describe('browser: a citizen logs in to the demo e-service through Portti and a sandbox bank', function () {
  this.timeout(60_000);
  const suite = useBrowserSuite();
  let site: DemoSystem;
  before(() => { site = suite.site; });
  /** The browser set to English, so a Swedish page can only come from the citizen's choice. */
  const newPage = (options: { javaScriptEnabled?: boolean } = {}) => suite.newPage('en-US', options);

  it('logs in and out in Swedish, the language surviving every page: Portti, the bank and back', async () => {
    const page = await newPage();
    const citizen = new Citizen(page, site, 'sv');
    await citizen.openDemo();
    await citizen.logInAtDemo({ askIdentityCode: true });

    expect(await lang(page)).to.equal('sv');
    expect(await h1(page)).to.equal(citizen.t('method.title'));
    expect(await page.locator('main').innerText()).to.contain(DEMO_NAME.sv);

    await citizen.chooseBank('saaristo');
    expect(await lang(page)).to.equal('sv');
    const bank = await page.locator('body').innerText();
    expect(bank).to.contain(citizen.bankText.identifyingTo).and.contain(DEMO_NAME.sv);

    await citizen.identifyAtBank('Laura Järvinen');
    expect(await citizen.claims()).to.include({ name: 'Laura Järvinen', personal_identity_code: '071281X944J', amr: 'bank, saaristo' });

    const loggedOutBefore = site.demo.loggedOutCount;
    await citizen.logOutAtDemo();
    expect(await lang(page), 'the logout confirmation').to.equal('sv');
    expect(await h1(page)).to.equal(citizen.t('logout.title'));
    await citizen.confirmLogout((url) => citizen.isDemo(url) && url.pathname === '/');
    await page.getByRole('button', { name: DEMO_TEXT.logIn, exact: true }).waitFor();
    expect(await page.locator('table').count(), 'no claims after logout').to.equal(0);
    for (let i = 0; i < 50 && site.demo.loggedOutCount === loggedOutBefore; i += 1) await page.waitForTimeout(20);
    expect(site.demo.loggedOutCount, 'back-channel logout reached the demo').to.equal(loggedOutBefore + 1);
  });

  it('cancelling at Portti returns to the e-service, which says the login was cancelled', async () => {
    const page = await newPage();
    const citizen = new Citizen(page, site, 'fi');
    await citizen.openDemo();
    await citizen.logInAtDemo({ askIdentityCode: false });
    await citizen.cancelAtPortti();
    expect(new URL(page.url()).pathname).to.equal('/callback');
  });

  it('cancelling at the bank returns to the method choice with a notice, and another bank still logs in, all without JavaScript', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    const citizen = new Citizen(page, site, 'en');
    await citizen.openDemo();
    await citizen.logInAtDemo({ askIdentityCode: true });
    await citizen.chooseBank('aurinko');
    await citizen.cancelAtBank();
    expect(await page.getByRole('alert').innerText()).to.equal(citizen.t('error.bank.cancelled'));
    expect(await h1(page)).to.equal(citizen.t('method.title'));
    await citizen.chooseBank('revontuli');
    await citizen.identifyAtBank('Eino Nieminen');
    expect(await citizen.claims()).to.include({ personal_identity_code: '010516B903X', amr: 'bank, revontuli' });
  });

  it('logs in and out with the keyboard alone: Tab, Space and Enter, focus always visible', async () => {
    const page = await newPage();
    const citizen = new Citizen(page, site, 'fi');
    await page.goto(site.demoUrl); // the only navigation not made by a key press

    await tabTo(page, /^<input> \[checkbox=yes\]/);
    await page.keyboard.press('Space');
    expect(await page.getByLabel(DEMO_TEXT.askIdentityCode).isChecked()).to.equal(true);
    await tabTo(page, new RegExp(`^<button> "${DEMO_TEXT.logIn}"`));
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => citizen.isPortti(url) && url.pathname.startsWith('/interaction/'));

    const skip = await tabTo(page, new RegExp(`"${citizen.t('nav.skip')}"`));
    expect(skip.onScreen, 'the skip link shows when focused').to.equal(true);
    await tabTo(page, new RegExp(`^<button> "${citizen.bankLabel('tunturi')}`));
    await page.keyboard.press('Enter');
    await page.waitForURL(citizen.isBank);

    // The first test person is chosen already; Tab passes the radio group as one stop.
    await tabTo(page, new RegExp(`^<button> "${citizen.bankText.identify}"`));
    await page.keyboard.press('Space');
    await page.waitForURL(citizen.isDemo);
    expect(await citizen.claims()).to.include({ personal_identity_code: '131052-308T' });

    await tabTo(page, new RegExp(`^<button> "${DEMO_TEXT.logOut}"`));
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => citizen.isPortti(url) && url.pathname.startsWith('/session/end'));
    expect((await readFocus(page))?.description, 'the confirmation has focus on arrival').to.contain(translate('fi', 'logout.confirm'));
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => citizen.isDemo(url) && url.pathname === '/');
    await page.getByRole('button', { name: DEMO_TEXT.logIn, exact: true }).waitFor();
  });
});
