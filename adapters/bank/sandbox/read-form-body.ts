import type { Context } from 'koa';

const DEFAULT_LIMIT_BYTES = 8 * 1024;

/** Reads an application/x-www-form-urlencoded body, refusing bodies over `limitBytes`. */
export async function readFormBody(
  ctx: Context,
  limitBytes = DEFAULT_LIMIT_BYTES,
): Promise<URLSearchParams> {
  if (!ctx.is('application/x-www-form-urlencoded')) {
    ctx.throw(415, 'Expected an application/x-www-form-urlencoded form');
  }
  if (Number(ctx.get('content-length') || 0) > limitBytes) {
    ctx.throw(413, 'The form is too large');
  }
  const text = await readLimited(ctx, limitBytes);
  return new URLSearchParams(text);
}

function readLimited(ctx: Context, limitBytes: number): Promise<string> {
  const { req } = ctx;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanUp = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) {
        chunks.push(chunk);
        return;
      }
      cleanUp();
      // Drain the rest so the 413 answer still reaches the client on this connection.
      req.resume();
      reject(Object.assign(new Error('The form is too large'), { status: 413, expose: true }));
    };
    const onEnd = () => {
      cleanUp();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (error: Error) => {
      cleanUp();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
