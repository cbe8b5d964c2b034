import { randomBytes } from 'node:crypto';

/**
 * Identifiers with a type prefix, so a log line or a support ticket says what it names:
 * the creation time (milliseconds, 12 hex digits, so ids sort by time and new rows land
 * at the end of the store's indexes instead of on random pages) and 96 random bits, so a
 * payment id in a URL is not guessable. The payment id is also the stamp the provider
 * knows the payment by.
 */
const newId = (prefix: string) => `${prefix}_${Date.now().toString(16).padStart(12, '0')}${randomBytes(12).toString('base64url')}`;

export const newPaymentId = () => newId('pay');
export const newRefundId = () => newId('rfd');
export const newEventId = () => newId('evt');

const ID = /^(pay|rfd|evt)_[0-9a-f]{12}[A-Za-z0-9_-]{16}$/;

/** Cheap shape check before any store lookup of an id taken from a URL. */
export function looksLikeId(prefix: 'pay' | 'rfd' | 'evt', value: string | undefined): value is string {
  return typeof value === 'string' && value.startsWith(`${prefix}_`) && ID.test(value);
}
