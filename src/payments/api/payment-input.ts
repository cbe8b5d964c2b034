import { z } from 'zod';
import { PaymentError } from '../payment-errors.ts';
import { parsePaymentReference } from '../payment-reference.ts';

/** Paytrail's ceiling for an amount, and ours: 999,999.99 EUR. */
export const MAX_AMOUNT = 99_999_999;

const cents = (min: number) =>
  z.number({ error: 'must be a whole number of cents' })
    .int({ error: 'must be a whole number of cents, not a fraction' })
    .min(min, { error: `must be at least ${min}` })
    .max(MAX_AMOUNT, { error: `must be at most ${MAX_AMOUNT} cents` });

// No control characters: these texts reach the payment page and the provider's records.
const text = (max: number) => z.string({ error: 'must be a string' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(max, { error: `must be at most ${max} characters` })
  .regex(/^[^\p{Cc}]*$/u, { error: 'must not contain control characters' });

const url = z.string({ error: 'must be a URL' }).max(2000, { error: 'must be at most 2000 characters' }).refine((value) => {
  try {
    const parsed = new URL(value);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hash === '';
  } catch {
    return false;
  }
}, { error: 'must be an absolute http(s) URL without a fragment' });

const vatPercentage = z.number({ error: 'must be a number' })
  .min(0, { error: 'must be 0-100' })
  .max(100, { error: 'must be 0-100' })
  .refine((value) => Number.isInteger(Math.round(value * 10)) && Math.abs(value * 10 - Math.round(value * 10)) < 1e-9, {
    error: 'must have at most one decimal, such as 25.5',
  });

const item = z.strictObject({
  description: text(200),
  units: z.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(99_999, { error: 'must be at most 99999' }),
  unit_price: cents(0),
  vat_percentage: vatPercentage,
  product_code: text(100).optional(),
});

const createPaymentBody = z.strictObject({
  amount: cents(1),
  currency: z.literal('EUR', { error: 'only EUR is supported' }).optional(),
  description: text(200),
  reference: z.string({ error: 'must be a string' }).max(40, { error: 'is too long for a payment reference' }),
  language: z.enum(['fi', 'sv', 'en'], { error: 'must be fi, sv or en' }).default('fi'),
  return_url: url,
  cancel_url: url,
  webhook_url: url.optional(),
  payer_must_be_identified: z.boolean({ error: 'must be true or false' }).default(false),
  items: z.array(item, { error: 'must be a list of items' }).min(1, { error: 'must not be empty when given' }).max(100, { error: 'must have at most 100 items' }).optional(),
});

export type CreatePaymentInput = Omit<z.output<typeof createPaymentBody>, 'reference'> & { readonly reference: string };

/**
 * Checks a `POST /payments` body strictly: unknown fields, wrong types, fractional or
 * out-of-range amounts, a currency other than EUR, a reference whose check digits do not
 * match, or items that do not add up to the amount are refused with a message naming the
 * field. Nothing is created from a refused body.
 */
export function parseCreatePayment(body: unknown): CreatePaymentInput {
  const parsed = parseWith(createPaymentBody, body);
  const reference = parsePaymentReference(parsed.reference);
  if (!reference.ok) throw invalid(`reference: ${reference.reason}`);
  if (parsed.items) {
    const total = parsed.items.reduce((sum, i) => sum + i.units * i.unit_price, 0);
    if (total !== parsed.amount) throw invalid(`items: the items add up to ${total} cents, not the amount ${parsed.amount}`);
  }
  return { ...parsed, reference: reference.value };
}

const createRefundBody = z.strictObject({
  amount: cents(1),
  /** What the caller believes is still refundable; a stale belief gets 412. */
  expected_available: z.number({ error: 'must be a whole number of cents' }).int({ error: 'must be a whole number of cents' }).min(0, { error: 'must not be negative' }).optional(),
  reason: text(200).optional(),
});

export type CreateRefundInput = z.output<typeof createRefundBody>;

export function parseCreateRefund(body: unknown): CreateRefundInput {
  return parseWith(createRefundBody, body);
}

function parseWith<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('the body must be a JSON object');
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw invalid(describe(result.error.issues[0]!, body));
}

function describe(issue: z.core.$ZodIssue, body: object): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
  const path = issue.path.map(String).join('.');
  if (path === '') return issue.message;
  if (issue.code === 'invalid_type' && valueAt(body, issue.path) === undefined) return `${path}: is required`;
  return `${path}: ${issue.message}`;
}

function valueAt(body: object, path: readonly PropertyKey[]): unknown {
  let value: unknown = body;
  for (const key of path) value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

export function invalid(message: string): PaymentError {
  return new PaymentError('ERR_PAYMENT_INVALID_REQUEST', message);
}
