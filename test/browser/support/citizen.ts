import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { LOGIN_PAGE_TEXTS } from '../../../adapters/bank/sandbox/login-page.ts';
import { translate, type MessageKey } from '../../../src/i18n/catalog.ts';
import type { Locale } from '../../../src/i18n/locale.ts';
import type { DemoSystem } from '../../support/start-demo-system.ts';
import { READ_CLAIMS_TABLE } from './in-page.ts';

/** The demo e-service's own words (it speaks English only). */
export const DEMO_TEXT = {
  name: 'Permit service (demo)',
  askIdentityCode: 'Also ask for my personal identity code',
  language: 'Language of the identification service',
  level: 'Level of assurance',
  logIn: 'Log in',
  logOut: 'Log out',
  cancelled: 'You cancelled the login',
  payIdentified: 'Identify me before I pay',
  payLanguage: 'Language of the payment page',
  pay: /^Pay \d/,
} as const;

/** The sandbox payment provider's own words (it speaks English only). */
export const PSP_TEXT = { pay: /^Pay \d/, cancel: 'Cancel' } as const;

/** A payment method on Portti's payment page, as the sandbox provider lists it. */
export const SANDBOX_PAYMENT_BANK = 'Revontulipankki';

/**
 * A citizen in a browser tab, clicking through the demo e-service, Portti and a sandbox
 * bank in `locale`. Each step clicks what a person would click and waits until the page
 * it leads to has loaded, so a step that lands anywhere else fails at once.
 */
export class Citizen {
  constructor(
    readonly page: Page,
    readonly site: DemoSystem,
    readonly locale: Locale,
  ) {}

  t(key: MessageKey): string {
    return translate(this.locale, key);
  }

  get bankText() {
    return LOGIN_PAGE_TEXTS[this.locale];
  }

  /** A bank's label on Portti's method choice, from the configuration. */
  bankLabel(bankId: string): string {
    const bank = this.site.system.config.bank.upstreams.flatMap((u) => u.banks).find((b) => b.id === bankId);
    if (!bank) throw new Error(`no bank ${bankId} in the test configuration`);
    return bank.label[this.locale];
  }

  /** The card method's tile label on Portti's method choice, from the configuration. */
  cardLabel(): string {
    const { card } = this.site.system.config;
    if (!card.enabled) throw new Error('the card method is not on in the test configuration');
    return card.label[this.locale];
  }

  isPortti = (url: URL): boolean => url.origin === new URL(this.site.system.issuer).origin;
  isBank = (url: URL): boolean => this.site.system.banks.some((b) => new URL(b.issuer).origin === url.origin);
  isDemo = (url: URL): boolean => url.origin === new URL(this.site.demoUrl).origin;
  isPsp = (url: URL): boolean => this.site.psp !== undefined && url.origin === new URL(this.site.psp.url).origin;
  isPaymentPage = (url: URL): boolean => this.isPortti(url) && /^\/pay\/pay_[^/]+$/.test(url.pathname);

  async openDemo(): Promise<void> {
    await this.page.goto(this.site.demoUrl);
    await this.page.getByRole('heading', { level: 1, name: DEMO_TEXT.name }).waitFor();
  }

  /** On the demo's front page: the login form, then Portti's method choice. */
  async logInAtDemo(options: { askIdentityCode: boolean }): Promise<void> {
    if (options.askIdentityCode) await this.page.getByLabel(DEMO_TEXT.askIdentityCode).check();
    await this.page.getByLabel(DEMO_TEXT.language).selectOption(this.locale);
    await this.page.getByRole('button', { name: DEMO_TEXT.logIn, exact: true }).click();
    await this.page.waitForURL((url) => this.isPortti(url) && url.pathname.startsWith('/interaction/'));
  }

  async chooseBank(bankId: string): Promise<void> {
    await this.page.getByRole('button', { name: this.bankLabel(bankId) }).click();
    await this.page.waitForURL(this.isBank);
  }

  /** At the sandbox bank: pick a test person by name and identify. */
  async identifyAtBank(person: string, landsOn: (url: URL) => boolean = this.isDemo): Promise<void> {
    await this.page.getByLabel(person).check();
    await this.page.getByRole('button', { name: this.bankText.identify, exact: true }).click();
    await this.page.waitForURL(landsOn);
  }

  async cancelAtBank(): Promise<void> {
    await this.page.getByRole('button', { name: this.bankText.cancel, exact: true }).click();
    await this.page.waitForURL((url) => this.isPortti(url) && url.searchParams.get('notice') === 'cancelled');
  }

  /** On the method choice: cancel, back to the demo's "cancelled" page, or wherever `landsOn` says. */
  async cancelAtPortti(landsOn?: (url: URL) => boolean): Promise<void> {
    await this.page.getByRole('button', { name: this.t('method.cancel'), exact: true }).click();
    if (landsOn) return this.page.waitForURL(landsOn);
    await this.page.getByRole('heading', { level: 1, name: DEMO_TEXT.cancelled }).waitFor();
    expect(this.isDemo(new URL(this.page.url()))).to.equal(true);
  }

