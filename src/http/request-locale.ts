import type { Context } from 'koa';
import type { Locale } from '../i18n/locale.ts';
import { pickLocale } from '../i18n/pick-locale.ts';

export const LANGUAGE_COOKIE = 'portti_lang';

/**
 * The citizen's language for this response: a language switch (`?lang=`) or its cookie,
 * then the e-service's `ui_locales`, then the browser's Accept-Language, then Finnish.
 */
export function requestLocale(ctx: Pick<Context, 'query' | 'get' | 'cookies'>, uiLocales?: unknown): Locale {
  const fromQuery = typeof ctx.query.lang === 'string' ? ctx.query.lang : undefined;
  return pickLocale({
    explicit: fromQuery ?? ctx.cookies.get(LANGUAGE_COOKIE) ?? undefined,
    uiLocales: typeof uiLocales === 'string' ? uiLocales : undefined,
    acceptLanguage: ctx.get('accept-language') || undefined,
  });
}
