import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { CardId } from '../../adapters/card/sandbox/start-sandbox-card-peers.ts';
import { LOCALES, type Locale } from '../../src/i18n/locale.ts';
import type { DemoSystem } from '../support/start-demo-system.ts';
import { auditCitizenPage, type PageOwner } from './support/audit-page.ts';
import { cardReader } from './support/card-reader.ts';
import type { CitizenContextOptions } from './support/chromium.ts';
import { useBrowserSuite } from './support/browser-suite.ts';
import { Citizen, SANDBOX_PAYMENT_BANK } from './support/citizen.ts';
import { announceScreenshots } from './support/screenshots.ts';

/**
 * Visits every page a citizen can see, in the order a citizen meets them, and audits each
 * (see `auditCitizenPage`); returns every problem found. The demo e-service speaks only
 * English, so its pages are audited on the English tour; the sandbox payment provider's
 * page (English only, not Portti's) is passed through without an audit. New pages join
 * the tour where a citizen would meet them. `page`'s browser has an empty card reader; a
 * citizen with a card in the reader gets a browser of their own from `openCardHolderPage`.
 */
async function tourEveryCitizenPage(
  page: Page,
  site: DemoSystem,
  locale: Locale,
  openCardHolderPage: (card: CardId) => Promise<Page>,
): Promise<string[]> {
  const citizen = new Citizen(page, site, locale);
  const problems: string[] = [];
  let step = 0;
  const audit = async (name: string, owner: PageOwner = 'portti', on: Page = page) => {
    step += 1;
    if (owner === 'demo' && locale !== 'en') return;
    problems.push(...await auditCitizenPage(on, { name: `${String(step).padStart(2, '0')}-${name}`, owner, locale }));
  };

  await citizen.openDemo();
  await audit('demo-home', 'demo');
  await citizen.logInAtDemo({ askIdentityCode: true });
  await audit('method-choice'); // every method's tiles: banks, mobile certificate, ID card
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
  await citizen.chooseAnotherMethod();
  await citizen.cancelAtPortti();
  await audit('demo-cancelled', 'demo');

  // ID card: a browser that sends no certificate (no card reader, or no card in it), "Try
  // again" to the same refusal, then "Choose another method".
  await citizen.openDemo();
  await citizen.logInAtDemo({ askIdentityCode: false });
  await citizen.chooseCard('refused');
  await audit('card-no-certificate');
  await citizen.retryCard('refused');
  await citizen.chooseAnotherMethod();
  // A citizen whose card has expired, in a browser that presents its certificate.
  const cardHolder = new Citizen(await openCardHolderPage('expired'), site, locale);
  await cardHolder.openDemo();
  await cardHolder.logInAtDemo({ askIdentityCode: false });
  await cardHolder.chooseCard('refused');
  await audit('card-expired', 'portti', cardHolder.page);
  await cardHolder.chooseAnotherMethod();

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
  this.timeout(120_000); // a tour takes about 35 s on a 2-core machine; a busy one is slower
  const suite = useBrowserSuite({ mobile: true, payments: true, card: true }, announceScreenshots);
  let site: DemoSystem;
  before(() => { site = suite.site; });
  const newPage = (locale: Locale, options: CitizenContextOptions) => suite.newPage(locale, options);

  for (const locale of LOCALES) {
    it(`${locale}: WCAG 2.1 AA (axe), lang, title, headings, labels, visible focus, 320 px reflow, no raw keys`, async () => {
      const page = await newPage(locale, { cardReader: cardReader(site) });
      const openCardHolderPage = (card: CardId) => newPage(locale, { cardReader: cardReader(site, card) });
      expect(await tourEveryCitizenPage(page, site, locale, openCardHolderPage)).to.deep.equal([]);
    });
  }
});
