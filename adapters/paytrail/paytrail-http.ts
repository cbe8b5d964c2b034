import { randomUUID } from 'node:crypto';
import { ProviderError } from '../../src/payments/payment-provider.ts';
import { calculateSignature, verifySignature, type PaytrailAlgorithm } from './paytrail-signature.ts';

export interface PaytrailCredentials {
  readonly apiUrl: string;
  readonly account: string;
  readonly secret: string;
  readonly algorithm: PaytrailAlgorithm;
  readonly timeoutSeconds: number;
}

export interface PaytrailAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * One signed request to the Paytrail API and its verified answer. Every request carries
 * a fresh nonce and timestamp; an answer whose signature does not verify is refused
 * before its body is read, whatever its status. Network failures, timeouts and bad
 * signatures become ProviderError with the original as `cause`.
 */
export async function callPaytrail(
  credentials: PaytrailCredentials,
  request: { readonly method: 'GET' | 'POST'; readonly path: string; readonly body?: unknown; readonly transactionId?: string; readonly correlationId: string },
): Promise<PaytrailAnswer> {
  const body = request.body === undefined ? '' : JSON.stringify(request.body);
  const headers: Record<string, string> = {
    'checkout-account': credentials.account,
    'checkout-algorithm': credentials.algorithm,
    'checkout-method': request.method,
    'checkout-nonce': randomUUID(),
    'checkout-timestamp': new Date().toISOString(),
    ...(request.transactionId ? { 'checkout-transaction-id': request.transactionId } : {}),
  };
  headers.signature = calculateSignature(credentials.secret, credentials.algorithm, Object.entries(headers), body);
  if (body !== '') headers['content-type'] = 'application/json; charset=utf-8';
  headers['x-correlation-id'] = request.correlationId;

  let response: Response;
  let text: string;
  try {
    response = await fetch(`${credentials.apiUrl}${request.path}`, {
      method: request.method,
      headers,
      ...(body === '' ? {} : { body }),
      signal: AbortSignal.timeout(credentials.timeoutSeconds * 1000),
    });
    text = await response.text();
  } catch (cause) {
    throw new ProviderError('ERR_PROVIDER_UNREACHABLE', `Paytrail ${request.method} ${request.path} did not answer`, { cause });
  }
  if (!verifySignature(credentials.secret, response.headers.entries(), text, response.headers.get('signature'))) {
    throw new ProviderError('ERR_PROVIDER_BAD_SIGNATURE', `Paytrail ${request.method} ${request.path} answered ${response.status} without a valid signature`, { httpStatus: response.status });
  }
  let parsed: unknown = null;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch (cause) {
      throw new ProviderError('ERR_PROVIDER_BAD_RESPONSE', `Paytrail ${request.method} ${request.path} answered with a body that is not JSON`, { cause });
    }
  }
  return { status: response.status, body: parsed };
}
