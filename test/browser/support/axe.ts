import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { HAS_AXE, runAxe } from './in-page.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.1 levels A and AA: what Finnish public services must meet (Act 306/2019). */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

interface Violation {
  readonly id: string;
  readonly help: string;
  readonly targets: readonly string[];
}

/**
 * Runs axe-core on the page and describes each violation with the elements it found.
 * axe is evaluated through the DevTools protocol, not added as a `<script>`: Portti's CSP
 * allows only scripts carrying the response's nonce, and the tests must see the page with
 * exactly the CSP a citizen gets.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate<boolean>(HAS_AXE))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<Violation[]>(runAxe(WCAG_21_AA));
  return violations.map((v) => `axe ${v.id}: ${v.help}: ${v.targets.join('; ')}`);
}
