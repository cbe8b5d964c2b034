import { ClientError } from '../errors/http-errors.ts';
import type { MessageKey } from '../i18n/catalog.ts';

/** Every way a payments request can end other than success, as a closed set. */
export type PaymentErrorCode =
  | 'ERR_PAYMENT_TOKEN_MISSING'
  | 'ERR_PAYMENT_TOKEN_INVALID'
  | 'ERR_PAYMENT_INSUFFICIENT_SCOPE'
  | 'ERR_PAYMENT_INVALID_REQUEST'
  | 'ERR_PAYMENT_UNSUPPORTED_MEDIA_TYPE'
  | 'ERR_PAYMENT_BODY_TOO_LARGE'
  | 'ERR_PAYMENT_IDEMPOTENCY_KEY_MISSING'
  | 'ERR_PAYMENT_IDEMPOTENCY_KEY_REUSED'
  | 'ERR_PAYMENT_NOT_FOUND'
  | 'ERR_PAYMENT_INVALID_STATE'
  | 'ERR_REFUND_AVAILABLE_MISMATCH'
  | 'ERR_REFUND_EXCEEDS_AVAILABLE'
  | 'ERR_PAYMENT_PROVIDER_UNAVAILABLE'
  | 'ERR_PAYMENT_REPORT_REFUSED'
  | 'ERR_PAYMENT_CSRF';

interface Answer {
  readonly status: number;
  /** OAuth-style `error` of the JSON answer. */
  readonly error: string;
  /** What a citizen reads when the error reaches a page. */
  readonly page: MessageKey;
}

/** The one table from outcome to HTTP answer. */
const ANSWERS: Readonly<Record<PaymentErrorCode, Answer>> = {
  ERR_PAYMENT_TOKEN_MISSING: { status: 401, error: 'invalid_token', page: 'error.badRequest' },
  ERR_PAYMENT_TOKEN_INVALID: { status: 401, error: 'invalid_token', page: 'error.badRequest' },
  ERR_PAYMENT_INSUFFICIENT_SCOPE: { status: 403, error: 'insufficient_scope', page: 'error.badRequest' },
  ERR_PAYMENT_INVALID_REQUEST: { status: 400, error: 'invalid_request', page: 'error.badRequest' },
  ERR_PAYMENT_UNSUPPORTED_MEDIA_TYPE: { status: 415, error: 'invalid_request', page: 'error.badRequest' },
  ERR_PAYMENT_BODY_TOO_LARGE: { status: 413, error: 'invalid_request', page: 'error.badRequest' },
  ERR_PAYMENT_IDEMPOTENCY_KEY_MISSING: { status: 400, error: 'invalid_request', page: 'error.badRequest' },
  ERR_PAYMENT_IDEMPOTENCY_KEY_REUSED: { status: 409, error: 'idempotency_key_reused', page: 'error.badRequest' },
  ERR_PAYMENT_NOT_FOUND: { status: 404, error: 'not_found', page: 'payment.error.notFound' },
  ERR_PAYMENT_INVALID_STATE: { status: 409, error: 'invalid_state', page: 'payment.error.state' },
  ERR_REFUND_AVAILABLE_MISMATCH: { status: 412, error: 'refund_amount_available_mismatch', page: 'error.badRequest' },
  ERR_REFUND_EXCEEDS_AVAILABLE: { status: 409, error: 'refund_amount_unavailable', page: 'error.badRequest' },
  ERR_PAYMENT_PROVIDER_UNAVAILABLE: { status: 502, error: 'temporarily_unavailable', page: 'payment.error.provider' },
  ERR_PAYMENT_REPORT_REFUSED: { status: 400, error: 'invalid_request', page: 'payment.error.report' },
  ERR_PAYMENT_CSRF: { status: 403, error: 'access_denied', page: 'error.csrf' },
};

/**
 * A payments error: the code says what happened, the table says how it is answered. The
 * message is shown to API callers for 4xx answers, so it says exactly what to fix.
 */
export class PaymentError extends ClientError {
  readonly code: PaymentErrorCode;
  override readonly status: number;
  readonly oauthError: string;
  readonly pageMessage: MessageKey;

  constructor(code: PaymentErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    const answer = ANSWERS[code];
    this.code = code;
    this.status = answer.status;
    this.oauthError = answer.error;
    this.pageMessage = answer.page;
  }
}
