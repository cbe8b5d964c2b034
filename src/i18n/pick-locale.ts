import { DEFAULT_LOCALE, isLocale } from './locale.ts';
import type { Locale } from './locale.ts';

export interface LocaleSources {
  /** A language switch or the language cookie: the citizen's own choice. */
  explicit?: string | undefined;
  /** OIDC `ui_locales`: space-separated BCP 47 tags, in the e-service's preference order. */
  uiLocales?: string | undefined;
  /** The browser's `Accept-Language` header. */
  acceptLanguage?: string | undefined;
}

/** `sv-FI`, `SV_fi` and `sv` all mean `sv`; anything we do not serve is undefined. */
function toLocale(tag: string): Locale | undefined {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(primary) ? primary : undefined;
}

function firstSupported(tags: Iterable<string>): Locale | undefined {
  for (const tag of tags) {
    const locale = toLocale(tag);
    if (locale) return locale;
  }
  return undefined;
}

/** Tags in descending q order; equal q keeps header order, q=0 and malformed q are dropped. */
function parseAcceptLanguage(header: string): string[] {
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';').map((s) => s.trim());
      const qParam = params.find((p) => /^q=/i.test(p));
      const q = qParam === undefined ? 1 : /^q=(0(\.\d{0,3})?|1(\.0{0,3})?)$/i.test(qParam) ? Number(qParam.slice(2)) : 0;
      return { tag, q, index };
    })
    .filter((entry) => entry.tag !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}

/** Explicit choice first, then `ui_locales`, then `Accept-Language`, else Finnish. */
export function pickLocale(input: LocaleSources): Locale {
  return (
    (input.explicit !== undefined ? toLocale(input.explicit) : undefined) ??
    (input.uiLocales !== undefined ? firstSupported(input.uiLocales.split(/\s+/)) : undefined) ??
    (input.acceptLanguage !== undefined ? firstSupported(parseAcceptLanguage(input.acceptLanguage)) : undefined) ??
    DEFAULT_LOCALE
  );
}
