import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import * as client from 'openid-client';
import { readLoginPage, type TestBrowser } from '../../../test/support/test-browser.ts';
import { startSandboxBank, type RunningSandboxBank, type SandboxBankOptions } from './start-sandbox-bank.ts';

/** Portti's side of one bank registration: its keys, published JWKS and redirect URI. */
export interface TestRelyingParty {
  clientId: string;
  redirectUri: string;
  jwksUri: string;
  signingKey: client.CryptoKey;
  encryptionKey: client.CryptoKey;
  close(): Promise<void>;
}

export async function startTestRelyingParty(encryptionAlg: string): Promise<TestRelyingParty> {
  const signing = await generateKeyPair('RS256', { extractable: true });
  const encryption = await generateKeyPair(encryptionAlg, { extractable: true });
  const jwks = JSON.stringify({
    keys: [
      { ...(await exportJWK(signing.publicKey)), kid: 'rp-sig', use: 'sig', alg: 'RS256' },
      { ...(await exportJWK(encryption.publicKey)), kid: 'rp-enc', use: 'enc', alg: encryptionAlg },
    ],
  });
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    clientId: 'portti-test',
    redirectUri: `${base}/callback`,
    jwksUri: `${base}/jwks`,
    signingKey: signing.privateKey,
    encryptionKey: encryption.privateKey,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

type BankSettings = Omit<SandboxBankOptions, 'client' | 'host' | 'port'>;

/** A sandbox bank with this relying party registered, and the RP's openid-client view of it. */
export async function startBankFor(rp: TestRelyingParty, settings: BankSettings) {
  const bank = await startSandboxBank({
    ...settings,
    host: '127.0.0.1',
    port: 0,
    client: { clientId: rp.clientId, jwksUri: rp.jwksUri, redirectUris: [rp.redirectUri] },
  });
  const config = await client.discovery(
    new URL(bank.issuer),
    rp.clientId,
    { userinfo_signed_response_alg: 'RS256' },
    client.PrivateKeyJwt({ key: rp.signingKey, kid: 'rp-sig' }),
    { execute: [client.allowInsecureRequests] },
  );
  client.enableDecryptingResponses(config, [settings.encryption.enc], { key: rp.encryptionKey, kid: 'rp-enc' });
  return { bank, config };
}

/** What Portti's bank adapter would put in its request object. */
export async function buildLoginUrl(
  config: client.Configuration,
  rp: TestRelyingParty,
  extra: Record<string, string | undefined> = {},
) {
  const state = client.randomState();
  const nonce = client.randomNonce();
  const params: Record<string, string> = {
    redirect_uri: rp.redirectUri,
    scope: 'openid profile personal_identity_code',
    state,
    nonce,
    acr_values: 'http://ftn.ficora.fi/2017/loatest2',
    ftn_spname: 'Kaupungin asiointipalvelu',
  };
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete params[name];
    else params[name] = value;
  }
  const url = await client.buildAuthorizationUrlWithJAR(config, params, { key: rp.signingKey, kid: 'rp-sig' });
  return { url, state, nonce };
}

export type { RunningSandboxBank };

/**
 * Runs the citizen's part of a login: follow the authorization request to the bank's page,
 * submit the chosen button, and return the page or the URL the bank sent the browser back to.
 */
export async function identifyAt(
  browser: TestBrowser,
  loginUrl: URL,
  rp: TestRelyingParty,
  choice: { person: string } | 'cancel',
): Promise<URL> {
  const rpOrigin = new URL(rp.redirectUri).origin;
  const page = await browser.navigate(loginUrl, rpOrigin);
  if (page instanceof URL) return page;
  const html = await page.text();
  if (page.status !== 200) throw new Error(`bank answered ${page.status}: ${html}`);
  const pageUrl = new URL(page.url);
  const form = readLoginPage(html, pageUrl);
  const posted = choice === 'cancel'
    ? await browser.postForm(form.abortUrl, { csrf: form.csrf })
    : await browser.postForm(form.loginUrl, { csrf: form.csrf, person: choice.person });
  const location = posted.headers.get('location');
  if (posted.status !== 303 || location === null) throw new Error(`bank answered ${posted.status}`);
  const back = await browser.navigate(new URL(location, pageUrl), rpOrigin);
  if (back instanceof URL) return back;
  throw new Error(`bank did not redirect back: ${back.status} ${await back.text()}`);
}
