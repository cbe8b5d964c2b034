import http from 'node:http';
import { BENCH_ESERVICE } from './bench-eservice.ts';

export interface PaymentsClient {
  /** Creates one payment (a fresh Idempotency-Key each time) and resolves with its id; throws unless 201. */
  create(index: number): Promise<string>;
  /** Reads one payment; throws unless 200 with that id. */
  get(id: string): Promise<void>;
  close(): void;
}

interface RawResponse {
  readonly status: number;
  readonly body: string;
}

/**
 * The bench e-service calling the payments API on a keep-alive agent with one socket per
 * concurrent request, holding one client-credentials token for the whole run.
 */
export async function createPaymentsClient(issuer: string, concurrency: number): Promise<PaymentsClient> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const token = await fetchToken(agent, issuer);
  const run = `${process.pid}-${Date.now().toString(36)}`;
  const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
  return {
    async create(index) {
      const body = JSON.stringify({
        amount: 1250,
        description: 'Permit fee',
        reference: '1232',
        return_url: `${BENCH_ESERVICE.redirectUri}?paid`,
        cancel_url: `${BENCH_ESERVICE.redirectUri}?cancelled`,
        items: [{ description: 'Permit', units: 1, unit_price: 1000, vat_percentage: 0 }, { description: 'Handling', units: 1, unit_price: 250, vat_percentage: 25.5 }],
      });
      const answer = await send(agent, new URL('/payments', issuer), 'POST', {
        ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'idempotency-key': `${run}-${index}`,
      }, body);
      const id = answer.status === 201 ? (JSON.parse(answer.body) as { id?: unknown }).id : undefined;
      if (typeof id !== 'string') throw new Error(`POST /payments answered ${answer.status}: ${answer.body.slice(0, 300)}`);
      return id;
    },
    async get(id) {
      const answer = await send(agent, new URL(`/payments/${id}`, issuer), 'GET', headers);
      if (answer.status !== 200 || !answer.body.includes(id)) throw new Error(`GET /payments/${id} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
    },
    close: () => agent.destroy(),
  };
}

async function fetchToken(agent: http.Agent, issuer: string): Promise<string> {
  const credentials = `${encodeURIComponent(BENCH_ESERVICE.clientId)}:${encodeURIComponent(BENCH_ESERVICE.secret)}`;
  const body = 'grant_type=client_credentials&scope=payments';
  const answer = await send(agent, new URL('/token', issuer), 'POST', {
    authorization: `Basic ${Buffer.from(credentials).toString('base64')}`,
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': String(Buffer.byteLength(body)),
  }, body);
  const token = answer.status === 200 ? (JSON.parse(answer.body) as { access_token?: unknown }).access_token : undefined;
  if (typeof token !== 'string') throw new Error(`no payments token: ${answer.status} ${answer.body.slice(0, 300)}`);
  return token;
}

function send(agent: http.Agent, url: URL, method: string, headers: http.OutgoingHttpHeaders, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}
