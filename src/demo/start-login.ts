import type { Context } from 'koa';
import {
  buildAuthorizationUrl, calculatePKCECodeChallenge, randomNonce, randomPKCECodeVerifier, randomState,
} from 'openid-client';
import type { DemoDeps } from './demo-deps.ts';
import { authorizationParameters, readLoginChoices } from './login-choices.ts';
import { startSession } from './session-cookie.ts';

/**
 * GET /login: a fresh session holds the PKCE verifier, state and nonce of this one
 * attempt, then the citizen goes to Portti. Discovery comes first, so an unreachable
 * Portti gives a friendly page and no half-made session.
 */
export function startLogin(deps: DemoDeps) {
  return async function redirectToPortti(ctx: Context): Promise<void> {
    const config = await deps.issuer.configuration();
    const choices = readLoginChoices(new URLSearchParams(ctx.querystring));
    const codeVerifier = randomPKCECodeVerifier();
    const pending = { codeVerifier, state: randomState(), nonce: randomNonce() };
    const url = buildAuthorizationUrl(config, authorizationParameters(choices, {
      redirectUri: deps.redirectUri,
      state: pending.state,
      nonce: pending.nonce,
      codeChallenge: await calculatePKCECodeChallenge(codeVerifier),
    }));
    const session = startSession(ctx, deps.sessions, deps.secureCookies);
    session.pending = pending;
    if (choices.language) session.language = choices.language;
    ctx.redirect(url.href);
    ctx.status = 303;
  };
}
