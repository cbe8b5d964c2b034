import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import type Provider from 'oidc-provider';
import type { Config } from './config/schema.ts';
import type { Logger } from './log/logger.ts';
import type { Storage } from './storage/storage.ts';
import { openStorage } from './storage/open-storage.ts';
import { loadKeySet } from './keys/key-set.ts';
import { createSubjectKeys } from './oidc/subject-keys.ts';
import { createAccounts } from './oidc/accounts.ts';
import { createProvider } from './oidc/create-provider.ts';
import { createAuditLog } from './audit/audit-log.ts';
import { createCsrf } from './interaction/csrf.ts';
import { createMethodRegistry } from './interaction/method-registry.ts';
import { createCardHandoffStore } from './interaction/card-handoff-store.ts';
import { createPendingIdentifications } from './interaction/pending-identifications.ts';
import { createInteractionRouter } from './interaction/interaction-router.ts';
import { createPublicRouter } from './http/public-router.ts';
import { createRequestListener } from './app.ts';
import { createIdentificationMethods } from './identification-methods.ts';
import { createPaymentProvider } from './payment-providers.ts';
import { createPayments, withPaymentLoginClients } from './payments/create-payments.ts';
import type { PaymentJobs } from './payments/jobs/payment-jobs.ts';
import { listen } from './http/listen.ts';

export interface RunningBroker {
  readonly url: string;
  readonly server: Server;
  readonly storage: Storage;
  readonly provider: Provider;
  /** Resolves when every configured CRL of the card method has been tried once (logins before fail closed). */
  cardReady(): Promise<void>;
  /** The card endpoint's port when the card method is on (its config may say 0). */
  readonly cardEndpointPort: number | undefined;
  /** Payment expiry, reconciliation, refund retries and webhook delivery; tests run them on demand. */
  readonly paymentJobs: PaymentJobs | undefined;
  close(): Promise<void>;
}

const newSecret = () => randomBytes(32).toString('base64url');

/**
 * Starts one broker process: store, keys, provider, routes, HTTP server and the expiry
 * sweeper. Every secret comes from config or the store, so a restart (or a second
 * worker on the same store) continues every session, interaction and pending login.
 */
export async function startBroker(config: Readonly<Config>, logger: Logger): Promise<RunningBroker> {
  const storage = await openStorage(config.store);
  const keys = await loadKeySet(storage);
  const pairwiseSecret = config.secrets.pairwise ?? (await storage.secrets.getOrCreate('pairwise', newSecret));
  const cookieKey = await storage.secrets.getOrCreate('cookie-key', newSecret);
  const csrfKey = await storage.secrets.getOrCreate('csrf-key', newSecret);
  const paymentCsrfKey = await storage.secrets.getOrCreate('payment-csrf-key', newSecret);

  const subjects = createSubjectKeys(pairwiseSecret);
  const accounts = createAccounts(storage.oidc, subjects, config.ttl.session);
  const audit = createAuditLog(storage.audit, logger.child({ component: 'audit' }));
  const eservices = config.payments.enabled ? withPaymentLoginClients(config.issuer, config.eservices) : config.eservices;
  const provider = createProvider({ config: { ...config, eservices }, storage, keys, accounts, subjects, cookieKeys: [cookieKey], logger });
  const identification = createIdentificationMethods(config, keys, logger, {
    // The hand-off records outlive the hand-off itself, so a used one stays "used" until it has expired.
    cardHandoffs: createCardHandoffStore(storage.oidc, config.card.enabled ? config.card.handoffSeconds * 2 + 60 : 300),
  });
  const methods = createMethodRegistry(identification.list);
  const interactionRouter = createInteractionRouter({
    provider,
    eservices,
    methods,
    pending: createPendingIdentifications(storage.oidc, config.ttl.interaction),
    csrf: createCsrf(csrfKey),
    accounts,
    subjects,
    audit,
    logger: logger.child({ component: 'interaction' }),
    maxBodyBytes: config.http.maxBodyBytes,
    secureCookies: config.issuer.startsWith('https://'),
  });
  const payments = config.payments.enabled
    ? createPayments({
      config, storage, provider, accounts, subjects, csrfKey: paymentCsrfKey,
      paymentProvider: createPaymentProvider(config),
      logger: logger.child({ component: 'payments' }),
    })
    : undefined;
  const server = createServer(createRequestListener({
    provider,
    routers: [createPublicRouter(keys), interactionRouter, ...(payments?.routers ?? [])],
    logger,
    trustProxy: config.http.trustProxy,
  }));
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  const port = await listen(server, config.http.port, config.http.host);
  await identification.start();
  const sweeper = setInterval(() => {
    storage.oidc.sweepExpired().then(
      (count) => count > 0 && logger.debug('expired records swept', { count }),
      (error) => logger.error('sweep failed', { error }),
    );
  }, config.sweepIntervalSeconds * 1000);
  sweeper.unref();
  payments?.jobs.start();

  return {
    url: `http://${config.http.host}:${port}`,
    server,
    storage,
    provider,
    paymentJobs: payments?.jobs,
    cardReady: async () => identification.card?.revocationReady(),
    cardEndpointPort: identification.card?.endpointPort(),
    async close() {
      clearInterval(sweeper);
      await identification.close();
      await payments?.jobs.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await storage.close();
    },
  };
}
