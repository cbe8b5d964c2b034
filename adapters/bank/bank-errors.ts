import { AuthorizationResponseError, ClientError, ResponseBodyError } from 'openid-client';
import type { IdentificationFailure } from '../../src/identity/identification-method.ts';

/** Stable codes of everything that can go wrong at a bank. */
export type BankFailureCode =
  | 'ERR_BANK_CANCELLED'
  | 'ERR_BANK_AUTHORIZATION_ERROR'
  | 'ERR_BANK_TOKEN_ERROR'
  | 'ERR_BANK_RESPONSE_INVALID'
  | 'ERR_BANK_ID_TOKEN_NOT_ENCRYPTED'
  | 'ERR_BANK_USERINFO_NOT_ENCRYPTED'
  | 'ERR_BANK_ACR_UNKNOWN'
  | 'ERR_BANK_HETU_INVALID'
  | 'ERR_BANK_CLAIMS_MISSING'
  | 'ERR_BANK_UNREACHABLE';

export function bankFailure(reason: IdentificationFailure['reason'], code: BankFailureCode, detail: string, cause?: unknown): IdentificationFailure {
  return { reason, code, detail, ...(cause === undefined ? {} : { cause }) };
}

/**
 * Translates what openid-client threw into our failure, at the adapter's boundary:
 * an error the bank sent back, a response we refused to trust, or a bank we could not reach.
 */
export function classifyBankError(error: unknown, cancelErrors: readonly string[]): IdentificationFailure {
  if (error instanceof AuthorizationResponseError) {
    return cancelErrors.includes(error.error)
      ? bankFailure('cancelled', 'ERR_BANK_CANCELLED', `bank answered ${error.error}`, error)
      : bankFailure('rejected', 'ERR_BANK_AUTHORIZATION_ERROR', `bank answered ${error.error}: ${error.error_description ?? ''}`, error);
  }
  if (error instanceof ResponseBodyError) {
    return bankFailure('rejected', 'ERR_BANK_TOKEN_ERROR', `token endpoint answered ${error.error}`, error);
  }
  const upstreamStatus = (error as { cause?: { status?: unknown } })?.cause?.status;
  if (typeof upstreamStatus === 'number' && upstreamStatus >= 500) {
    return bankFailure('upstream_error', 'ERR_BANK_UNREACHABLE', `bank answered HTTP ${upstreamStatus}`, error);
  }
  if (error instanceof ClientError) {
    // openid-client's checks: state, iss, nonce, signature, decryption, claims.
    const network = (error.cause as { code?: string } | undefined)?.code?.startsWith('E') && error.message.includes('fetch');
    return network
      ? bankFailure('upstream_error', 'ERR_BANK_UNREACHABLE', error.message, error)
      : bankFailure('rejected', 'ERR_BANK_RESPONSE_INVALID', `${error.code ?? 'ERR'}: ${error.message}`, error);
  }
  if (error instanceof TypeError && /fetch failed/i.test(error.message)) {
    return bankFailure('upstream_error', 'ERR_BANK_UNREACHABLE', error.message, error);
  }
  return bankFailure('rejected', 'ERR_BANK_RESPONSE_INVALID', (error as Error)?.message ?? String(error), error);
}
