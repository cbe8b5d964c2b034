import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { LOCALES, type Locale } from '../../src/i18n/locale.ts';
import { startDemoSystem, type DemoSystem } from '../support/start-demo-system.ts';
import { auditCitizenPage, type PageOwner } from './support/audit-page.ts';
import { launchChromium, newCitizenContext } from './support/chromium.ts';
import { Citizen, SANDBOX_PAYMENT_BANK } from './support/citizen.ts';
import { announceScreenshots } from './support/screenshots.ts';

/**
 * Visits every page a citizen can see, in the order a citizen meets them, and audits each
 * (see `auditCitizenPage`); returns every problem found. The demo e-service speaks only
 * English, so its pages are audited on the English tour; the sandbox payment provider's
 * page (English only, not Portti's) is passed through without an audit. New pages (card)
 * join the tour where a citizen would meet them.
 */
async function tourEveryCitizenPage(page: Page, site: DemoSystem, locale: Locale): Promise<string[]> {
  const citizen = new Citizen(page, site, locale);
  const problems: string[] = [];
  let step = 0;
  const audit = async (name: string, owner: PageOwner = 'portti') => {
    step += 1;
    if (owner === 'demo' && locale !== 'en') return;
    problems.push(...await auditCitizenPage(page, { name: `${String(step).padStart(2, '0')}-${name}`, owner, locale }));
  };

  await citizen.openDemo();
  await audit('demo-home', 'demo');
  await citizen.logInAtDemo({ askIdentityCode: true });
  await audit('method-choice');
  await citizen.chooseBank('aurinko');
  await audit('bank-login', 'bank');
  await citizen.cancelAtBank();
  await audit('method-choice-after-bank-cancel');
  await citizen.chooseBank('revontuli');
  await citizen.identifyAtBank('Virheellinen Tunnus', citizen.isPortti);
  await audit('error-identification-failed');
  await page.getByRole('link', { name: citizen.t('error.retry') }).click();
  await page.waitForURL((url) => citizen.isPortti(url) && url.pathname.startsWith('/interaction/'));
  await citizen.chooseBank('saaristo');
  await citizen.identifyAtBank('Laura Järvinen');
  await audit('demo-claims', 'demo');
  // Logging out at Portti itself, with no e-service to return to, ends on Portti's own page.
  await page.goto(`${site.system.issuer}/session/end`);
  await audit('logout-confirm');
  await citizen.confirmLogout((url) => citizen.isPortti(url) && url.pathname === '/session/end/success');
  await audit('logged-out');
  await page.getByRole('link', { name: citizen.t('footer.accessibility') }).click();
  await page.waitForURL((url) => url.pathname === '/accessibility');
  await audit('accessibility-statement');
  await page.goto(`${site.system.issuer}/interaction/an-interaction-that-has-expired`);
  await audit('error-expired-interaction');
  await page.goto(`${site.system.issuer}/auth?client_id=no-such-eservice&response_type=code&scope=openid`);
  await audit('error-bad-request');

  // Mobile certificate: the phone-number page, a number Portti refuses, the wait, and a cancel on the phone.
  await citizen.openDemo();
  await citizen.logInAtDemo({ askIdentityCode: false });
  await citizen.chooseMobile();
  await audit('mobile-phone');
  await citizen.sendPhoneNumber('12345', 'refused');
  await audit('mobile-phone-invalid-number');
  const mssp = site.mssp!;
  const answerDelayMs = mssp.options.answerDelayMs;
  mssp.options.answerDelayMs = 120_000; // the phone stays silent while the waiting page is audited
  try {
    await citizen.sendPhoneNumber(CANCELLING_PHONE, 'wait');
    await audit('mobile-wait');
  } finally {
    mssp.options.answerDelayMs = answerDelayMs;
  }
  // The page's own script notices the answer and moves on.
  await page.getByRole('heading', { level: 1, name: citizen.t('mobile.result.cancelled') }).waitFor();
  await audit('mobile-cancelled');
  await page.getByRole('link', { name: citizen.t('mobile.back') }).click();
  await page.waitForURL((url) => citizen.isPortti(url) && /^\/interaction\/[^/]+$/.test(url.pathname));
  await citizen.cancelAtPortti();
  await audit('demo-cancelled', 'demo');

  // Payments: Portti's payment page, the sandbox provider, the way back, and Portti's own pages after it.
  await citizen.openDemo();
  await citizen.payAtDemo();
  await audit('payment');
  await citizen.choosePaymentMethod(SANDBOX_PAYMENT_BANK);
  const paid = await citizen.payAtProvider();
  await audit('demo-payment-result', 'demo');
  await page.goto(`${site.system.issuer}/pay/${paid}`);
  await page.getByRole('status').filter({ hasText: citizen.t('payment.done.succeeded') }).waitFor();
  await audit('payment-succeeded');
  await citizen.openDemo();
  await citizen.payAtDemo();
  const cancelled = await citizen.cancelPayment();
  await page.goto(`${site.system.issuer}/pay/${cancelled}`);
  await page.getByRole('status').filter({ hasText: citizen.t('payment.done.cancelled') }).waitFor();
  await audit('payment-cancelled');
  await citizen.openDemo();
  await citizen.payAtDemo({ identify: true });
  await citizen.cancelAtPortti((url) => citizen.isPortti(url) && url.pathname.startsWith('/pay/'));
  await page.getByRole('heading', { level: 1, name: citizen.t('payment.identify.title') }).waitFor();
  await audit('payment-identify');
  await page.goto(`${site.system.issuer}/pay/pay_AAAAAAAAAAAAAAAAAAAA`);
  await audit('error-payment-not-found');
  return problems;
}

/** The sandbox MSSP's phone whose owner cancels on the phone (README, "Mobile certificate"). */
const CANCELLING_PHONE = '040 000 0101';

describe('browser: every citizen page is accessible, in every language', function () {
  this.timeout(120_000); // a tour takes about 30 s on a 2-core machine; a busy one is slower
  let site: DemoSystem;
  let browser: Browser;
  let context: BrowserContext | undefined;

  before(async () => {
    [site, browser] = await Promise.all([startDemoSystem({ mobile: true, payments: true }), launchChromium()]);
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });
  after(async () => {
    await browser?.close();
    await site?.close();
    announceScreenshots();
  });

  for (const locale of LOCALES) {
    it(`${locale}: WCAG 2.1 AA (axe), lang, title, headings, labels, visible focus, 320 px reflow, no raw keys`, async () => {
      context = await newCitizenContext(browser, locale);
      context.setDefaultTimeout(15_000);
      expect(await tourEveryCitizenPage(await context.newPage(), site, locale)).to.deep.equal([]);
    });
  }
});
