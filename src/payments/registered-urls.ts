import type { EserviceConfig } from '../config/schema.ts';

/**
 * Where an e-service may send its citizens back, and where Portti may post its webhooks:
 * only under URL prefixes of its registration. A prefix matches URLs of the same origin
 * whose path is the prefix's path or below it (a prefix `https://a.fi/pay` matches
 * `/pay` and `/pay/x`, not `/payload`).
 */
export interface RegisteredUrls {
  isReturnUrl(url: URL): boolean;
  isWebhookUrl(url: URL): boolean;
}

const parsed = new WeakMap<EserviceConfig, RegisteredUrls>();

export function registeredUrlsOf(eservice: EserviceConfig): RegisteredUrls {
  let urls = parsed.get(eservice);
  if (!urls) {
    urls = parse(eservice);
    parsed.set(eservice, urls);
  }
  return urls;
}

function parse(eservice: EserviceConfig): RegisteredUrls {
  const returns = (eservice.paymentReturnUris ?? eservice.redirectUris.map((uri) => `${new URL(uri).origin}/`)).map((u) => new URL(u));
  const webhooks = (eservice.paymentWebhookUris ?? returns.map((u) => u.href)).map((u) => new URL(u));
  return {
    isReturnUrl: (url) => returns.some((prefix) => isUnder(url, prefix)),
    isWebhookUrl: (url) => webhooks.some((prefix) => isUnder(url, prefix)),
  };
}

function isUnder(url: URL, prefix: URL): boolean {
  if (url.origin !== prefix.origin || url.username !== '' || url.password !== '') return false;
  const base = prefix.pathname;
  return url.pathname === base || url.pathname.startsWith(base.endsWith('/') ? base : `${base}/`);
}
