import type { Context } from 'koa';
import { DemoError } from './demo-error.ts';

/** Reads an `application/x-www-form-urlencoded` body, refusing more than `limit` bytes. */
export async function readDemoForm(ctx: Context, limit: number): Promise<URLSearchParams> {
  if (!ctx.is('application/x-www-form-urlencoded')) {
    throw new DemoError('ERR_DEMO_BAD_FORM', 'expected an application/x-www-form-urlencoded body');
  }
  if (Number(ctx.get('content-length') || '0') > limit) {
    throw new DemoError('ERR_DEMO_FORM_TOO_LARGE', `form body over ${limit} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new DemoError('ERR_DEMO_FORM_TOO_LARGE', `form body over ${limit} bytes`);
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
