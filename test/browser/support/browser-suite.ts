import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Locale } from '../../../src/i18n/locale.ts';
import { startDemoSystem, type DemoSystem, type DemoSystemOptions } from '../../support/start-demo-system.ts';
import { launchChromium, newCitizenContext, type CitizenContextOptions } from './chromium.ts';

export interface BrowserSuite {
  /** The demo system the suite runs against (started in `before`). */
  readonly site: DemoSystem;
  /** A page in a fresh browser context, closed after the test. */
  newPage(browserLanguage?: Locale | 'en-US', options?: CitizenContextOptions): Promise<Page>;
}

/**
 * The life cycle every browser test file shares: the demo system and Chromium started
 * once for the `describe` it is called in, a fresh context (no cookies) per page, every
 * context closed after its test, and everything stopped at the end.
 */
export function useBrowserSuite(options: DemoSystemOptions = {}, onClose: () => void = () => {}): BrowserSuite {
  let site: DemoSystem | undefined;
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];

  before(async () => {
    [site, browser] = await Promise.all([startDemoSystem(options), launchChromium()]);
  });
  afterEach(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
  });
  after(async () => {
    await browser?.close();
    await site?.close();
    onClose();
  });

  return {
    get site() {
      if (!site) throw new Error('the browser suite has not started yet');
      return site;
    },
    async newPage(browserLanguage = 'en-US', contextOptions = {}) {
      if (!browser) throw new Error('the browser suite has not started yet');
      const context = await newCitizenContext(browser, browserLanguage, contextOptions);
      contexts.push(context);
      context.setDefaultTimeout(15_000);
      return context.newPage();
    },
  };
}
