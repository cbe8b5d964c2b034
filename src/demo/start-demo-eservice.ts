import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDemoApp } from './demo-app.ts';
import type { DemoDeps } from './demo-deps.ts';
import { logToStderr } from './demo-log.ts';
import { createIssuerConnection } from './issuer-connection.ts';
import { createSessionStore } from './session-store.ts';
import { createDemoPayments, type WebhookKey } from './payments/demo-payments.ts';
import { listen } from '../http/listen.ts';

export interface DemoOptions {
  /** Interface and port to listen on; port 0 picks a free one. */
  host: string;
  port: number;
  /** Where browsers reach the demo; redirect URI is `publicUrl + '/callback'`, post-logout `publicUrl + '/'`. */
  publicUrl: string;
  /** Portti's issuer identifier, discovered on first use. */
  issuer: string;
  /** Registered at Portti for `client_secret_basic`. */
  clientId: string;
  clientSecret: string;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  /** Verifies Portti's payment webhooks; without it the demo asks for none. */
  webhookKey?: WebhookKey | undefined;
}

export interface RunningDemo {
  /** Where the server listens, e.g. `http://127.0.0.1:3001`. */
  readonly url: string;
  /** Valid back-channel logout tokens received so far. */
  readonly loggedOutCount: number;
  close(): Promise<void>;
}

function checkUrl(key: keyof DemoOptions, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch (error) {
    throw new TypeError(`demo e-service: ${key} is not a URL: ${JSON.stringify(value)}`, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`demo e-service: ${key} must be an http or https URL`);
  }
  return url;
}

function checkOptions(o: DemoOptions): void {
  checkUrl('publicUrl', o.publicUrl);
  checkUrl('issuer', o.issuer);
  if (!o.clientId) throw new TypeError('demo e-service: clientId is empty');
  if (!o.clientSecret) throw new TypeError('demo e-service: clientSecret is empty');
  if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535) throw new TypeError('demo e-service: port must be 0-65535');
}

/**
 * Starts "Permit service (demo)", an e-service that logs citizens in through Portti. It
 * starts even when Portti is down, and shows a friendly page until Portti answers.
 */
export async function startDemoEservice(o: DemoOptions): Promise<RunningDemo> {
  checkOptions(o);
  const base = o.publicUrl.replace(/\/+$/, '');
  const log = o.log ?? logToStderr;
  const issuer = createIssuerConnection({ issuer: o.issuer, clientId: o.clientId, clientSecret: o.clientSecret, log });
  const deps: DemoDeps = {
    clientId: o.clientId,
    redirectUri: `${base}/callback`,
    postLogoutRedirectUri: `${base}/`,
    secureCookies: base.startsWith('https:'),
    sessions: createSessionStore({ idleMs: 30 * 60 * 1000, maxSessions: 10_000 }),
    issuer,
    log,
    counters: { loggedOut: 0 },
    payments: createDemoPayments({ issuer, publicUrl: base, webhookKey: o.webhookKey }),
  };

  const server = createServer(createDemoApp(deps).callback());
  const port = await listen(server, o.port, o.host);
  const { address } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  log('demo: e-service listening', { url, publicUrl: base, issuer: o.issuer });

  return {
    url,
    get loggedOutCount() {
      return deps.counters.loggedOut;
    },
    close: () => new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    }),
  };
}
