import { expect } from 'chai';
import type { DemoSystem } from '../support/start-demo-system.ts';
import { useBrowserSuite } from './support/browser-suite.ts';
import { Citizen, SANDBOX_PAYMENT_BANK } from './support/citizen.ts';
import { tabTo } from './support/page-facts.ts';

describe('browser: a citizen pays the demo e-service\'s fee on Portti\'s payment page', function () {
  this.timeout(60_000);
  const suite = useBrowserSuite({ payments: true });
  let site: DemoSystem;
  before(() => { site = suite.site; });
  const newPage = () => suite.newPage('fi');

  it('pays with the keyboard alone: Tab, Enter and Space from the demo through Portti and the sandbox provider, and back', async () => {
    const page = await newPage();
    const citizen = new Citizen(page, site, 'fi'); // the demo's payment page language is Finnish unless chosen otherwise
    await page.goto(site.demoUrl); // the only navigation not made by a key press

    await tabTo(page, /^<button> "Pay \d/);
    await page.keyboard.press('Enter');
    await page.waitForURL(citizen.isPaymentPage);
    expect(await page.locator('html').getAttribute('lang')).to.equal('fi');

    await tabTo(page, new RegExp(`^<button> "${SANDBOX_PAYMENT_BANK}"`));
    await page.keyboard.press('Enter');
    await page.waitForURL(citizen.isPsp);

    await tabTo(page, /^<button> "Pay \d/);
    await page.keyboard.press('Space');
    await page.waitForURL((url) => citizen.isDemo(url) && url.pathname === '/payment/return');
    expect(await page.locator('.payment-state').innerText()).to.equal('succeeded');
  });

  it('cancels on Portti\'s payment page with the keyboard alone, back to the demo', async () => {
    const page = await newPage();
    const citizen = new Citizen(page, site, 'fi');
    await page.goto(site.demoUrl);
    await tabTo(page, /^<button> "Pay \d/);
    await page.keyboard.press('Enter');
    await page.waitForURL(citizen.isPaymentPage);

    await tabTo(page, new RegExp(`^<button> "${citizen.t('payment.cancel')}"`));
    await page.keyboard.press('Space');
    await page.waitForURL((url) => citizen.isDemo(url) && url.pathname === '/payment/return');
    expect(await page.locator('.payment-state').innerText()).to.equal('cancelled');
  });
});
