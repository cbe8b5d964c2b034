import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import Koa from 'koa';
import { createApiRoutes } from './api-routes.ts';
import { createMethodRoutes } from './method-routes.ts';
import type { SandboxLog } from './notify-merchant.ts';
import { SandboxLedger } from './sandbox-ledger.ts';
import { listen } from '../../../src/http/listen.ts';

export interface SandboxPspOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Merchant accounts and their secrets; Paytrail's public test merchant by default. */
  readonly merchants?: ReadonlyMap<string, string>;
  /** How long a pending card payment or refund waits before it settles. */
  readonly pendingSettleSeconds?: number;
  readonly log?: SandboxLog;
}

export interface RunningSandboxPsp {
  /** The API base URL, e.g. `http://localhost:3020` (set `payments.paytrail.apiUrl` to it). */
  readonly url: string;
  readonly ledger: SandboxLedger;
  close(): Promise<void>;
}

/** Paytrail's public test merchant (PROTOCOLS.md). */
export const TEST_MERCHANT = { account: '375917', secret: 'SAIPPUAKAUPPIAS' } as const;

/**
 * A Paytrail-compatible payment service provider for development and tests: the same API
 * and signatures, test banks, a card form with test cards, callbacks (also delayed or
 * lost on request) and refunds. Everything is kept in memory.
 */
export async function startSandboxPsp(options: SandboxPspOptions): Promise<RunningSandboxPsp> {
  const server = http.createServer();
  const port = await listen(server, options.port, options.host);
  const url = `http://localhost:${port}`;
  const ledger = new SandboxLedger();
  const formKey = randomBytes(32);
  const shared = {
    merchants: options.merchants ?? new Map([[TEST_MERCHANT.account, TEST_MERCHANT.secret]]),
    ledger,
    formToken: (transactionId: string, methodId: string) => createHmac('sha256', formKey).update(`${transactionId}\0${methodId}`).digest('base64url'),
    pendingSettleSeconds: options.pendingSettleSeconds ?? 20,
    log: options.log ?? (() => undefined),
  };
  const api = createApiRoutes({ ...shared, baseUrl: () => url });
  const methods = createMethodRoutes(shared);
  const app = new Koa();
  app.silent = true;
  app.use(api.routes()).use(api.allowedMethods());
  app.use(methods.routes()).use(methods.allowedMethods());
  server.on('request', app.callback());
  return {
    url,
    ledger,
    close: () => new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    }),
  };
}
