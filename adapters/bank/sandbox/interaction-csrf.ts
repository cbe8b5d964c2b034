import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * CSRF tokens bound to one interaction: an HMAC of its uid under a secret that lives as
 * long as the process, so no server-side state is needed and a restart invalidates them.
 */
export class InteractionCsrf {
  readonly #secret = randomBytes(32);

  tokenFor(uid: string): string {
    return createHmac('sha256', this.#secret).update(uid).digest('base64url');
  }

  verify(uid: string, token: unknown): boolean {
    if (typeof token !== 'string') return false;
    const expected = Buffer.from(this.tokenFor(uid));
    const actual = Buffer.from(token);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
}
