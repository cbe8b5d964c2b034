import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { TALLER_THAN_WINDOW } from './in-page.ts';

/** Gitignored (`test-output/`); emptied once per test run so no stale picture survives a rename. */
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../../test-output/screenshots');

let prepared = false;
let announced = false;

/** Saves the whole page as `<name>.png` for a reviewer to look at. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  if (!prepared) {
    rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    prepared = true;
  }
  // A full-page capture resizes the page behind the scenes; only pages taller than the window need it.
  const fullPage = await page.evaluate<boolean>(TALLER_THAN_WINDOW);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage, animations: 'disabled' });
}

/** Prints where the screenshots are, once per run. */
export function announceScreenshots(): void {
  if (!prepared || announced) return;
  announced = true;
  console.log(`      screenshots of every citizen page: ${SCREENSHOT_DIR}`);
}
