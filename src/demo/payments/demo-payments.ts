import type { IssuerConnection } from '../issuer-connection.ts';
import { createPaymentsApi, type PaymentsApi } from './payments-api.ts';

export interface WebhookKey {
  readonly kid: string;
  readonly secret: string;
}

export interface ReceivedEvent {
  readonly id: string;
  readonly type: string;
  readonly sequence: number;
  readonly receivedAt: string;
}

/** What the demo's payment pages share: the API client, the webhook key, and the events received. */
export interface DemoPayments {
  readonly api: PaymentsApi;
  readonly publicUrl: string;
  /** Without a key the demo asks for no webhooks (it could not verify them). */
  readonly webhookKey: WebhookKey | undefined;
  /** Verified webhook events by payment id, deduplicated by event id. */
  readonly events: Map<string, ReceivedEvent[]>;
}

const MAX_PAYMENTS_REMEMBERED = 1_000;

export function createDemoPayments(options: { readonly issuer: IssuerConnection; readonly publicUrl: string; readonly webhookKey?: WebhookKey | undefined }): DemoPayments {
  return { api: createPaymentsApi(options.issuer), publicUrl: options.publicUrl, webhookKey: options.webhookKey, events: new Map() };
}

/** Records an event once; true when it was new. Old payments are forgotten first when memory is full. */
export function recordEvent(payments: DemoPayments, paymentId: string, event: ReceivedEvent): boolean {
  const list = payments.events.get(paymentId) ?? [];
  if (list.some((e) => e.id === event.id)) return false;
  if (!payments.events.has(paymentId) && payments.events.size >= MAX_PAYMENTS_REMEMBERED) {
    payments.events.delete(payments.events.keys().next().value as string);
  }
  payments.events.set(paymentId, [...list, event].sort((a, b) => a.sequence - b.sequence));
  return true;
}
