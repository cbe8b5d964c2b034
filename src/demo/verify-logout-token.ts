import { decodeJwt, errors, jwtVerify } from 'jose';
import type { JWTVerifyGetKey } from 'jose';
import { DemoError } from './demo-error.ts';

export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** Whose sessions a logout token ends: one session (`sid`), or all of a citizen's (`sub`). */
export interface LogoutTarget {
  readonly sub?: string;
  readonly sid?: string;
}

export interface LogoutTokenExpectations {
  readonly issuer: string;
  readonly clientId: string;
  readonly jwks: JWTVerifyGetKey;
}

function invalid(message: string, cause?: unknown): DemoError {
  return new DemoError('ERR_DEMO_INVALID_LOGOUT_TOKEN', message, cause === undefined ? undefined : { cause });
}

/** Cheap shape check before any network use, so garbage is refused even when Portti is down. */
export function assertLooksLikeJwt(token: string | null): asserts token is string {
  if (!token) throw invalid('logout_token missing');
  try {
    decodeJwt(token);
  } catch (error) {
    throw invalid('logout_token is not a JWT', error);
  }
}

/** Only the signature and claim checks say "invalid"; a JWKS that cannot be fetched is Portti being down. */
function isTokenProblem(error: unknown): boolean {
  return error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout) && !(error instanceof errors.JWKSInvalid);
}

/** OpenID Connect Back-Channel Logout 1.0, section 2.6: signature, iss, aud, iat, events, no nonce. */
export async function verifyLogoutToken(token: string, expected: LogoutTokenExpectations): Promise<LogoutTarget> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, expected.jwks, {
      issuer: expected.issuer,
      audience: expected.clientId,
      requiredClaims: ['iat', 'jti', 'events'],
    }));
  } catch (error) {
    if (isTokenProblem(error)) throw invalid('logout_token failed verification', error);
    throw new DemoError('ERR_DEMO_ISSUER_UNAVAILABLE', 'cannot fetch the issuer JWKS', { cause: error });
  }
  const events = payload.events;
  if (typeof events !== 'object' || events === null || !Object.hasOwn(events, BACKCHANNEL_LOGOUT_EVENT)) {
    throw invalid('logout_token has no back-channel logout event');
  }
  if (typeof (events as Record<string, unknown>)[BACKCHANNEL_LOGOUT_EVENT] !== 'object') {
    throw invalid('logout_token event value is not a JSON object');
  }
  if (payload.nonce !== undefined) throw invalid('logout_token must not carry a nonce');
  const sub = typeof payload.sub === 'string' ? payload.sub : undefined;
  const sid = typeof payload.sid === 'string' ? payload.sid : undefined;
  if (!sub && !sid) throw invalid('logout_token has neither sub nor sid');
  return { ...(sub ? { sub } : {}), ...(sid ? { sid } : {}) };
}
