import type { Context } from 'koa';
import type { DemoDeps } from './demo-deps.ts';
import { readDemoForm } from './read-demo-form.ts';
import type { DemoSession } from './session-store.ts';
import { assertLooksLikeJwt, verifyLogoutToken } from './verify-logout-token.ts';
import type { LogoutTarget } from './verify-logout-token.ts';

const LOGOUT_TOKEN_LIMIT = 16 * 1024;

/** With a `sid`, only that login ends; with a `sub` alone, every login of that citizen. */
function isTargeted(session: DemoSession, target: LogoutTarget): boolean {
  const claims = session.user?.idTokenClaims;
  if (!claims) return false;
  if (target.sid) return claims.sid === target.sid && (!target.sub || claims.sub === target.sub);
  return claims.sub === target.sub;
}

/** POST /backchannel-logout: Portti tells us, server to server, that a citizen logged out. */
export function receiveBackchannelLogout(deps: DemoDeps) {
  return async function endLoggedOutSessions(ctx: Context): Promise<void> {
    const form = await readDemoForm(ctx, LOGOUT_TOKEN_LIMIT);
    const token = form.get('logout_token');
    assertLooksLikeJwt(token);
    const config = await deps.issuer.configuration();
    const target = await verifyLogoutToken(token, {
      issuer: config.serverMetadata().issuer,
      clientId: deps.clientId,
      jwks: await deps.issuer.jwks(),
    });
    const ended = deps.sessions.deleteWhere((session) => isTargeted(session, target));
    deps.counters.loggedOut += 1;
    deps.log('demo: back-channel logout', { ...target, sessionsEnded: ended });
    ctx.status = 200;
    ctx.body = '';
  };
}
