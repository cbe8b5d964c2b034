import { randomBytes } from 'node:crypto';
import type { Context, Next } from 'koa';

/**
 * Security headers for every response, and a fresh CSP nonce in `ctx.state.cspNonce` for
 * the inline style and scripts of server-rendered pages. `form-action` is left out on
 * purpose: Chromium applies it to the redirect after a login POST (LIBRARIES.md), and our
 * forms post only to ourselves anyway.
 */
export async function securityHeaders(ctx: Context, next: Next): Promise<void> {
  const nonce = randomBytes(16).toString('base64');
  ctx.state.cspNonce = nonce;
  ctx.set('Content-Security-Policy', [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; '));
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('X-Frame-Options', 'DENY');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
  ctx.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  if (ctx.secure) ctx.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  await next();
}
