import type { Context } from 'koa';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors/http-errors.ts';

/**
 * Reads an `application/x-www-form-urlencoded` body, refusing anything larger than
 * `limit` bytes before it is buffered whole.
 */
export async function readForm(ctx: Context, limit: number): Promise<URLSearchParams> {
  if (!ctx.is('application/x-www-form-urlencoded')) {
    throw new UnsupportedMediaTypeError('expected an application/x-www-form-urlencoded form');
  }
  const declared = Number(ctx.get('content-length') || '0');
  if (declared > limit) throw new PayloadTooLargeError(`form body over ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new PayloadTooLargeError(`form body over ${limit} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.includes('\uFFFD')) throw new BadRequestError('form body is not valid UTF-8');
  return new URLSearchParams(text);
}
