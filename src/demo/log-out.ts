import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'koa';
import { buildEndSessionUrl } from 'openid-client';
import { DemoError } from './demo-error.ts';
import type { DemoDeps } from './demo-deps.ts';
import type { Language } from './login-choices.ts';
import { readDemoForm } from './read-demo-form.ts';
import { endSession, findSession } from './session-cookie.ts';

function sameToken(given: string | null, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Portti's end-session URL, in the language of the login (`ui_locales`), or home when
 * Portti cannot be reached: the local logout stands.
 */
async function endSessionUrl(deps: DemoDeps, idToken: string | undefined, language: Language | undefined): Promise<string> {
  if (!idToken) return '/';
  try {
    const config = await deps.issuer.configuration();
    return buildEndSessionUrl(config, {
      id_token_hint: idToken,
      post_logout_redirect_uri: deps.postLogoutRedirectUri,
      ...(language ? { ui_locales: language } : {}),
    }).href;
  } catch (error) {
    deps.log('demo: cannot log out at the issuer, logged out locally only', { error: String(error) });
    return '/';
  }
}

/** POST /logout: forgets the local session first, then lets Portti end its own. */
export function logOut(deps: DemoDeps) {
  return async function logOutEverywhere(ctx: Context): Promise<void> {
    const form = await readDemoForm(ctx, 4 * 1024);
    const session = findSession(ctx, deps.sessions);
    let target = '/';
    if (session) {
      if (!sameToken(form.get('csrf'), session.csrfToken)) throw new DemoError('ERR_DEMO_CSRF', 'logout without a valid CSRF token');
      endSession(ctx, deps.sessions, session, deps.secureCookies);
      target = await endSessionUrl(deps, session.user?.idToken, session.language);
    }
    ctx.redirect(target);
    ctx.status = 303;
  };
}
