import type { Context } from 'koa';
import { LANGUAGE_COOKIE } from '../http/request-locale.ts';
import { isLocale } from '../i18n/locale.ts';

/** Keeps a language chosen with the page's language switch (`?lang=sv`) for the citizen's later pages. */
export function rememberLanguageSwitch(ctx: Context, secureCookies: boolean): void {
  // An unsupported `lang` is ignored rather than refused: the page still shows in a language we have.
  if (isLocale(ctx.query.lang)) {
    ctx.cookies.set(LANGUAGE_COOKIE, ctx.query.lang, { httpOnly: true, sameSite: 'lax', secure: secureCookies, signed: false, maxAge: 365 * 86400_000 });
  }
}
