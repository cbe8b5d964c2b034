import type { Page } from 'playwright-core';
import { translate } from '../../../src/i18n/catalog.ts';
import type { Locale } from '../../../src/i18n/locale.ts';
import { axeViolations } from './axe.ts';
import { DESKTOP, MOBILE, NARROWEST } from './chromium.ts';
import { RESET_FOCUS_AND_SCROLL, SCROLL_WIDTH } from './in-page.ts';
import { otherLanguageTextIn, placeholdersIn, rawKeysIn } from './language-checks.ts';
import { readEveryFocus, readPageFacts, type PageFacts } from './page-facts.ts';
import { saveScreenshot } from './screenshots.ts';

/** Whose page it is: Portti's own pages must speak the catalogs; the others are its peers in the sandbox. */
export type PageOwner = 'portti' | 'bank' | 'demo';

export interface CitizenPage {
  /** Short and stable, used in messages and screenshot names, e.g. `03-method-choice`. */
  readonly name: string;
  readonly owner: PageOwner;
  /** The language the citizen chose; the page must be in it (the demo e-service speaks English only). */
  readonly locale: Locale;
}

function headingProblems(facts: PageFacts): string[] {
  const levels = facts.headings.map((h) => h.level);
  const problems: string[] = [];
  if (levels[0] !== 1) problems.push(`the first heading is h${levels[0] ?? '-'}, not h1`);
  if (levels.filter((l) => l === 1).length !== 1) problems.push(`${levels.filter((l) => l === 1).length} h1 elements`);
  levels.forEach((level, i) => {
    if (i > 0 && level > levels[i - 1]! + 1) problems.push(`heading levels skip from h${levels[i - 1]} to h${level} ("${facts.headings[i]!.text}")`);
  });
  return problems;
}

function titleProblems(facts: PageFacts, target: CitizenPage): string[] {
  const h1 = facts.headings.find((h) => h.level === 1)?.text ?? '';
  if (facts.title.trim() === '') return ['the page has no title'];
  const problems = facts.title.includes(h1) ? [] : [`the title "${facts.title}" does not say what the h1 says ("${h1}")`];
  const portti = ` - ${translate(target.locale, 'app.name')}`;
  if (target.owner === 'portti' && !facts.title.endsWith(portti)) problems.push(`the title "${facts.title}" does not end in "${portti}"`);
  return problems;
}

function languageProblems(facts: PageFacts, target: CitizenPage): string[] {
  const expected = target.owner === 'demo' ? 'en' : target.locale;
  const problems = facts.lang === expected ? [] : [`<html lang="${facts.lang}">, expected "${expected}"`];
  problems.push(...rawKeysIn(facts.text, { catalogKeysOnly: target.owner !== 'portti' }).map((key) => `shows the message key "${key}"`));
  if (target.owner === 'portti') {
    problems.push(...placeholdersIn(facts.text).map((p) => `shows the placeholder ${p}`));
    problems.push(...otherLanguageTextIn(facts.text, target.locale).map((t) => `shows ${t}`));
  }
  return problems;
}

async function focusProblems(page: Page): Promise<string[]> {
  const stops = await readEveryFocus(page);
  const problems = stops.filter((s) => !s.indicated).map((s) => `no visible focus on ${s.description}`);
  problems.push(...stops.filter((s) => !s.onScreen).map((s) => `focused but off screen: ${s.description}`));
  if (stops.length === 0) problems.push('nothing can be reached with Tab');
  return problems;
}

async function reflowProblems(page: Page, target: CitizenPage): Promise<string[]> {
  const problems: string[] = [];
  await page.evaluate(RESET_FOCUS_AND_SCROLL);
  await page.setViewportSize(MOBILE);
  await saveScreenshot(page, `${target.name}-${target.locale}-mobile`);
  for (const { width, height } of [MOBILE, NARROWEST]) {
    await page.setViewportSize({ width, height });
    const scrollWidth = await page.evaluate<number>(SCROLL_WIDTH);
    if (scrollWidth > width) problems.push(`scrolls sideways at ${width} px (content ${scrollWidth} px wide)`);
  }
  return problems; // the next audit sets the desktop size again
}

/**
 * Every check a citizen page must pass, as a list of problems (empty when it passes):
 * axe-core WCAG 2.1 A/AA, `lang`, a title naming the page, headings in order, labelled
 * fields, error messages tied to invalid fields, visible focus on every Tab stop, no raw
 * keys or other-language catalog text, and reflow at 320 px. Saves desktop and mobile
 * screenshots on the way.
 */
export async function auditCitizenPage(page: Page, target: CitizenPage): Promise<string[]> {
  await page.setViewportSize(DESKTOP);
  const facts = await readPageFacts(page);
  const problems = [
    ...languageProblems(facts, target),
    ...titleProblems(facts, target),
    ...headingProblems(facts),
    ...facts.unlabelledFields.map((field) => `no label on ${field}`),
    ...facts.unexplainedInvalidFields.map((field) => `an invalid field with no error message tied to it: ${field}`),
    ...(await axeViolations(page)),
  ];
  await saveScreenshot(page, `${target.name}-${target.locale}-desktop`);
  problems.push(...(await focusProblems(page)));
  problems.push(...(await reflowProblems(page, target)));
  return problems.map((problem) => `${target.name} (${target.locale}, ${new URL(page.url()).pathname}): ${problem}`);
}
