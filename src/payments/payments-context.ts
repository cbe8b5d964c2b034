import type { EserviceConfig, PaymentsConfig } from '../config/schema.ts';
import type { Logger } from '../log/logger.ts';
import type { PaymentStore, WebhookOutbox } from '../storage/storage.ts';
import type { PaymentProvider } from './payment-provider.ts';

/** What every payments operation needs, built once by the broker. */
export interface PaymentsContext {
  readonly issuer: string;
  readonly config: PaymentsConfig;
  /** E-services with the `payments` permission, by client id. */
  readonly eservices: ReadonlyMap<string, EserviceConfig>;
  readonly store: PaymentStore;
  readonly outbox: WebhookOutbox;
  readonly provider: PaymentProvider;
  readonly logger: Logger;
  readonly now: () => number;
  /** Called after a change enqueued a webhook event, so it goes out now rather than at the next round. */
  readonly webhookEnqueued: () => void;
}
