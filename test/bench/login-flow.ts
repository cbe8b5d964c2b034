import * as oidc from 'openid-client';
import { TestBrowser } from '../support/test-browser.ts';
import { loginAtBank, redeem, type AuthorizationRequest } from '../support/eservice-client.ts';
import { BENCH_ESERVICE } from './bench-eservice.ts';

/** The banks a flow picks from, round robin: every upstream and both encryption setups. */
const BANK_OPTIONS = ['bank:aurinko', 'bank:revontuli', 'bank:saaristo', 'bank:tunturi'];
const PERSON = { id: 'liisa-virtanen', hetu: '131052-308T' };
const SCOPE = 'openid profile personal_identity_code';

/** openid-client set up as the bench e-service, as an integrator would (client_secret_basic). */
export function discoverBenchEservice(issuer: string): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(issuer), BENCH_ESERVICE.clientId, BENCH_ESERVICE.secret,
    oidc.ClientSecretBasic(BENCH_ESERVICE.secret), { execute: [oidc.allowInsecureRequests] });
}

/**
 * One citizen login, start to finish, over HTTP: authorization request with PKCE, state and
 * nonce; method choice; the sandbox bank's page and person form; back through Portti to the
 * redirect URI; the code redeemed at /token; then /userinfo. Throws if any step fails.
 * The page-driving steps are the e2e tests' own (test/support), so both exercise one path.
 */
export async function runLoginFlow(eservice: oidc.Configuration, index: number): Promise<void> {
  const request = await authorizationRequest(eservice);
  const option = BANK_OPTIONS[index % BANK_OPTIONS.length]!;
  const callback = await loginAtBank(new TestBrowser(), request, { option, person: PERSON.id });
  const tokens = await redeem(eservice, callback, request);
  const { sub } = tokens.claims()!;
  const userinfo = await oidc.fetchUserInfo(eservice, tokens.access_token, sub);
  if (userinfo.personal_identity_code !== PERSON.hetu) {
    throw new Error(`userinfo via ${option} has personal_identity_code ${String(userinfo.personal_identity_code)}`);
  }
}

/** An authorization request as the bench e-service makes it: PKCE S256, state, nonce. */
export async function authorizationRequest(eservice: oidc.Configuration, extra: Record<string, string> = {}): Promise<AuthorizationRequest> {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(eservice, {
    redirect_uri: BENCH_ESERVICE.redirectUri,
    scope: SCOPE,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...extra,
  });
  return { url, verifier, state, nonce, redirectOrigin: new URL(BENCH_ESERVICE.redirectUri).origin };
}
