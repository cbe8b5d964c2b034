import { ClientError } from '../errors/http-errors.ts';
import type { IdentificationFailure } from '../identity/identification-method.ts';

/**
 * An upstream answer that did not identify anyone (rejected token, upstream error).
 * The citizen sees a page that offers to try again; the failure's code goes to the log.
 */
export class IdentificationFailedError extends ClientError {
  readonly code: string;
  override readonly status: number;
  readonly oauthError = 'access_denied';
  readonly pageMessage = 'error.bank.failed';

  constructor(readonly failure: IdentificationFailure, retryUrl: string) {
    super(failure.detail, { cause: failure.cause });
    this.code = failure.code;
    this.retryUrl = retryUrl;
    // An upstream that is down is a gateway problem; an answer we refused is a bad request.
    this.status = failure.reason === 'upstream_error' ? 502 : 400;
  }
}
