import http from 'node:http';
import { BENCH_ESERVICE } from './bench-eservice.ts';

export interface TokenClient {
  /** POSTs one token request; resolves when it answered 200 with an access_token, else throws. */
  requestToken(): Promise<void>;
  close(): void;
}

/**
 * A client-credentials caller on a keep-alive agent with one socket per concurrent request,
 * so the run measures token issuance and not TCP handshakes. HTTP Basic as RFC 6749 2.3.1
 * has it: id and secret form-encoded, then base64.
 */
export function createTokenClient(issuer: string, concurrency: number, body: string): TokenClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL('/token', issuer);
  const credentials = `${encodeURIComponent(BENCH_ESERVICE.clientId)}:${encodeURIComponent(BENCH_ESERVICE.secret)}`;
  const headers = {
    authorization: `Basic ${Buffer.from(credentials).toString('base64')}`,
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': String(Buffer.byteLength(body)),
    accept: 'application/json',
  };
  return {
    requestToken: () => postForm(agent, url, headers, body).then(checkTokenResponse),
    close: () => agent.destroy(),
  };
}

interface RawResponse {
  readonly status: number;
  readonly body: string;
}

function postForm(agent: http.Agent, url: URL, headers: http.OutgoingHttpHeaders, body: string): Promise<RawResponse> {
  return new Promise((resolveResponse, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolveResponse({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

function checkTokenResponse({ status, body }: RawResponse): void {
  let parsed: { access_token?: unknown } | undefined;
  try {
    parsed = JSON.parse(body) as { access_token?: unknown };
  } catch {
    parsed = undefined;
  }
  if (status !== 200 || typeof parsed?.access_token !== 'string' || parsed.access_token === '') {
    throw new Error(`token endpoint answered ${status}: ${body.slice(0, 300)}`);
  }
}
