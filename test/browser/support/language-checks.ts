import { CATALOGS } from '../../../src/i18n/catalog.ts';
import { LOCALES, type Locale } from '../../../src/i18n/locale.ts';

const KEYS = new Set(Object.keys(CATALOGS.en));
/** `method`, `error`, `a11y`...: a word before a dot that only a message key would start with. */
const NAMESPACES = new Set([...KEYS].map((key) => key.split('.')[0]!));
/** Wider than `/[a-z]+\.[a-z]+/`: keys have digits (`a11y.intro`), camel case (`error.notFound`) and codes (`mobile.failure.ERR_MOBILE_FAULT`). */
const KEY_LIKE = /\b[a-z][a-zA-Z0-9_]*(?:\.[a-zA-Z0-9_]+)+\b/g;
/** Text shorter than this is too likely to occur by chance in another language. */
const MIN_FRAGMENT = 8;

/**
 * Message keys shown as text: a catalog key, or a key-like word in a catalog namespace
 * (a key built at run time that the catalogs lack). `catalogKeysOnly` for pages that are
 * not Portti's: they build no keys, and may show words such as the webhook event type
 * `payment.succeeded` that only look like one.
 */
export function rawKeysIn(text: string, options: { readonly catalogKeysOnly?: boolean } = {}): string[] {
  return [...new Set(text.match(KEY_LIKE) ?? [])]
    .filter((word) => KEYS.has(word) || (!options.catalogKeysOnly && NAMESPACES.has(word.split('.')[0]!)));
}

/** A `{name}` placeholder that reached the page unreplaced. */
export function placeholdersIn(text: string): string[] {
  return text.match(/\{\w+\}/g) ?? [];
}

/**
 * Catalog text of another language on a page in `locale`: a string that is hard-coded,
 * or translated with the wrong locale. Language names are meant to appear in every language.
 */
export function otherLanguageTextIn(text: string, locale: Locale): string[] {
  const own = CATALOGS[locale];
  const found: string[] = [];
  for (const other of LOCALES.filter((l) => l !== locale)) {
    for (const [key, message] of Object.entries(CATALOGS[other]) as [keyof typeof own, string][]) {
      if (key.startsWith('lang.') || message === own[key]) continue;
      for (const fragment of message.split(/\{\w+\}/).map((f) => f.trim())) {
        if (fragment.length >= MIN_FRAGMENT && text.includes(fragment)) found.push(`${other} "${key}": "${fragment}"`);
      }
    }
  }
  return found;
}
