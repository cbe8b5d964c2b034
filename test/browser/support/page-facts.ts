import type { Page } from 'playwright-core';
import { READ_EVERY_FOCUS, READ_FOCUS, READ_PAGE_FACTS } from './in-page.ts';

/** What a citizen (and a screen reader) gets from a page, read in the browser. */
export interface PageFacts {
  readonly lang: string;
  readonly title: string;
  readonly headings: readonly { readonly level: number; readonly text: string }[];
  /** Form fields with no label, `aria-label` or `aria-labelledby`, by their HTML. */
  readonly unlabelledFields: readonly string[];
  /** Fields marked `aria-invalid` whose `aria-describedby` names no element with text: an error not tied to its field. */
  readonly unexplainedInvalidFields: readonly string[];
  /** The rendered text and every text given only to assistive technology (aria-label, alt, title). */
  readonly text: string;
}

export function readPageFacts(page: Page): Promise<PageFacts> {
  return page.evaluate<PageFacts>(READ_PAGE_FACTS);
}

/** The element that has keyboard focus, and whether a sighted keyboard user can see that. */
export interface FocusStop {
  /** Position of the element in the document, to tell elements apart. */
  readonly index: number;
  readonly description: string;
  /** An outline or a box shadow is drawn around it. */
  readonly indicated: boolean;
  /** It has a size and lies inside the viewport (to within a pixel). */
  readonly onScreen: boolean;
}

export function readFocus(page: Page): Promise<FocusStop | undefined> {
  return page.evaluate<FocusStop | undefined>(READ_FOCUS);
}

/**
 * How every element reachable with Tab shows its focus. One real Tab press first puts the
 * browser in keyboard mode, so each element draws the focus a keyboard user would see.
 */
export async function readEveryFocus(page: Page): Promise<FocusStop[]> {
  await page.keyboard.press('Tab');
  return page.evaluate<FocusStop[]>(READ_EVERY_FOCUS);
}

/**
 * Presses Tab until the focused element's description matches `target`, and fails if it
 * is not reached or if any element on the way shows no focus.
 */
export async function tabTo(page: Page, target: RegExp, limit = 30): Promise<FocusStop> {
  const seen: FocusStop[] = [];
  for (let presses = 0; presses <= limit; presses += 1) {
    const stop = await readFocus(page);
    if (stop) {
      if (!stop.indicated || !stop.onScreen) throw new Error(`focus is not visible on ${stop.description} (${page.url()})`);
      if (target.test(stop.description)) return stop;
      if (seen.some((s) => s.index === stop.index)) break; // round once, never there
      seen.push(stop);
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target} on ${page.url()}; focus went: ${seen.map((s) => s.description).join(', ')}`);
}
