import { randomBytes } from 'node:crypto';
import type Router from '@koa/router';
import type Provider from 'oidc-provider';
import type { Config, EserviceConfig } from '../config/schema.ts';
import type { Logger } from '../log/logger.ts';
import type { Accounts } from '../oidc/accounts.ts';
import type { SubjectKeys } from '../oidc/subject-keys.ts';
import type { Storage } from '../storage/storage.ts';
import { createPaymentsApiRouter } from './api/payments-api-router.ts';
import { createPaymentJobs, type PaymentJobs } from './jobs/payment-jobs.ts';
import { createPaymentCsrf } from './pages/payment-csrf.ts';
import { IDENTIFIED_PATH, createPaymentPagesRouter } from './pages/payment-pages-router.ts';
import { createProviderCallbacksRouter } from './pages/provider-callbacks-router.ts';
import type { PaymentProvider } from './payment-provider.ts';
import type { PaymentsContext } from './payments-context.ts';
import { paymentLoginClientId } from './payment-login-client.ts';

export interface PaymentsDependencies {
  readonly config: Readonly<Config>;
  readonly storage: Storage;
  readonly provider: Provider;
  readonly paymentProvider: PaymentProvider;
  readonly accounts: Accounts;
  readonly subjects: SubjectKeys;
  readonly csrfKey: string;
  readonly logger: Logger;
}

export interface Payments {
  readonly context: PaymentsContext;
  readonly routers: readonly Router[];
  readonly jobs: PaymentJobs;
}

/** Payments as one part of the broker: the API, the citizen's pages, the provider's callbacks and the jobs. */
export function createPayments(deps: PaymentsDependencies): Payments {
  const { config } = deps;
  let jobs: PaymentJobs | undefined;
  const context: PaymentsContext = {
    issuer: config.issuer,
    config: config.payments,
    eservices: new Map(config.eservices.filter((e) => e.permissions.payments).map((e) => [e.clientId, e])),
    store: deps.storage.payments,
    outbox: deps.storage.webhooks,
    provider: deps.paymentProvider,
    logger: deps.logger,
    now: Date.now,
    webhookEnqueued: () => jobs?.deliverSoon(),
  };
  jobs = createPaymentJobs(context);
  const secureCookies = config.issuer.startsWith('https://');
  return {
    context,
    routers: [
      createPaymentsApiRouter(context, deps.provider, config.http.maxBodyBytes),
      createPaymentPagesRouter({
        payments: context,
        provider: deps.provider,
        accounts: deps.accounts,
        subjects: deps.subjects,
        csrf: createPaymentCsrf(deps.csrfKey, secureCookies),
        maxBodyBytes: config.http.maxBodyBytes,
        secureCookies,
      }),
      createProviderCallbacksRouter(context),
    ],
    jobs,
  };
}

/**
 * The registry as the provider and the login screens see it: every e-service that takes
 * payments gets a twin client (`pay:<clientId>`, a form no registered id can have) whose
 * only redirect URI is Portti's own. A "payer must be identified" payment sends the
 * citizen through a login for the twin: the login shows the e-service's name, the session
 * it leaves is the same SSO session, and the twin shares the e-service's pairwise sector.
 * The twin never redeems its codes: the session is what the payment page wanted.
 */
export function withPaymentLoginClients(issuer: string, eservices: readonly EserviceConfig[]): EserviceConfig[] {
  const twins = eservices.filter((e) => e.permissions.payments).map((e): EserviceConfig => {
    const { backchannelLogoutUri: _none, ...rest } = e;
    return {
      ...rest,
      clientId: paymentLoginClientId(e.clientId),
      redirectUris: [`${issuer}${IDENTIFIED_PATH}`],
      postLogoutRedirectUris: [],
      auth: { method: 'client_secret_basic', secret: randomBytes(32).toString('base64url') },
      sector: e.sector ?? e.clientId,
      strict: false,
      permissions: { personalIdentityCode: false, satu: false, payments: false },
      webhookSecrets: [],
    };
  });
  return [...eservices, ...twins];
}
