import type { Page } from 'playwright-core';

/** What a citizen (and a screen reader) gets from a page, read in the browser. */
export interface PageFacts {
  readonly lang: string;
  readonly title: string;
  readonly headings: readonly { readonly level: number; readonly text: string }[];
  /** Form fields with no label, `aria-label` or `aria-labelledby`, by their HTML. */
  readonly unlabelledFields: readonly string[];
  /** The rendered text and every text given only to assistive technology (aria-label, alt, title). */
  readonly text: string;
  readonly scrollWidth: number;
}

// In-page functions below avoid named inner functions: tsx would wrap them in a helper the page lacks.

export function readPageFacts(page: Page): Promise<PageFacts> {
  return page.evaluate(() => {
    const fields = [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
      'input:not([type="hidden"]), select, textarea')];
    const announced = [...document.querySelectorAll('[aria-label], [alt], [title]')]
      .map((el) => ['aria-label', 'alt', 'title'].map((name) => el.getAttribute(name) ?? '').join(' '));
    return {
      lang: document.documentElement.lang,
      title: document.title,
      headings: [...document.querySelectorAll<HTMLElement>('h1, h2, h3, h4, h5, h6')]
        .map((h) => ({ level: Number(h.tagName.slice(1)), text: h.innerText.trim() })),
      unlabelledFields: fields
        .filter((f) => (f.labels?.length ?? 0) === 0 && !f.getAttribute('aria-label') && !f.getAttribute('aria-labelledby'))
        .map((f) => f.outerHTML),
      text: [document.title, document.body.innerText, ...announced].join('\n'),
      scrollWidth: document.documentElement.scrollWidth,
    };
  });
}

/** The element that has keyboard focus, and whether a sighted keyboard user can see that. */
export interface FocusStop {
  /** Position of the element in the document, to tell elements apart. */
  readonly index: number;
  readonly description: string;
  /** An outline or a box shadow is drawn around it. */
  readonly indicated: boolean;
  /** It has a size and lies inside the viewport. */
  readonly onScreen: boolean;
}

export function readFocus(page: Page): Promise<FocusStop | undefined> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body || el === document.documentElement) return undefined;
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    const name = (el.getAttribute('aria-label') ?? el.innerText ?? '').trim().replace(/\s+/g, ' ');
    const value = el instanceof HTMLInputElement ? ` [${el.type}=${el.value}]` : '';
    return {
      index: [...document.querySelectorAll('*')].indexOf(el),
      description: `<${el.tagName.toLowerCase()}>${value} "${name.slice(0, 60)}"`,
      indicated: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none',
      onScreen: rect.width > 0 && rect.height > 0 && rect.left >= 0 && rect.top >= 0 && rect.right <= innerWidth && rect.bottom <= innerHeight,
    };
  });
}

/**
 * Presses Tab until focus comes back round to where it started, and returns each element
 * focused on the way (the element focused on load, e.g. by `autofocus`, first).
 */
export async function tabThroughPage(page: Page, limit = 40): Promise<FocusStop[]> {
  const stops: FocusStop[] = [];
  const initial = await readFocus(page);
  if (initial) stops.push(initial);
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press('Tab');
    const stop = await readFocus(page);
    if (!stop) continue; // focus left the document on its way round
    if (stops.some((seen) => seen.index === stop.index)) return stops;
    stops.push(stop);
  }
  throw new Error(`focus did not come round in ${limit} presses of Tab (a keyboard trap?): ${stops.map((s) => s.description).join(', ')}`);
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
      seen.push(stop);
      if (target.test(stop.description)) return stop;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target} on ${page.url()}; focus went: ${seen.map((s) => s.description).join(', ')}`);
}
