import type { Context } from 'koa';
import type { DemoDeps } from './demo-deps.ts';
import { nonceOf } from './demo-security-headers.ts';
import { renderHomePage } from './home-page.ts';
import { findSession } from './session-cookie.ts';

export function showHome(deps: DemoDeps) {
  return function showHomePage(ctx: Context): void {
    const session = findSession(ctx, deps.sessions);
    ctx.type = 'html';
    ctx.body = renderHomePage({
      nonce: nonceOf(ctx),
      ...(session?.user ? { user: session.user, csrfToken: session.csrfToken } : {}),
    });
  };
}
