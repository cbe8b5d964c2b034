import { startDemoSystem } from '../support/start-demo-system.ts';
import { launchChromium, newCitizenContext } from './support/chromium.ts';
it('dbg', async function () {
  this.timeout(60000);
  const site = await startDemoSystem();
  const browser = await launchChromium();
  const context = await newCitizenContext(browser, 'fi');
  const page = await context.newPage();
  page.on('response', (r) => console.log('RESP', r.status(), r.url().slice(0, 120), r.headers()['location']?.slice(0, 100)));
  page.on('requestfailed', (r) => console.log('FAILED', r.url().slice(0, 120), r.failure()?.errorText));
  page.on('console', (m) => console.log('CONSOLE', m.text()));
  await page.goto(site.demoUrl);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await page.waitForTimeout(3000);
  console.log('URL', page.url());
  const c = await page.content(); console.log(c.match(/<style nonce="[^"]*"/)?.[0]); console.log('READY', await page.evaluate(() => document.readyState));
  await browser.close(); await site.close();
});
