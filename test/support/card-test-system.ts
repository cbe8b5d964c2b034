import { request as httpsRequest } from 'node:https';
import { expect } from 'chai';
import { startSandboxCardPeers, type RunningSandboxCardPeers } from '../../adapters/card/sandbox/start-sandbox-card-peers.ts';
import { deepMerge } from '../../src/config/load-config.ts';
import { startTestSystem, type TestSystem } from './start-test-system.ts';
import type { TestBrowser } from './test-browser.ts';
import { readMethodPage, type AuthorizationRequest } from './eservice-client.ts';
import { freePort } from './free-port.ts';

export const LOA3 = 'http://ftn.ficora.fi/2017/loa3';

export interface CardTestSystem {
  readonly system: TestSystem;
  readonly peers: RunningSandboxCardPeers;
}

export interface SandboxCardMethodOptions {
  readonly crlAvailable?: boolean;
  readonly proxy?: { readonly trustedProxies: readonly string[] };
}

/** The sandbox card peers running, and what a test system needs to use them. */
export interface SandboxCardMethod {
  readonly peers: RunningSandboxCardPeers;
  /** Config overrides that turn the card method on against `peers`. */
  readonly config: Record<string, unknown>;
  /** Waits until the system's card method is ready (CRLs loaded) and ties the peers' end to the system's. */
  attach(system: TestSystem): Promise<void>;
}

/**
 * The sandbox card peers, and the card config for a test system using them: Portti's card
 * endpoint on its own https port with the sandbox server certificate, trusting the sandbox
 * citizen CA, its CRLs loaded and the sandbox population register behind it. `proxy` runs
 * the endpoint as plain HTTP behind a TLS-terminating proxy that only `trustedProxies` may be.
 * Shared by `startCardTestSystem` and `startDemoSystem({ card })`, which also enables other methods.
 */
export async function startSandboxCardMethod(options: SandboxCardMethodOptions = {}): Promise<SandboxCardMethod> {
  const peers = await startSandboxCardPeers({ host: '127.0.0.1', port: 0, password: 'test-password' });
  if (options.crlAvailable === false) peers.setCrlAvailable(false);
  const endpointPort = await freePort();
  const endpoint = options.proxy
    ? { mode: 'proxy', host: '127.0.0.1', port: endpointPort, certificateHeader: 'x-ssl-client-cert', trustedProxies: [...options.proxy.trustedProxies] }
    : { mode: 'tls', host: '127.0.0.1', port: endpointPort, certificate: peers.serverTls.certificate, privateKey: peers.serverTls.privateKey };
  return {
    peers,
    config: {
      card: {
        enabled: true,
        publicUrl: options.proxy ? `http://127.0.0.1:${endpointPort}` : `https://localhost:${endpointPort}`,
        endpoint,
        trustAnchors: [...peers.trustAnchors],
        issuingCas: [...peers.intermediates],
        crl: { sources: [...peers.crlUrls], retrySeconds: 1 },
        populationRegister: { url: peers.registerUrl, requestTimeoutMs: 2000 },
      },
    },
    async attach(system: TestSystem) {
      const close = system.close.bind(system);
      system.close = async () => {
        await close();
        await peers.close();
      };
      await system.broker.cardReady();
    },
  };
}

/** The test system with the card method on against the sandbox card peers (see `startSandboxCardMethod`). */
export async function startCardTestSystem(
  overrides: Record<string, unknown> = {},
  options: SandboxCardMethodOptions = {},
): Promise<CardTestSystem> {
  const card = await startSandboxCardMethod(options);
  let system: TestSystem;
  try {
    system = await startTestSystem(deepMerge(card.config, overrides));
  } catch (error) {
    await card.peers.close();
    throw error;
  }
  try {
    await card.attach(system);
  } catch (error) {
    await system.close();
    throw error;
  }
  return { system, peers: card.peers };
}

/** From the e-service through the method choice to the card endpoint URL (the hand-off), not yet followed. */
export async function handOffToCard(browser: TestBrowser, request: AuthorizationRequest): Promise<{ uid: string; handoffUrl: URL }> {
  const page = await browser.navigate(request.url, request.redirectOrigin);
  if (page instanceof URL) throw new Error(`expected the method choice, was sent to ${page.href}`);
  const methodPage = readMethodPage(await page.text());
  expect(methodPage.options, 'method choice').to.include('card');
  const uid = decodeURIComponent(new URL(page.url).pathname.split('/')[2]!);
  const answer = await browser.postForm(new URL(`${page.url}/method`), { csrf: methodPage.csrf, option: 'card' });
  expect(answer.status, 'hand-off redirect').to.equal(303);
  return { uid, handoffUrl: new URL(answer.headers.get('location')!) };
}

export interface ClientCredential {
  readonly pfx: Buffer;
  readonly passphrase: string;
}

/**
 * One request to the card endpoint over a fresh TLS connection, as a browser makes it
 * after the citizen picked a certificate and typed the PIN (or with no certificate).
 * `headers` lets a test play a TLS-terminating proxy.
 */
export function presentCard(
  url: URL,
  serverCa: string,
  credential: ClientCredential | undefined,
  headers: Record<string, string> = {},
): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(url, {
      method: 'GET',
      ca: serverCa,
      agent: false,
      headers,
      ...(credential ? { pfx: credential.pfx, passphrase: credential.passphrase } : {}),
    }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, location: response.headers.location }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** Presents a card at the hand-off and follows the browser back into Portti: the e-service callback, or the page Portti shows. */
export async function loginWithCard(
  browser: TestBrowser,
  request: AuthorizationRequest,
  peers: RunningSandboxCardPeers,
  card: ClientCredential | undefined,
): Promise<{ uid: string; outcome: Response | URL }> {
  const { uid, handoffUrl } = await handOffToCard(browser, request);
  const presented = await presentCard(handoffUrl, peers.serverTls.caPem, card);
  expect(presented.status, 'the card endpoint sends the browser back').to.equal(303);
  return { uid, outcome: await browser.navigate(presented.location!, request.redirectOrigin) };
}
