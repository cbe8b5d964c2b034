import { randomBytes } from 'node:crypto';

/**
 * Identifiers with a type prefix, so a log line or a support ticket says what it names.
 * 120 random bits: a payment id in a URL is not guessable, and it is also the stamp the
 * provider knows the payment by.
 */
const randomPart = () => randomBytes(15).toString('base64url');

export const newPaymentId = () => `pay_${randomPart()}`;
export const newRefundId = () => `rfd_${randomPart()}`;
export const newEventId = () => `evt_${randomPart()}`;

const ID = /^(pay|rfd|evt)_[A-Za-z0-9_-]{20}$/;

/** Cheap shape check before any store lookup of an id taken from a URL. */
export function looksLikeId(prefix: 'pay' | 'rfd' | 'evt', value: string | undefined): value is string {
  return typeof value === 'string' && value.startsWith(`${prefix}_`) && ID.test(value);
}
