import { PorttiError } from '../errors/portti-error.ts';
import type { PaymentItem, ProviderFormRecord } from '../storage/storage.ts';

/**
 * The port a payment service provider adapter implements (adapters/paytrail). Everything
 * provider-specific (signatures, field names, status words) stays behind it; Portti sees
 * verified reports in these terms only.
 */

/** What the provider reports about a payment: a verified browser return, callback or status read. */
export type ProviderStatus = 'new' | 'ok' | 'fail' | 'pending' | 'delayed';

export interface ProviderReport {
  readonly transactionId: string;
  /** Our identifier for the payment at the provider (the payment id). */
  readonly stamp: string;
  readonly amount: number;
  readonly status: ProviderStatus;
  /** The bank or card acquirer used, when the provider says. */
  readonly method: string | null;
}

export interface ProviderRefundReport {
  /** The refund's own transaction at the provider, when it has one. */
  readonly refundTransactionId: string | null;
  /** Our refund id. */
  readonly stamp: string;
  readonly amount: number;
  readonly status: ProviderStatus;
}

export interface CreateProviderPayment {
  readonly stamp: string;
  readonly reference: string;
  readonly amount: number;
  readonly language: 'fi' | 'sv' | 'en';
  readonly items: readonly PaymentItem[];
  /** Where the browser comes back (both outcomes) and where the provider calls (both outcomes). */
  readonly returnUrl: string;
  readonly callbackUrl: string;
  readonly correlationId: string;
}

export interface ProviderPayment {
  readonly transactionId: string;
  readonly forms: readonly ProviderFormRecord[];
}

export interface ProviderRefundRequest {
  readonly transactionId: string;
  readonly amount: number;
  readonly refundStamp: string;
  readonly refundReference: string;
  readonly callbackUrl: string;
  readonly correlationId: string;
}

export type ProviderRefundAnswer = { readonly status: 'ok' | 'pending' | 'fail'; readonly refundTransactionId: string | null };

export type VerifiedRedirect<T> = { readonly ok: true; readonly report: T } | { readonly ok: false; readonly reason: string };

export interface PaymentProvider {
  /** Short name, recorded on the payment (`paytrail`). */
  readonly name: string;
  createPayment(request: CreateProviderPayment): Promise<ProviderPayment>;
  getStatus(transactionId: string, correlationId: string): Promise<ProviderReport>;
  refund(request: ProviderRefundRequest): Promise<ProviderRefundAnswer>;
  /** Checks the signature of a browser return or server callback (query parameters). */
  verifyPaymentRedirect(params: URLSearchParams): VerifiedRedirect<ProviderReport>;
  verifyRefundRedirect(params: URLSearchParams): VerifiedRedirect<ProviderRefundReport>;
}

export type ProviderErrorCode =
  | 'ERR_PROVIDER_UNREACHABLE'
  | 'ERR_PROVIDER_REFUSED'
  | 'ERR_PROVIDER_BAD_SIGNATURE'
  | 'ERR_PROVIDER_BAD_RESPONSE';

/** A provider call that did not give a usable, verified answer; the original stays as `cause`. */
export class ProviderError extends PorttiError {
  override readonly status = 502;
  readonly code: ProviderErrorCode;
  /** The provider's HTTP status, when it answered at all. */
  readonly httpStatus: number | undefined;

  constructor(code: ProviderErrorCode, message: string, options: { readonly cause?: unknown; readonly httpStatus?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.httpStatus = options.httpStatus;
  }
}
