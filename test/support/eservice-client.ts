import * as oidc from 'openid-client';
import { expect } from 'chai';
import type { TestSystem } from './start-test-system.ts';
import { SECRET_A, SECRET_B } from './test-eservices.ts';
import { readLoginPage, type TestBrowser } from './test-browser.ts';

export type TestClientId = 'eservice-a' | 'eservice-b' | 'eservice-strict';

/** openid-client configured as one of the test e-services: what a real integrator runs. */
export async function eserviceClient(system: TestSystem, clientId: TestClientId): Promise<oidc.Configuration> {
  const execute = { execute: [oidc.allowInsecureRequests] };
  if (clientId === 'eservice-strict') {
    const { strictKey, strictKid } = system.eservices;
    return oidc.discovery(new URL(system.issuer), clientId, undefined, oidc.PrivateKeyJwt({ key: strictKey, kid: strictKid }), execute);
  }
  const secret = clientId === 'eservice-a' ? SECRET_A : SECRET_B;
  return oidc.discovery(new URL(system.issuer), clientId, secret, oidc.ClientSecretBasic(secret), execute);
}

export interface AuthorizationRequest {
  readonly url: URL;
  readonly verifier: string;
  readonly state: string;
  readonly nonce: string;
  readonly redirectOrigin: string;
}

/** Builds an authorization request the way an integrator would: PKCE S256, state, nonce. */
export async function authorizationRequest(config: oidc.Configuration, extra: Record<string, string> = {}): Promise<AuthorizationRequest> {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const redirectUri = config.clientMetadata().client_id === 'eservice-a' ? 'http://a.example.test/callback'
    : config.clientMetadata().client_id === 'eservice-b' ? 'http://b.example.test/callback' : 'http://strict.example.test/callback';
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...extra,
  });
  return { url, verifier, state, nonce, redirectOrigin: new URL(redirectUri).origin };
}

/** The method-choice page's CSRF token and the option ids it offers. */
export function readMethodPage(html: string): { csrf: string; options: string[] } {
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!csrf) throw new Error(`not a method-choice page: ${html.slice(0, 500)}`);
  return { csrf, options: [...html.matchAll(/name="option" value="([^"]+)"/g)].map((m) => m[1]!) };
}

/**
 * Drives a browser from the e-service through Portti's method choice and a sandbox bank
 * back to the e-service's redirect URI, and returns that URL (with the code or error).
 */
export async function loginAtBank(
  browser: TestBrowser,
  request: AuthorizationRequest,
  choice: { option: string; person: string },
): Promise<URL> {
  const page = await browser.navigate(request.url, request.redirectOrigin);
  if (page instanceof URL) return page; // SSO: no interaction needed
  expect(page.status, 'method-choice page status').to.equal(200);
  const methodPage = readMethodPage(await page.text());
  const bankPage = await browser.submit(new URL(`${page.url}/method`), { csrf: methodPage.csrf, option: choice.option }, request.redirectOrigin);
  if (bankPage instanceof URL) throw new Error(`expected the bank page, was sent to ${bankPage.href}`);
  expect(bankPage.status, 'bank page status').to.equal(200);
  const bankForm = readLoginPage(await bankPage.text(), new URL(bankPage.url));
  const done = await browser.submit(bankForm.loginUrl, { csrf: bankForm.csrf, person: choice.person }, request.redirectOrigin);
  if (!(done instanceof URL)) throw new Error(`expected a redirect to the e-service, got ${done.status}: ${(await done.text()).slice(0, 800)}`);
  return done;
}

/** Redeems the code as the e-service does. */
export function redeem(config: oidc.Configuration, callback: URL, request: AuthorizationRequest) {
  return oidc.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: request.verifier,
    expectedState: request.state,
    expectedNonce: request.nonce,
    idTokenExpected: true,
  });
}
