import { ClientError } from '../errors/http-errors.ts';

/**
 * A method could not even start (its upstream is unreachable or misconfigured). The
 * citizen is told to try again or pick another method; the operator reads the cause.
 */
export class MethodUnavailableError extends ClientError {
  readonly code = 'ERR_METHOD_UNAVAILABLE';
  override readonly status = 502;
  readonly oauthError = 'temporarily_unavailable';
  readonly pageMessage = 'error.bank.failed';
}
