import { createHmac, timingSafeEqual } from 'node:crypto';
import { CsrfError } from '../errors/http-errors.ts';

/**
 * CSRF tokens bound to one interaction: an HMAC of its uid. A page of another interaction,
 * or a form forged on another site, cannot produce the token of this one.
 */
export function createCsrf(secret: string) {
  const tokenFor = (uid: string): string => createHmac('sha256', secret).update(`csrf\0${uid}`).digest('base64url');
  return {
    tokenFor,
    verify(uid: string, token: string | null): void {
      const expected = Buffer.from(tokenFor(uid));
      const given = Buffer.from(token ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new CsrfError('CSRF token missing or wrong');
      }
    },
  };
}

export type Csrf = ReturnType<typeof createCsrf>;
