import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import type { Locale } from '../../../src/i18n/locale.ts';
import type { CardReader } from './card-reader.ts';

/** Debian's Chromium (`apt-get install -y chromium`, see .ci/run); playwright never downloads a browser here. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const DESKTOP = { width: 1280, height: 800 } as const;
export const MOBILE = { width: 375, height: 740 } as const;
/** WCAG 1.4.10 Reflow: content must fit 320 CSS pixels without scrolling sideways. */
export const NARROWEST = { width: 320, height: 740 } as const;

/** One browser per test file; `headless` makes playwright add `--headless` and `--no-sandbox` itself too. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium" (as .ci/run does)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export interface CitizenContextOptions {
  readonly javaScriptEnabled?: boolean;
  /** The context may visit Portti's card endpoint, presenting the reader's card (if any) there. */
  readonly cardReader?: CardReader;
}

/**
 * A fresh context per test: no cookies, desktop size, and the browser's language as a
 * citizen would have set it (it becomes `Accept-Language`).
 *
 * With a card in the reader, playwright presents its certificate through a TLS proxy of
 * its own (`clientCertificates`): Chromium talks to the proxy, and the proxy, in this Node
 * process, makes the handshake with the card endpoint. The endpoint's sandbox server
 * certificate comes from a CA made at start-up, which neither Chromium nor Node 20 can be
 * told to trust at run time, so such contexts ignore certificate errors; the card endpoint
 * is the only https origin in the test system.
 */
export function newCitizenContext(
  browser: Browser,
  browserLanguage: Locale | 'en-US' = 'en-US',
  options: CitizenContextOptions = {},
): Promise<BrowserContext> {
  const locale = browserLanguage === 'en-US' ? 'en-US' : `${browserLanguage}-FI`;
  const { cardReader } = options;
  return browser.newContext({
    locale,
    viewport: DESKTOP,
    reducedMotion: 'reduce',
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    ...(cardReader ? { ignoreHTTPSErrors: true } : {}),
    ...(cardReader?.card ? { clientCertificates: [{ origin: cardReader.origin, ...cardReader.card }] } : {}),
  });
}
