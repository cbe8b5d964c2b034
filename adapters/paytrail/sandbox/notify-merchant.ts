import { setTimeout as sleep } from 'node:timers/promises';
import type { ProviderStatus } from '../../../src/payments/payment-provider.ts';
import { calculateSignature } from '../paytrail-signature.ts';
import type { SandboxLedger, SandboxRefund, SandboxTransaction } from './sandbox-ledger.ts';

export type SandboxLog = (event: string, fields?: Record<string, unknown>) => void;

/** The signed query Paytrail appends to redirect and callback URLs (empty body). */
export function signedQuery(secret: string, transaction: SandboxTransaction, facts: {
  readonly status: ProviderStatus;
  readonly amount?: number;
  readonly stamp?: string;
  readonly reference?: string;
  readonly transactionId?: string;
}): URLSearchParams {
  const fields: [string, string][] = [
    ['checkout-account', transaction.account],
    ['checkout-algorithm', transaction.algorithm],
    ['checkout-amount', String(facts.amount ?? transaction.amount)],
    ['checkout-stamp', facts.stamp ?? transaction.stamp],
    ['checkout-reference', facts.reference ?? transaction.reference],
    ['checkout-transaction-id', facts.transactionId ?? transaction.transactionId],
    ['checkout-status', facts.status],
    ['checkout-provider', transaction.provider ?? 'sandbox'],
  ];
  const query = new URLSearchParams(fields);
  query.set('signature', calculateSignature(secret, transaction.algorithm, fields, ''));
  return query;
}

export function withQuery(url: string, query: URLSearchParams): string {
  const target = new URL(url);
  for (const [name, value] of query) target.searchParams.set(name, value);
  return target.href;
}

/**
 * Calls the merchant's callback URL with HTTP GET, as Paytrail does, and tries again a few
 * times when the merchant does not answer 2xx. Never throws: the sandbox logs instead.
 */
export async function callBack(url: string, query: URLSearchParams, log: SandboxLog, attempts = 3): Promise<void> {
  const target = withQuery(url, query);
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      const response = await fetch(target, { signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      log('callback delivered', { status: response.status, attempt, stamp: query.get('checkout-stamp'), checkoutStatus: query.get('checkout-status') });
      if (response.ok) return;
    } catch (error) {
      log('callback failed', { attempt, error: String(error) });
    }
    await sleep(250 * attempt);
  }
}

/** When the callback goes: with the redirect, after a delay (up to 15 min in real life), or not at all. */
export type CallbackTiming = { readonly kind: 'now' } | { readonly kind: 'delay'; readonly seconds: number } | { readonly kind: 'never' };

export function notifyPayment(secret: string, transaction: SandboxTransaction, timing: CallbackTiming, log: SandboxLog): Promise<void> {
  if (!transaction.callbackUrls || timing.kind === 'never') return Promise.resolve();
  const url = transaction.status === 'fail' ? transaction.callbackUrls.cancel : transaction.callbackUrls.success;
  const query = signedQuery(secret, transaction, { status: transaction.status });
  if (timing.kind === 'now') return callBack(url, query, log);
  setTimeout(() => void callBack(url, query, log), timing.seconds * 1000).unref();
  return Promise.resolve();
}

export function notifyRefund(secret: string, transaction: SandboxTransaction, refund: SandboxRefund, log: SandboxLog): Promise<void> {
  if (!refund.callbackUrl) return Promise.resolve();
  return callBack(refund.callbackUrl, signedQuery(secret, transaction, {
    status: refund.status, amount: refund.amount, stamp: refund.refundStamp, reference: refund.refundReference, transactionId: refund.transactionId,
  }), log);
}

/** A pending payment or refund settles after a while; only the callback tells (no browser is there). */
export function settleLater(seconds: number, settle: () => Promise<void>): void {
  setTimeout(() => void settle(), seconds * 1000).unref();
}

export type { SandboxLedger };
