import type { Fault, MssSignatureResp, MssStatusResp } from './etsi-messages.ts';
import { MsspFaultError, MsspTransportError, type MsspTransport } from './mssp-transport.ts';

export interface JsonTransportOptions {
  /** The MSSP's JSON endpoint; every message is POSTed there wrapped in its element name. */
  readonly url: string;
  readonly basicAuth?: { readonly username: string; readonly password: string } | undefined;
  readonly requestTimeoutMs: number;
}

/** The ETSI TS 102 204 JSON binding: `{"MSS_SignatureReq": {...}}` in, `{"MSS_SignatureResp": ...}` or `{"Fault": ...}` out. */
export function createJsonTransport(options: JsonTransportOptions): MsspTransport {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (options.basicAuth) {
    const { username, password } = options.basicAuth;
    headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }

  async function exchange<T>(requestName: string, responseName: string, message: unknown, correlationId: string): Promise<T> {
    let response: Response;
    try {
      response = await fetch(options.url, {
        method: 'POST',
        headers: { ...headers, 'x-correlation-id': correlationId },
        body: JSON.stringify({ [requestName]: message }),
        signal: AbortSignal.timeout(options.requestTimeoutMs),
      });
    } catch (cause) {
      throw new MsspTransportError(`MSSP unreachable: ${(cause as Error).message}`, 'unreachable', { cause });
    }
    let body: Record<string, unknown>;
    try {
      body = (await response.json()) as Record<string, unknown>;
    } catch (cause) {
      const kind = response.status >= 500 ? 'unreachable' : 'malformed';
      throw new MsspTransportError(`MSSP answered HTTP ${response.status} without JSON`, kind, { cause });
    }
    if (isObject(body?.Fault)) throw new MsspFaultError(body.Fault as unknown as Fault);
    const answer = body?.[responseName];
    if (!response.ok || !isObject(answer)) {
      throw new MsspTransportError(`MSSP answered HTTP ${response.status} without ${responseName}`, response.status >= 500 ? 'unreachable' : 'malformed');
    }
    return answer as T;
  }

  return {
    signature: (request, correlationId) => exchange<MssSignatureResp>('MSS_SignatureReq', 'MSS_SignatureResp', request, correlationId),
    status: (request, correlationId) => exchange<MssStatusResp>('MSS_StatusReq', 'MSS_StatusResp', request, correlationId),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