  /** On the method choice: the mobile certificate tile leads to the phone-number page. */
  async chooseMobile(): Promise<void> {
    await this.page.getByRole('region', { name: this.t('method.group.mobile') }).getByRole('button').first().click();
    await this.page.waitForURL((url) => this.isPortti(url) && url.pathname.endsWith('/mobile'));
  }

  /**
   * On the method choice: the ID card tile, through the card endpoint (which asks the
   * browser for its certificate) and back: logged in at the demo, or on Portti's refusal page.
   */
  async chooseCard(outcome: 'logged-in' | 'refused'): Promise<void> {
    await this.page.getByRole('region', { name: this.t('method.group.card') }).getByRole('button').first().click();
    await this.cameBackFromCard(outcome);
  }

  /** On a card refusal page: "Try again" goes through the card endpoint again, with a new hand-off. */
  async retryCard(outcome: 'logged-in' | 'refused'): Promise<void> {
    const refusal = this.page.url();
    await this.page.getByRole('button', { name: this.t('method.retry'), exact: true }).click();
    await this.cameBackFromCard(outcome, refusal);
  }

  private async cameBackFromCard(outcome: 'logged-in' | 'refused', notAt?: string): Promise<void> {
    if (outcome === 'logged-in') return this.page.waitForURL(this.isDemo);
    await this.page.waitForURL((url) => url.href !== notAt && this.isPortti(url) && /^\/interaction\/[^/]+\/card\/result$/.test(url.pathname));
    await this.page.getByRole('heading', { level: 1, name: this.t('card.result.failed') }).waitFor();
  }

  /** On a method's result page (mobile, card): "Choose another method" leads back to the method choice. */
  async chooseAnotherMethod(): Promise<void> {
    await this.page.getByRole('link', { name: this.t('method.another'), exact: true }).click();
    await this.page.waitForURL((url) => this.isPortti(url) && /^\/interaction\/[^/]+$/.test(url.pathname));
    await this.page.getByRole('heading', { level: 1, name: this.t('method.title') }).waitFor();
  }

  /** On the phone-number page: type a number and send it; `refused` when Portti should show the page again with an error. */
  async sendPhoneNumber(phone: string, outcome: 'wait' | 'refused'): Promise<void> {
    await this.page.getByLabel(this.t('mobile.phone.label'), { exact: true }).fill(phone);
    await this.page.getByRole('button', { name: this.t('mobile.phone.submit'), exact: true }).click();
    if (outcome === 'wait') await this.page.waitForURL((url) => this.isPortti(url) && url.pathname.endsWith('/mobile/wait'));
    else await this.page.getByRole('heading', { level: 2, name: this.t('mobile.phone.errorSummary') }).waitFor();
  }

  /** On the demo's front page: the "Pay" form, then Portti's payment page (or, with `identify`, Portti's login). */
  async payAtDemo(options: { identify?: boolean } = {}): Promise<void> {
    if (options.identify) await this.page.getByLabel(DEMO_TEXT.payIdentified).check();
    await this.page.getByLabel(DEMO_TEXT.payLanguage).selectOption(this.locale);
    await this.page.getByRole('button', { name: DEMO_TEXT.pay }).click();
    await this.page.waitForURL((url) => options.identify
      ? this.isPortti(url) && url.pathname.startsWith('/interaction/')
      : this.isPaymentPage(url));
  }

  /** On Portti's payment page: a method tile posts to the sandbox provider. */
  async choosePaymentMethod(name: string): Promise<void> {
    await this.page.getByRole('button', { name, exact: true }).click();
    await this.page.waitForURL(this.isPsp);
  }

  /** At the sandbox provider: pay, and come back through Portti to the demo's result page. */
  async payAtProvider(): Promise<string> {
    await this.page.getByRole('button', { name: PSP_TEXT.pay }).click();
    await this.page.waitForURL((url) => this.isDemo(url) && url.pathname === '/payment/return');
    return new URL(this.page.url()).searchParams.get('payment_id')!;
  }

  /** On Portti's payment page: "Cancel the payment" goes back to the demo. */
  async cancelPayment(): Promise<string> {
    await this.page.getByRole('button', { name: this.t('payment.cancel'), exact: true }).click();
    await this.page.waitForURL(this.isDemo);
    return new URL(this.page.url()).searchParams.get('payment_id')!;
  }

  /** In the demo, logged in: "Log out" leads to Portti's confirmation. */
  async logOutAtDemo(): Promise<void> {
    await this.page.getByRole('button', { name: DEMO_TEXT.logOut, exact: true }).click();
    await this.page.waitForURL((url) => this.isPortti(url) && url.pathname.startsWith('/session/end'));
  }

  async confirmLogout(landsOn: (url: URL) => boolean): Promise<void> {
    await this.page.getByRole('button', { name: this.t('logout.confirm'), exact: true }).click();
    await this.page.waitForURL(landsOn);
  }

  /** The demo's claims table, claim name to the value from the ID token. */
  async claims(): Promise<Record<string, string>> {
    return Object.fromEntries(await this.page.evaluate<[string, string][]>(READ_CLAIMS_TABLE));
  }
}
