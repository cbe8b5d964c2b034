import { createHash } from 'node:crypto';
import type { Context, Next } from 'koa';
import { canonicalJson } from '../../storage/audit-hash.ts';
import { PaymentError } from '../payment-errors.ts';

/**
 * Reads an `application/json` body of at most `limit` bytes into `ctx.state.body`, with a
 * hash of its canonical form in `ctx.state.bodyHash` (key order and whitespace do not
 * make two bodies differ for the Idempotency-Key check).
 */
export function readJsonBody(limit: number) {
  return async function readJson(ctx: Context, next: Next): Promise<void> {
    if (!ctx.is('application/json')) {
      throw new PaymentError('ERR_PAYMENT_UNSUPPORTED_MEDIA_TYPE', 'the body must be JSON (Content-Type: application/json)');
    }
    if (Number(ctx.get('content-length') || '0') > limit) {
      throw new PaymentError('ERR_PAYMENT_BODY_TOO_LARGE', `the body must be at most ${limit} bytes`);
    }
    const text = await readText(ctx, limit);
    if (text.includes('\uFFFD')) throw new PaymentError('ERR_PAYMENT_INVALID_REQUEST', 'the body is not valid UTF-8');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new PaymentError('ERR_PAYMENT_INVALID_REQUEST', 'the body is not valid JSON');
    }
    ctx.state.body = body;
    ctx.state.bodyHash = createHash('sha256').update(canonicalJson(body)).digest('base64url');
    await next();
  };
}

/** Event listeners rather than an async iterator: this runs on every create, and it is cheaper. */
function readText(ctx: Context, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const { req } = ctx;
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (error?: unknown) => {
      req.off('data', onData).off('end', onEnd).off('error', done);
      if (error) reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      done(new PaymentError('ERR_PAYMENT_BODY_TOO_LARGE', `the body must be at most ${limit} bytes`));
      req.resume();
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    req.on('data', onData).on('end', onEnd).on('error', done);
  });
}

const KEY = /^[\x21-\x7e]{1,255}$/;

/** The Idempotency-Key header: required on every POST that creates something. */
export async function requireIdempotencyKey(ctx: Context, next: Next): Promise<void> {
  const key = ctx.get('idempotency-key');
  if (key === '') throw new PaymentError('ERR_PAYMENT_IDEMPOTENCY_KEY_MISSING', 'the Idempotency-Key header is required (for example a UUID per payment)');
  if (!KEY.test(key)) throw new PaymentError('ERR_PAYMENT_INVALID_REQUEST', 'the Idempotency-Key must be 1-255 visible ASCII characters');
  ctx.state.idempotencyKey = key;
  await next();
}
