/**
 * JavaScript the tests run inside the page, kept as source text: tsx never rewrites it
 * (it would wrap named functions in a helper the page does not have), and the DOM types
 * stay out of the Node program that `tsc` checks. Each is an expression for
 * `page.evaluate`; the tests exercise every one of them on every run.
 */

/** See `PageFacts`. */
export const READ_PAGE_FACTS = `(() => {
  const fields = [...document.querySelectorAll('input:not([type="hidden"]), select, textarea')];
  const announced = [...document.querySelectorAll('[aria-label], [alt], [title]')]
    .map((el) => ['aria-label', 'alt', 'title'].map((name) => el.getAttribute(name) || '').join(' '));
  return {
    lang: document.documentElement.lang,
    title: document.title,
    headings: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
      .map((h) => ({ level: Number(h.tagName.slice(1)), text: h.innerText.trim() })),
    unlabelledFields: fields
      .filter((f) => f.labels.length === 0 && !f.getAttribute('aria-label') && !f.getAttribute('aria-labelledby'))
      .map((f) => f.outerHTML),
    unexplainedInvalidFields: fields
      .filter((f) => f.getAttribute('aria-invalid') === 'true')
      .filter((f) => !(f.getAttribute('aria-describedby') || '').split(/\\s+/)
        .some((id) => (document.getElementById(id)?.innerText || '').trim() !== ''))
      .map((f) => f.outerHTML),
    text: [document.title, document.body.innerText, ...announced].join('\\n'),
  };
})()`;

/** See `FocusStop`; undefined when nothing in the document has focus. */
export const READ_FOCUS = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return undefined;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const name = (el.getAttribute('aria-label') || (el.labels && el.labels[0] ? el.labels[0].innerText : '') || el.innerText || '').trim().replace(/\\s+/g, ' ');
  const value = el instanceof HTMLInputElement ? ' [' + el.type + '=' + el.value + ']' : '';
  return {
    index: [...document.querySelectorAll('*')].indexOf(el),
    description: '<' + el.tagName.toLowerCase() + '>' + value + ' "' + name.slice(0, 60) + '"',
    indicated: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none',
    // Chromium scrolls a focused element into view by whole pixels, so an edge at a fractional position may end up to a pixel outside.
    onScreen: rect.width > 0 && rect.height > 0 && rect.left > -1 && rect.top > -1 && rect.right < innerWidth + 1 && rect.bottom < innerHeight + 1,
  };
})()`;

/**
 * Focuses every element a Tab press can reach, in turn, and says how each shows its focus
 * (see `FocusStop`). One round trip instead of one per Tab press; call it after one real
 * Tab press, so the browser draws focus as it does for keyboard users (:focus-visible).
 */
export const READ_EVERY_FOCUS = `(() => {
  const tabbable = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
    .filter((el) => el.tabIndex >= 0 && !el.disabled && !(el instanceof HTMLInputElement && el.type === 'hidden'))
    .filter((el) => !(el instanceof HTMLInputElement && el.type === 'radio' && el.name && !el.checked
      && document.querySelector('input[type="radio"][name="' + CSS.escape(el.name) + '"]:checked')))
    .filter((el) => el.getClientRects().length > 0 || el === document.activeElement);
  const stops = tabbable.map((el) => {
    el.focus();
    return ${READ_FOCUS};
  });
  window.scrollTo(0, 0);
  return stops.filter((s) => s !== undefined);
})()`;

export const HAS_AXE = `typeof window.axe === 'object'`;

/** axe-core's violations for these tags, each with the elements it found. */
export function runAxe(tags: readonly string[]): string {
  return `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(tags)} }, resultTypes: ['violations'] })
  .then((results) => results.violations.map((v) => ({
    id: v.id,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ') + (n.failureSummary ? ' (' + n.failureSummary.replace(/\\s+/g, ' ') + ')' : '')),
  })))`;
}

/** Takes focus away and scrolls to the top, so a screenshot shows the page as it opens. */
export const RESET_FOCUS_AND_SCROLL = `(() => {
  if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  window.scrollTo(0, 0);
})()`;

export const SCROLL_WIDTH = `document.documentElement.scrollWidth`;
export const TALLER_THAN_WINDOW = `document.documentElement.scrollHeight > window.innerHeight`;

/** The demo e-service's claims table as [claim, value in the ID token] pairs. */
export const READ_CLAIMS_TABLE = `[...document.querySelectorAll('table tbody tr')]
  .map((tr) => [tr.querySelector('th')?.textContent.trim() ?? '', tr.querySelector('td')?.textContent.trim() ?? ''])`;
