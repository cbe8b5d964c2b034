import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { LOCALES, type Locale } from '../../src/i18n/locale.ts';
import { startDemoSystem, type DemoSystem } from '../support/start-demo-system.ts';
import { auditCitizenPage, type PageOwner } from './support/audit-page.ts';
import { launchChromium, newCitizenContext } from './support/chromium.ts';
import { Citizen } from './support/citizen.ts';
import { announceScreenshots } from './support/screenshots.ts';

/**
 * Visits every page a citizen can see, in the order a citizen meets them, and audits each
 * (see `auditCitizenPage`); returns every problem found. The demo e-service speaks only
 * English, so its pages are audited on the English tour. New pages (mobile certificate,
 * card, payment) join the tour where a citizen would meet them.
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

  await citizen.openDemo();
  await citizen.logInAtDemo({ askIdentityCode: false });
  await citizen.cancelAtPortti();
  await audit('demo-cancelled', 'demo');
  return problems;
}

describe('browser: every citizen page is accessible, in every language', function () {
  this.timeout(120_000); // a tour takes about 15 s on a 2-core machine; a busy one is slower
  let site: DemoSystem;
  let browser: Browser;
  let context: BrowserContext | undefined;

  before(async () => {
    [site, browser] = await Promise.all([startDemoSystem(), launchChromium()]);
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
