import { ApiRefusal } from './merchant-api.ts';

export interface CreateBody {
  readonly stamp: string;
  readonly reference: string;
  readonly amount: number;
  readonly language: string;
  readonly redirectUrls: { readonly success: string; readonly cancel: string };
  readonly callbackUrls: { readonly success: string; readonly cancel: string } | null;
}

/** The create-payment rules Paytrail enforces and a merchant most often gets wrong. */
export function checkCreateBody(body: unknown): CreateBody {
  const b = (body ?? {}) as Record<string, unknown>;
  const refuse = (message: string): never => {
    throw new ApiRefusal(400, message);
  };
  if (typeof b.stamp !== 'string' || b.stamp.length < 1 || b.stamp.length > 200) refuse('stamp: 1-200 characters required');
  if (typeof b.reference !== 'string' || b.reference.length < 1 || b.reference.length > 200) refuse('reference: 1-200 characters required');
  if (!Number.isInteger(b.amount) || (b.amount as number) < 1 || (b.amount as number) > 99_999_999) refuse('amount: integer 1-99999999 required');
  if (b.currency !== 'EUR') refuse('currency: must be EUR');
  if (b.language !== 'FI' && b.language !== 'SV' && b.language !== 'EN') refuse('language: FI, SV or EN');
  if (!Array.isArray(b.items) || b.items.length === 0) refuse('items: required');
  let total = 0;
  for (const item of b.items as Record<string, unknown>[]) {
    if (!Number.isInteger(item.unitPrice) || !Number.isInteger(item.units) || (item.units as number) < 1) refuse('items: unitPrice and units must be integers');
    const vat = item.vatPercentage;
    if (typeof vat !== 'number' || vat < 0 || vat > 100 || Math.round(vat * 10) !== vat * 10) refuse('items: vatPercentage 0-100 with at most one decimal');
    if (typeof item.productCode !== 'string' || item.productCode === '') refuse('items: productCode required');
    total += (item.unitPrice as number) * (item.units as number);
  }
  if (total !== b.amount) refuse('items: the items do not add up to the amount');
  const customer = b.customer as { email?: unknown } | undefined;
  if (typeof customer?.email !== 'string' || !customer.email.includes('@')) refuse('customer.email: required');
  return {
    stamp: b.stamp as string,
    reference: b.reference as string,
    amount: b.amount as number,
    language: b.language as string,
    redirectUrls: urls(b.redirectUrls, 'redirectUrls', 300) ?? refuse('redirectUrls: success and cancel required'),
    callbackUrls: urls(b.callbackUrls, 'callbackUrls', 3000),
  };
}

function urls(value: unknown, name: string, max: number): { success: string; cancel: string } | null {
  if (value === undefined) return null;
  const v = value as { success?: unknown; cancel?: unknown };
  for (const url of [v.success, v.cancel]) {
    if (typeof url !== 'string' || url.length > max || !/^https?:\/\//.test(url)) throw new ApiRefusal(400, `${name}: http(s) URLs of at most ${max} characters`);
  }
  return { success: v.success as string, cancel: v.cancel as string };
}
