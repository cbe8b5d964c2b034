import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { constants } from 'node:crypto';
import type { CardEndpointConfig } from '../../src/config/card-schema.ts';
import type { Logger } from '../../src/log/logger.ts';
import { listen } from '../../src/http/listen.ts';
import { HANDOFF_PATTERN, type CardHandoffs } from './card-handoffs.ts';
import { readClientCertificates } from './read-client-certificate.ts';

export interface CardEndpointOptions {
  readonly endpoint: CardEndpointConfig;
  /** CA certificates (PEM) named in the TLS CertificateRequest, so browsers offer only citizen certificates. */
  readonly acceptedCas: readonly string[];
  /** The broker's return URL for the card method (`/interaction/callback/card`). */
  readonly returnUrl: string;
  readonly handoffs: CardHandoffs;
  readonly logger: Logger;
}

export interface RunningCardEndpoint {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The card endpoint: the one place that asks the browser for a client certificate. It
 * verifies nothing itself; it records what the browser presented against the one-time
 * hand-off and sends the browser back to the login, where the card method checks it.
 * Every outcome is a redirect back, so the citizen always lands on Portti's own pages.
 */
export async function startCardEndpoint(options: CardEndpointOptions): Promise<RunningCardEndpoint> {
  const { endpoint, logger } = options;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      logger.error('card endpoint failed', { error });
      if (!res.headersSent) send(res, 503, 'The card identification service is temporarily unavailable. Please try again.');
    });
  };
  const server: Server = endpoint.mode === 'tls'
    ? createHttpsServer({
      cert: endpoint.certificate,
      key: endpoint.privateKey,
      // Ask for a certificate but let the handshake finish without one (or with any):
      // the card method refuses with a page that says why, which a TLS alert cannot.
      requestCert: true,
      rejectUnauthorized: false,
      ca: [...options.acceptedCas],
      minVersion: 'TLSv1.2',
      // No session resumption: every hand-off is a full handshake in which the card proves
      // it holds the key, and a citizen who inserts the card after a first try without it
      // is asked again instead of resuming the session that had no certificate.
      secureOptions: constants.SSL_OP_NO_TICKET,
    }, handler)
    : createHttpServer(handler);
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://card.invalid');
    if (url.pathname === '/health') return send(res, 200, 'ok');
    if (url.pathname !== '/card/identify') return send(res, 404, 'Not found.');
    if (req.method !== 'GET') {
      res.setHeader('allow', 'GET');
      return send(res, 405, 'Method not allowed.');
    }
    const handoff = url.searchParams.get('handoff') ?? '';
    if (!HANDOFF_PATTERN.test(handoff)) return back(res, { error: 'handoff_invalid' });

    const presented = readClientCertificates(req, endpoint);
    if (presented.via === 'untrusted-header') {
      logger.warn('card certificate header from an address that is not a trusted proxy ignored', { remoteAddress: presented.remoteAddress });
    }
    const outcome = await options.handoffs.present(handoff, {
      certificates: presented.certificates,
      via: presented.via === 'tls' ? 'tls' : 'proxy',
      presentedAt: Date.now(),
    });
    logger.info('card certificate presented', {
      via: presented.via, certificates: presented.certificates.length, outcome: outcome.ok ? 'recorded' : outcome.reason,
    });
    if (!outcome.ok) return back(res, { state: handoff, error: `handoff_${outcome.reason}` });
    return back(res, { state: handoff, code: outcome.code });
  }

  function back(res: ServerResponse, params: Record<string, string>): void {
    res.statusCode = 303;
    res.setHeader('location', `${options.returnUrl}?${new URLSearchParams(params).toString()}`);
    securityHeaders(res);
    res.end();
  }

  function send(res: ServerResponse, status: number, text: string): void {
    res.statusCode = status;
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    securityHeaders(res);
    res.end(text);
  }

  function securityHeaders(res: ServerResponse): void {
    res.setHeader('cache-control', 'no-store');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-content-type-options', 'nosniff');
    // One request per connection, for the same reason as no resumption.
    res.setHeader('connection', 'close');
    if (endpoint.mode === 'tls') res.setHeader('strict-transport-security', 'max-age=31536000');
  }

  const port = await listen(server, endpoint.port, endpoint.host);
  return {
    port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
