import { randomBytes } from 'node:crypto';
import type { Context, Next } from 'koa';

/** Pages have no scripts; the one inline style is allowed by a fresh nonce. */
export async function demoSecurityHeaders(ctx: Context, next: Next): Promise<void> {
  const nonce = randomBytes(16).toString('base64');
  ctx.state.cspNonce = nonce;
  ctx.set('Content-Security-Policy', [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; '));
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('Cache-Control', 'no-store');
  await next();
}

export function nonceOf(ctx: Context): string {
  return typeof ctx.state.cspNonce === 'string' ? ctx.state.cspNonce : '';
}
