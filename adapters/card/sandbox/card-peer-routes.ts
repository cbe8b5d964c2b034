import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxAuthority } from '../../sandbox-pki/sandbox-authority.ts';
import type { SandboxCard } from './sandbox-card.ts';
import { answerRegisterQuery, REGISTER_MAX_BODY_BYTES, type RegisterRecord } from './sandbox-register.ts';
import { renderCardPage } from './card-page.ts';

export interface CardPeerState {
  readonly baseUrl: string;
  readonly password: string;
  /** Where the card files are kept across restarts, when they are. */
  readonly outputDir?: string;
  readonly cards: readonly SandboxCard[];
  /** By file name without `.crl`. */
  readonly crls: ReadonlyMap<string, SandboxAuthority>;
  /** By file name without `.pem`. */
  readonly caPems: ReadonlyMap<string, string>;
  readonly tlsCaPem: string;
  readonly records: ReadonlyMap<string, RegisterRecord>;
  readonly crlAvailable: () => boolean;
  readonly registerAvailable: () => boolean;
  readonly log: (event: Record<string, unknown>) => void;
}

const CRL = /^\/crl\/([a-z0-9-]+)\.crl$/;
const CA = /^\/ca\/([a-z0-9-]+)\.pem$/;
const CARD = /^\/cards\/([a-z0-9-]+)\.p12$/;

/** One function per request: the routes of the card peer, in the order a reader looks for them. */
export function createCardPeerHandler(state: CardPeerState) {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', state.baseUrl).pathname;
    if (req.method === 'POST' && path === '/register/henkilotunnuskysely') return registerQuery(req, res);
    if (req.method !== 'GET') return send(res, 404, 'text/plain', 'not found');
    if (path === '/') return send(res, 200, 'text/html; charset=utf-8', renderCardPage(state.cards, state.password, state.outputDir));
    if (path === '/tls-ca.pem') return send(res, 200, 'application/x-pem-file', state.tlsCaPem);
    const crl = state.crls.get(CRL.exec(path)?.[1] ?? '');
    if (crl) return serveCrl(res, crl, path);
    const caPem = state.caPems.get(CA.exec(path)?.[1] ?? '');
    if (caPem) return send(res, 200, 'application/x-pem-file', caPem);
    const card = state.cards.find((c) => c.id === CARD.exec(path)?.[1]);
    if (card) {
      res.writeHead(200, { 'content-type': 'application/x-pkcs12', 'content-disposition': `attachment; filename="portti-sandbox-${card.id}.p12"`, 'cache-control': 'no-store' });
      res.end(card.pfx);
      return;
    }
    return send(res, 404, 'text/plain', 'not found');
  };

  async function serveCrl(res: ServerResponse, ca: SandboxAuthority, path: string): Promise<void> {
    if (!state.crlAvailable()) {
      state.log({ event: 'CRL unavailable (test switch)', path });
      return send(res, 503, 'text/plain', 'CRL temporarily unavailable');
    }
    res.writeHead(200, { 'content-type': 'application/pkix-crl', 'cache-control': 'max-age=60' });
    res.end(await ca.crl());
  }

  async function registerQuery(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!state.registerAvailable()) {
      state.log({ event: 'register unavailable (test switch)' });
      return send(res, 503, 'text/plain', 'population register temporarily unavailable');
    }
    const reply = answerRegisterQuery(state.records, await readBody(req, REGISTER_MAX_BODY_BYTES));
    state.log({ event: 'register query', status: reply.status, correlationId: req.headers['x-correlation-id'] });
    send(res, reply.status, 'application/json; charset=utf-8', JSON.stringify(reply.body));
  }
}

/** The body as UTF-8, or undefined once it passes `limit` bytes (the rest is not read). */
async function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, type: string, text: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(text);
}
