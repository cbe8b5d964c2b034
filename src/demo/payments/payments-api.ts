import { randomUUID } from 'node:crypto';
import { clientCredentialsGrant } from 'openid-client';
import { DemoError } from '../demo-error.ts';
import type { IssuerConnection } from '../issuer-connection.ts';

export interface ApiAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/**
 * The demo's client of Portti's payments API, as an integrator would write it: an access
 * token by client credentials (scope `payments`), kept until shortly before it expires,
 * and an Idempotency-Key on every POST so a retry never pays or refunds twice.
 */
export function createPaymentsApi(issuer: IssuerConnection) {
  let token: { value: string; expiresAt: number } | undefined;

  async function accessToken(): Promise<string> {
    if (token && token.expiresAt > Date.now()) return token.value;
    const config = await issuer.configuration();
    try {
      const answer = await clientCredentialsGrant(config, { scope: 'payments' });
      token = { value: answer.access_token, expiresAt: Date.now() + ((answer.expires_in ?? 60) - 30) * 1000 };
      return token.value;
    } catch (error) {
      throw new DemoError('ERR_DEMO_ISSUER_UNAVAILABLE', 'no payments token from Portti', { cause: error });
    }
  }

  async function call(method: 'GET' | 'POST', path: string, body?: unknown, idempotencyKey?: string): Promise<ApiAnswer> {
    const base = (await issuer.configuration()).serverMetadata().issuer;
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await accessToken()}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': idempotencyKey ?? randomUUID() }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new DemoError('ERR_DEMO_ISSUER_UNAVAILABLE', `Portti did not answer ${method} ${path}`, { cause: error });
    }
    if (response.status === 401) token = undefined;
    const text = await response.text();
    return { status: response.status, body: text === '' ? {} : JSON.parse(text) as Record<string, unknown> };
  }

  return {
    createPayment: (body: unknown, idempotencyKey: string) => call('POST', '/payments', body, idempotencyKey),
    getPayment: (id: string) => call('GET', `/payments/${encodeURIComponent(id)}`),
    listRefunds: (id: string) => call('GET', `/payments/${encodeURIComponent(id)}/refunds`),
    refund: (id: string, body: unknown, idempotencyKey: string) => call('POST', `/payments/${encodeURIComponent(id)}/refunds`, body, idempotencyKey),
  };
}

export type PaymentsApi = ReturnType<typeof createPaymentsApi>;
