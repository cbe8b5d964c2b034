import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Paytrail's HMAC (PROTOCOLS.md, "Payments: Paytrail Payment API"): every `checkout-*`
 * header or query parameter sorted by name as `name:value` lines, then the exact body (the
 * empty string when there is none), joined by `\n`; HMAC-SHA256 or -SHA512 with the
 * merchant secret, hex. Both ends of the conversation use this module.
 */
export type PaytrailAlgorithm = 'sha256' | 'sha512';

export const ALGORITHMS: readonly PaytrailAlgorithm[] = ['sha256', 'sha512'];

export function isAlgorithm(value: unknown): value is PaytrailAlgorithm {
  return typeof value === 'string' && (ALGORITHMS as readonly string[]).includes(value);
}

/** The signed fields of a header set or query: every `checkout-` name, lower-cased. */
export function checkoutFields(entries: Iterable<[string, string]>): [string, string][] {
  const fields: [string, string][] = [];
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    if (lower.startsWith('checkout-')) fields.push([lower, value]);
  }
  return fields;
}

export function calculateSignature(secret: string, algorithm: PaytrailAlgorithm, fields: Iterable<[string, string]>, body: string): string {
  const lines = checkoutFields(fields)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}:${value}`);
  return createHmac(algorithm, secret).update([...lines, body].join('\n')).digest('hex');
}

/** Constant-time comparison of two hex signatures; different lengths never match. */
export function signaturesMatch(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Verifies a signed set of fields (response headers, or the query of a redirect or
 * callback with an empty body): the algorithm is the one the fields name, and only the
 * algorithms we know are accepted.
 */
export function verifySignature(secret: string, fields: Iterable<[string, string]>, body: string, given: string | null | undefined): boolean {
  const list = [...fields];
  const algorithm = checkoutFields(list).find(([name]) => name === 'checkout-algorithm')?.[1];
  if (!isAlgorithm(algorithm)) return false;
  return signaturesMatch(calculateSignature(secret, algorithm, list, body), given);
}
