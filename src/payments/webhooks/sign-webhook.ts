import { createHmac, timingSafeEqual } from 'node:crypto';

export interface WebhookKey {
  readonly kid: string;
  readonly secret: string;
}

/** Header names of a webhook delivery. */
export const WEBHOOK_HEADERS = {
  id: 'portti-webhook-id',
  timestamp: 'portti-webhook-timestamp',
  signature: 'portti-webhook-signature',
} as const;

/**
 * `Portti-Webhook-Signature: kid=<kid>,v1=<hex>` for each of the e-service's keys,
 * separated by spaces, where hex is HMAC-SHA256 of `<timestamp>.<body>`. Signing with
 * every registered key lets an e-service add a new key, switch its checks over, and only
 * then have the old one removed.
 */
export function signWebhook(keys: readonly WebhookKey[], timestamp: number, body: string): string {
  return keys.map((key) => `kid=${key.kid},v1=${mac(key.secret, timestamp, body)}`).join(' ');
}

/**
 * What a receiver does (the demo e-service and the tests use it): find a signature by a
 * key it holds, compare in constant time, and refuse timestamps outside the tolerance so a
 * captured delivery cannot be replayed later.
 */
export function verifyWebhook(
  keys: readonly WebhookKey[],
  headers: { readonly timestamp: string | undefined; readonly signature: string | undefined },
  body: string,
  options: { readonly now?: number; readonly toleranceSeconds?: number } = {},
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp)) return false;
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const signatures = (headers.signature ?? '').split(' ').map((part) => {
    const fields = new Map(part.split(',').map((f) => f.split('=', 2) as [string, string]));
    return { kid: fields.get('kid'), v1: fields.get('v1') };
  });
  return keys.some((key) => signatures.some((s) => s.kid === key.kid && s.v1 !== undefined && sameHex(mac(key.secret, timestamp, body), s.v1)));
}

function mac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

function sameHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
