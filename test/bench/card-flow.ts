import { request as httpsRequest, type RequestOptions } from 'node:https';
import { createSecureContext, type ConnectionOptions, type SecureContext, type TLSSocket } from 'node:tls';
import * as oidc from 'openid-client';
import { TEST_CARDS } from '../../adapters/card/sandbox/test-cards.ts';
import { TestBrowser } from '../support/test-browser.ts';
import { readMethodPage, redeem } from '../support/eservice-client.ts';
import { authorizationRequest } from './login-flow.ts';
import type { BenchCardPeerInfo } from './bench-card-peers.ts';

const LOA3 = 'http://ftn.ficora.fi/2017/loa3';
const CARD_SCOPE = 'openid profile personal_identity_code satu';
const CARD_TIMEOUT_MS = 30_000;

/** The cards flows present in turn: both log in, so RSA and ECDSA client certificates are measured alike. */
export const BENCH_CARD_IDS = ['valid-rsa', 'valid-ecdsa'] as const;
export type BenchCardId = typeof BENCH_CARD_IDS[number];

/** A test card as the load generator holds it: its TLS client context and whom it identifies. */
export interface BenchCard {
  readonly id: BenchCardId;
  /** The card's PKCS#12 and the endpoint's TLS CA, read once, as a browser reads its certificate store once. */
  readonly context: SecureContext;
  readonly hetu: string;
  readonly satu: string;
}

/** What the TLS leg of a flow was: a full handshake (never resumed), its protocol and cipher, and how long it took. */
export interface CardPresentation {
  readonly protocol: string;
  readonly cipher: string;
  readonly ms: number;
}

/** Downloads each bench card's PKCS#12 from the sandbox card peers (`GET /cards/<id>.p12`). */
export async function fetchBenchCards(peers: BenchCardPeerInfo): Promise<BenchCard[]> {
  return Promise.all(BENCH_CARD_IDS.map(async (id) => {
    const response = await fetch(`${peers.url}/cards/${id}.p12`);
    if (!response.ok) throw new Error(`the card peers answered ${response.status} for card ${id}`);
    const pfx = Buffer.from(await response.arrayBuffer());
    const card = TEST_CARDS.find((c) => c.id === id);
    if (!card?.hetu) throw new Error(`test card ${id} is not in the sandbox's list, or has no hetu`);
    return { id, context: createSecureContext({ pfx, passphrase: peers.password, ca: peers.serverTls.caPem }), hetu: card.hetu, satu: card.satu };
  }));
}

/**
 * One citizen-certificate login over HTTP: the authorization request (loa3, with `satu`),
 * the method choice, the card option's hand-off to the card endpoint, one GET there over a
 * new TLS connection presenting `card`, back through Portti to the e-service, then /token
 * and /userinfo. Throws if any step fails.
 */
export async function runCardFlow(eservice: oidc.Configuration, card: BenchCard): Promise<CardPresentation> {
  const request = await authorizationRequest(eservice, { scope: CARD_SCOPE, acr_values: LOA3 });
  const browser = new TestBrowser();
  const choice = await browser.navigate(request.url, request.redirectOrigin);
  if (choice instanceof URL) throw new Error(`expected the method choice, was sent to ${choice.href}`);
  const methodPage = readMethodPage(await choice.text());
  if (!methodPage.options.includes('card')) throw new Error(`card not offered: ${methodPage.options.join(', ')}`);
  const handoff = await browser.postForm(new URL(`${choice.url}/method`), { csrf: methodPage.csrf, option: 'card' });
  await handoff.arrayBuffer();
  const handoffUrl = handoff.headers.get('location');
  if (handoff.status !== 303 || !handoffUrl) throw new Error(`expected the hand-off to the card endpoint, got ${handoff.status}`);

  const presented = await presentCard(new URL(handoffUrl), card.context);
  if (presented.status !== 303 || !presented.location) throw new Error(`the card endpoint answered ${presented.status}`);
  const callback = await browser.navigate(presented.location, request.redirectOrigin);
  if (!(callback instanceof URL)) throw new Error(`expected the e-service callback, got ${callback.status}: ${(await callback.text()).slice(0, 300)}`);

  const tokens = await redeem(eservice, callback, request);
  const { sub, amr, acr } = tokens.claims()!;
  if (acr !== LOA3 || !Array.isArray(amr) || amr[0] !== 'card') throw new Error(`acr ${String(acr)}, amr ${JSON.stringify(amr)}`);
  const userinfo = await oidc.fetchUserInfo(eservice, tokens.access_token, sub);
  if (userinfo.personal_identity_code !== card.hetu || userinfo.satu !== card.satu) {
    throw new Error(`card ${card.id}: userinfo has personal_identity_code ${String(userinfo.personal_identity_code)}, satu ${String(userinfo.satu)}`);
  }
  return presented;
}

/**
 * The browser at the card endpoint after the citizen picked the card and typed the PIN: a
 * connection of its own (no agent, no session to resume), so every flow pays a full handshake.
 */
export function presentCard(url: URL, context: SecureContext): Promise<CardPresentation & { status: number; location: string | undefined }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // node:https hands its options to tls.connect, which takes a ready context; its types do not say so.
    const options: RequestOptions & Pick<ConnectionOptions, 'secureContext'> = { method: 'GET', agent: false, secureContext: context, timeout: CARD_TIMEOUT_MS };
    const request = httpsRequest(url, options, (response) => {
      const socket = response.socket as TLSSocket;
      if (socket.isSessionReused()) {
        reject(new Error('the TLS session was resumed: the handshake is not a full one'));
        response.destroy();
        return;
      }
      const protocol = socket.getProtocol() ?? 'unknown';
      const cipher = socket.getCipher().name;
      response.resume();
      response.on('end', () => resolve({
        status: response.statusCode ?? 0, location: response.headers.location, protocol, cipher, ms: performance.now() - started,
      }));
    });
    request.on('timeout', () => request.destroy(new Error(`the card endpoint did not answer within ${CARD_TIMEOUT_MS} ms`)));
    request.on('error', reject);
    request.end();
  });
}
