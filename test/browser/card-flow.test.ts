import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { CardId } from '../../adapters/card/sandbox/start-sandbox-card-peers.ts';
import { LOA3 } from '../support/card-test-system.ts';
import type { DemoSystem } from '../support/start-demo-system.ts';
import { useBrowserSuite } from './support/browser-suite.ts';
import { cardReader } from './support/card-reader.ts';
import { Citizen, DEMO_TEXT } from './support/citizen.ts';
import { tabTo } from './support/page-facts.ts';

const h1 = (page: Page) => page.locator('h1').innerText();
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('browser: a citizen logs in to the demo e-service with the citizen certificate on their ID card', function () {
  this.timeout(60_000);
  const suite = useBrowserSuite({ card: true });
  let site: DemoSystem;
  before(() => { site = suite.site; });
  /** A browser that presents `card` at Portti's card endpoint (none: it sends no certificate). */
  const newPage = (card?: CardId) => suite.newPage('en-US', { cardReader: cardReader(site, card) });

  /** What the sandbox population register answers for the card's SATU: the hetu is not in the certificate. */
  const registered = (card: CardId) => {
    const { givenName, surname, hetu } = site.card!.peers.cards[card];
    return { name: `${givenName} ${surname}`, personal_identity_code: hetu! };
  };


  it('logs in with the valid-ecdsa card: the claims name the holder as the population register does', async () => {
    const citizen = new Citizen(await newPage('valid-ecdsa'), site, 'fi');
    await citizen.openDemo();
    await citizen.logInAtDemo({ askIdentityCode: true });
    await citizen.chooseCard('logged-in');
    expect(await citizen.claims()).to.include({ ...registered('valid-ecdsa'), amr: 'card, sc, pin' });
  });

  it('logs in with the card and the keyboard alone, at the high level in Swedish: Tab, arrow keys and Enter, focus always visible', async () => {
    const page = await newPage('valid-ecdsa');
    const citizen = new Citizen(page, site, 'sv');
    await page.goto(site.demoUrl); // the only navigation not made by a key press

    await tabTo(page, new RegExp(`^<select> "${DEMO_TEXT.language}"`));
    await page.keyboard.press('ArrowDown'); // suomi, then svenska
    expect(await page.getByLabel(DEMO_TEXT.language).inputValue()).to.equal('sv');
    await tabTo(page, new RegExp(`^<select> "${DEMO_TEXT.level}"`));
    await page.keyboard.press('ArrowDown'); // Substantial, then High: the banks are not enough
    expect(await page.getByLabel(DEMO_TEXT.level).inputValue()).to.equal('high');
    await tabTo(page, new RegExp(`^<button> "${DEMO_TEXT.logIn}"`));
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => citizen.isPortti(url) && url.pathname.startsWith('/interaction/'));
    expect(await h1(page)).to.equal(citizen.t('method.title'));
    expect(await page.getByRole('region', { name: citizen.t('method.group.bank') }).count(), 'only high-level methods').to.equal(0);

    await tabTo(page, new RegExp(`^<button> "${escapeRegExp(citizen.cardLabel())}`));
    await page.keyboard.press('Enter');
    await page.waitForURL(citizen.isDemo);
    expect(await citizen.claims()).to.include({ name: registered('valid-ecdsa').name, acr: LOA3, amr: 'card, sc, pin' });
  });

  it('without a certificate: the refusal says so, "Try again" refuses again, and another method still logs in', async () => {
    const page = await newPage();
    const citizen = new Citizen(page, site, 'en');
    await citizen.openDemo();
    await citizen.logInAtDemo({ askIdentityCode: true });
    await citizen.chooseCard('refused');
    expect(await page.getByRole('alert').innerText()).to.equal(citizen.t('card.failure.ERR_CARD_NO_CERTIFICATE'));

    await citizen.retryCard('refused');
    expect(await page.getByRole('alert').innerText()).to.equal(citizen.t('card.failure.ERR_CARD_NO_CERTIFICATE'));

    await citizen.chooseAnotherMethod();
    await citizen.chooseBank('revontuli');
    await citizen.identifyAtBank('Eino Nieminen');
    expect(await citizen.claims()).to.include({ personal_identity_code: '010516B903X', amr: 'bank, revontuli' });
  });
});
