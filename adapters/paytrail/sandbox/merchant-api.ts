import { randomUUID } from 'node:crypto';
import type { Context } from 'koa';
import { calculateSignature, isAlgorithm, signaturesMatch, type PaytrailAlgorithm } from '../paytrail-signature.ts';

/**
 * The merchant side of the sandbox's Paytrail API: request signatures checked as Paytrail
 * checks them (account, algorithm, method, fresh nonce, timestamp, HMAC over headers and
 * body), and every answer signed, errors included.
 */
export interface MerchantCall {
  readonly account: string;
  readonly secret: string;
  readonly algorithm: PaytrailAlgorithm;
  readonly body: unknown;
}

const CLOCK_SKEW_MS = 10 * 60_000;

export class ApiRefusal extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export class NonceCache {
  readonly #seen = new Map<string, number>();

  /** True the first time a nonce is seen within the skew window. */
  claim(nonce: string, now: number): boolean {
    for (const [value, at] of this.#seen) {
      if (now - at <= CLOCK_SKEW_MS) break;
      this.#seen.delete(value);
    }
    if (this.#seen.has(nonce)) return false;
    this.#seen.set(nonce, now);
    return true;
  }
}

export async function readMerchantCall(ctx: Context, merchants: ReadonlyMap<string, string>, nonces: NonceCache, transactionId?: string): Promise<MerchantCall> {
  const text = await readText(ctx, 64 * 1024);
  const account = ctx.get('checkout-account');
  const secret = merchants.get(account);
  if (!secret) throw new ApiRefusal(401, 'unknown checkout-account');
  const algorithm = ctx.get('checkout-algorithm');
  if (!isAlgorithm(algorithm)) throw new ApiRefusal(400, 'checkout-algorithm must be sha256 or sha512');
  if (ctx.get('checkout-method') !== ctx.method) throw new ApiRefusal(400, 'checkout-method does not match the HTTP method');
  const timestamp = Date.parse(ctx.get('checkout-timestamp'));
  if (Number.isNaN(timestamp) || Math.abs(Date.now() - timestamp) > CLOCK_SKEW_MS) throw new ApiRefusal(400, 'checkout-timestamp missing or too far off');
  if (transactionId !== undefined && ctx.get('checkout-transaction-id') !== transactionId) {
    throw new ApiRefusal(400, 'checkout-transaction-id does not match the path');
  }
  const headers = Object.entries(ctx.headers).map(([name, value]) => [name, String(value)] as [string, string]);
  if (!signaturesMatch(calculateSignature(secret, algorithm, headers, text), ctx.get('signature'))) {
    throw new ApiRefusal(401, 'signature missing or wrong');
  }
  const nonce = ctx.get('checkout-nonce');
  if (nonce === '' || !nonces.claim(nonce, Date.now())) throw new ApiRefusal(401, 'checkout-nonce missing or already used');
  let body: unknown = null;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      throw new ApiRefusal(400, 'the body is not JSON');
    }
  }
  return { account, secret, algorithm, body };
}

/** Answers with JSON signed over the checkout- headers and the exact body text. */
export function answerSigned(ctx: Context, call: Pick<MerchantCall, 'account' | 'secret' | 'algorithm'>, status: number, body: unknown, transactionId?: string): void {
  const text = JSON.stringify(body);
  const headers: [string, string][] = [
    ['checkout-account', call.account],
    ['checkout-algorithm', call.algorithm],
    ['checkout-request-id', randomUUID()],
    ...(transactionId ? [['checkout-transaction-id', transactionId] as [string, string]] : []),
  ];
  for (const [name, value] of headers) ctx.set(name, value);
  ctx.set('signature', calculateSignature(call.secret, call.algorithm, headers, text));
  ctx.status = status;
  ctx.type = 'application/json; charset=utf-8';
  ctx.body = text;
}

async function readText(ctx: Context, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new ApiRefusal(413, 'the body is too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
