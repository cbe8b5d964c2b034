import type { Context } from 'koa';
import type { DemoSession, SessionStore } from './session-store.ts';

/** Named after the demo, so it cannot clash with Portti's cookies when both run on localhost. */
export const SESSION_COOKIE = 'permit_demo_session';

/** Written by hand because Koa refuses `Secure` cookies on plain HTTP behind a TLS proxy. */
function cookieHeader(value: string, secure: boolean, maxAge?: number): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
    ...(maxAge === undefined ? [] : [`Max-Age=${maxAge}`]),
  ].join('; ');
}

export function findSession(ctx: Context, sessions: SessionStore): DemoSession | undefined {
  return sessions.find(ctx.cookies.get(SESSION_COOKIE));
}

/** Starts a fresh session; a new id on every login keeps a planted cookie from being fixed. */
export function startSession(ctx: Context, sessions: SessionStore, secure: boolean): DemoSession {
  const previous = findSession(ctx, sessions);
  if (previous) sessions.delete(previous.id);
  const session = sessions.create();
  ctx.append('Set-Cookie', cookieHeader(session.id, secure));
  return session;
}

export function endSession(ctx: Context, sessions: SessionStore, session: DemoSession, secure: boolean): void {
  sessions.delete(session.id);
  ctx.append('Set-Cookie', cookieHeader('', secure, 0));
}
