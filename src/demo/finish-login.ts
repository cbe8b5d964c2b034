import type { Context } from 'koa';
import { AuthorizationResponseError, authorizationCodeGrant, fetchUserInfo } from 'openid-client';
import { DemoError } from './demo-error.ts';
import type { DemoDeps } from './demo-deps.ts';
import type { LoggedInUser, PendingLogin } from './session-store.ts';
import { findSession, startSession } from './session-cookie.ts';

/** The URL Portti sent the citizen to, rebuilt on our public address (we may be behind a proxy). */
function callbackUrl(deps: DemoDeps, ctx: Context): URL {
  const url = new URL(deps.redirectUri);
  url.search = ctx.querystring;
  return url;
}

function describe(error: unknown): string {
  if (error instanceof AuthorizationResponseError) return `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function redeemCode(deps: DemoDeps, ctx: Context, pending: PendingLogin): Promise<LoggedInUser> {
  const config = await deps.issuer.configuration();
  try {
    const tokens = await authorizationCodeGrant(config, callbackUrl(deps, ctx), {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idTokenClaims = tokens.claims();
    if (!idTokenClaims || !tokens.id_token) throw new Error('no ID token in the token response');
    const userinfo = await fetchUserInfo(config, tokens.access_token, idTokenClaims.sub);
    return { idToken: tokens.id_token, accessToken: tokens.access_token, idTokenClaims: { ...idTokenClaims }, userinfo: { ...userinfo } };
  } catch (error) {
    if (error instanceof AuthorizationResponseError && error.error === 'access_denied') {
      throw new DemoError('ERR_DEMO_LOGIN_CANCELLED', 'the citizen cancelled the login', { cause: error });
    }
    throw new DemoError('ERR_DEMO_LOGIN_FAILED', `login failed: ${describe(error)}`, { cause: error });
  }
}

/**
 * GET /callback: redeems the code with the verifier, state and nonce kept by `/login`,
 * fetches userinfo, and keeps both in a new session before going home.
 */
export function finishLogin(deps: DemoDeps) {
  return async function handleCallback(ctx: Context): Promise<void> {
    const session = findSession(ctx, deps.sessions);
    const pending = session?.pending;
    if (!session || !pending) {
      if (ctx.query.error === 'access_denied') throw new DemoError('ERR_DEMO_LOGIN_CANCELLED', 'cancelled, and no login in progress');
      throw new DemoError('ERR_DEMO_NO_LOGIN_IN_PROGRESS', 'callback without a login in progress');
    }
    // One attempt per /login: a replayed or reloaded callback finds nothing pending.
    delete session.pending;
    const user = await redeemCode(deps, ctx, pending);
    const loggedIn = startSession(ctx, deps.sessions, deps.secureCookies);
    loggedIn.user = user;
    if (session.language) loggedIn.language = session.language;
    deps.log('demo: citizen logged in', { sub: user.idTokenClaims.sub, acr: user.idTokenClaims.acr });
    ctx.redirect('/');
    ctx.status = 303;
  };
}
