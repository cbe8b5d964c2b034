export interface FetchCrlOptions {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  /** Validators of the copy in use, so an unchanged list is not downloaded again. */
  readonly etag?: string;
  readonly lastModified?: string;
}

export type FetchedCrl =
  | { readonly changed: true; readonly body: Uint8Array; readonly etag?: string; readonly lastModified?: string }
  | { readonly changed: false };

/**
 * Downloads one CRL, refusing it as soon as it grows past `maxBytes` rather than after
 * holding it all. The timeout covers the whole body: a 45 MB list over a slow link
 * needs a generous one. Throws an Error whose message is the reason, for the operator.
 */
export async function fetchCrl(url: string, options: FetchCrlOptions): Promise<FetchedCrl> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const headers: Record<string, string> = { accept: 'application/pkix-crl, application/x-pkcs7-crl;q=0.5, */*;q=0.1' };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  try {
    const response = await fetch(url, { headers, signal: timeout });
    if (response.status === 304) return { changed: false };
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > options.maxBytes) {
      await response.body?.cancel();
      throw new Error(`Content-Length ${declared} is over the limit of ${options.maxBytes} bytes`);
    }
    const body = await readAtMost(response, options.maxBytes);
    const etag = response.headers.get('etag') ?? undefined;
    const lastModified = response.headers.get('last-modified') ?? undefined;
    return { changed: true, body, ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
  } catch (error) {
    if (timeout.aborted) throw new Error(`no complete answer within ${options.timeoutMs} ms`, { cause: error });
    if (error instanceof Error && error.message === 'fetch failed' && error.cause instanceof Error) throw new Error(error.cause.message, { cause: error });
    throw error;
  }
}

async function readAtMost(response: Response, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  if (response.body) {
    for await (const chunk of response.body) {
      length += chunk.length;
      // Throwing ends the iteration, which cancels the download.
      if (length > maxBytes) throw new Error(`the body is over the limit of ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  }
  // The parser needs one contiguous buffer.
  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}
