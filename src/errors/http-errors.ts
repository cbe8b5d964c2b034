import { PorttiError } from './portti-error.ts';
import type { MessageKey } from '../i18n/catalog.ts';

/**
 * Client errors Portti's own routes raise. Each carries the OAuth-style `error` code used
 * in JSON answers and the catalog key of the sentence a citizen sees on an HTML page.
 */
export abstract class ClientError extends PorttiError {
  override readonly expose = true;
  abstract readonly oauthError: string;
  abstract readonly pageMessage: MessageKey;
  /** Where the citizen can try again (the method choice), when the failure left the login alive. */
  retryUrl?: string;
}

export class BadRequestError extends ClientError {
  readonly code = 'ERR_BAD_REQUEST';
  override readonly status = 400;
  readonly oauthError = 'invalid_request';
  readonly pageMessage = 'error.badRequest';
}

export class PayloadTooLargeError extends ClientError {
  readonly code = 'ERR_PAYLOAD_TOO_LARGE';
  override readonly status = 413;
  readonly oauthError = 'invalid_request';
  readonly pageMessage = 'error.badRequest';
}

export class UnsupportedMediaTypeError extends ClientError {
  readonly code = 'ERR_UNSUPPORTED_MEDIA_TYPE';
  override readonly status = 415;
  readonly oauthError = 'invalid_request';
  readonly pageMessage = 'error.badRequest';
}

export class CsrfError extends ClientError {
  readonly code = 'ERR_CSRF';
  override readonly status = 403;
  readonly oauthError = 'access_denied';
  readonly pageMessage = 'error.csrf';
}

export class NotFoundError extends ClientError {
  readonly code = 'ERR_NOT_FOUND';
  override readonly status = 404;
  readonly oauthError = 'not_found';
  readonly pageMessage = 'error.notFound';
}

/** The interaction cookie is missing or the interaction has expired (or never existed). */
export class InteractionExpiredError extends ClientError {
  readonly code = 'ERR_INTERACTION_EXPIRED';
  override readonly status = 400;
  readonly oauthError = 'invalid_request';
  readonly pageMessage = 'error.expired';
}
